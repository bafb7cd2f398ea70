// The lab end to end, as root: topology, observers, faults and one keepalived power-loss failover.
// All root lab tests live in this one file (prefix "tlab") so that they never run in parallel.
import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import { createExecaRunner } from '../../src/platform/execa-runner.js';
import { labUnavailableReason, withLab, type Lab } from '../../src/lab/lab.js';
import { labNames, type LabNames } from '../../src/lab/names.js';
import { labDown } from '../../src/lab/lab.js';
import { keepalivedSettings } from '../../src/lab/keepalived-render.js';
import { measurePowerLossFailover } from '../../src/lab/failover.js';
import { waitFor } from '../../src/lab/exec.js';

const runner = createExecaRunner();
const unavailable = await labUnavailableReason(runner);
if (unavailable) console.warn(`test/lab/lab.test.ts skipped: ${unavailable}`);
const prefix = 'tlab';

const ping = async (lab: Lab, from: 'node-a' | 'node-b' | 'client', to: string) => (await lab.exec(from, 'ping', ['-c', '1', '-W', '1', to])).exitCode;

describe.skipIf(!!unavailable)('lab (root, network namespaces)', () => {
  it('builds two nodes and a client, observes and faults them, fails keepalived over, and leaves nothing behind', async () => {
    const names = labNames(prefix);
    await withLab({ prefix, timing: 'fast' }, async (lab) => {
      // Topology: everything answers inside the lab, nothing of it is in the root namespace.
      expect(await ping(lab, 'client', names.gateway)).toBe(0);
      expect(await ping(lab, 'node-a', names.nodes['node-b'].privateAddress)).toBe(0);
      expect(await ping(lab, 'node-a', names.nodes['node-b'].publicAddress)).toBe(0);
      const rootLinks = (await runner.run({ file: 'ip', args: ['-o', 'link', 'show'] })).stdout;
      expect(rootLinks).not.toMatch(/\b(br-pub|br-priv|a-priv|a-pub)\b/);

      // The shared heartbeat area: written through node-a's path, read through node-b's (O_DIRECT).
      const { heartbeatDevice: hbA } = lab.disks['node-a'];
      const { heartbeatDevice: hbB } = lab.disks['node-b'];
      const w = await runner.run({ file: 'sh', args: ['-c', 'printf "slot-a %0500d" 7 | dd of="$0" bs=512 seek=2 oflag=direct conv=sync status=none', hbA] });
      expect(w.exitCode).toBe(0);
      const r = await runner.run({ file: 'dd', args: [`if=${hbB}`, 'bs=512', 'skip=2', 'count=1', 'iflag=direct', 'status=none'] });
      expect(r.stdout.startsWith('slot-a 000')).toBe(true);

      // The checker sees a volume mounted by a process of node-b's namespace, and nothing on node-a.
      expect(await lab.checker.holders()).toMatchObject({ vip: [], volume: [] });
      const mounter = await runner.spawnDetached({
        file: 'ip',
        args: ['netns', 'exec', names.nodes['node-b'].netns, 'sh', '-c', 'mount "$0" "$1" && exec sleep 60', lab.disks['node-b'].dataDevice, names.nodes['node-b'].mountPoint],
      });
      await waitFor('the checker to see the mount', async () => ((await lab.checker.holders()).volume.join() === 'node-b' ? true : undefined), 5000);
      process.kill(mounter.pid, 'SIGKILL');
      await waitFor('the mount to go with its process', async () => ((await lab.checker.holders()).volume.length === 0 ? true : undefined), 5000);

      // Disk path loss on node-b: its devices shrink to nothing, node-a's path still works; then back.
      await lab.faults.diskPathLoss('node-b');
      const size = async (dev: string) => (await runner.run({ file: 'blockdev', args: ['--getsize64', dev] })).stdout.trim();
      expect(await size(lab.disks['node-b'].dataDevice)).toBe('0');
      expect(await size(lab.disks['node-a'].dataDevice)).not.toBe('0');
      await lab.faults.diskPathRestore('node-b');
      expect(await size(lab.disks['node-b'].dataDevice)).toBe(await size(lab.disks['node-a'].dataDevice));

      // Total loss on node-a's private link, then repaired; a cut link, then repaired.
      await lab.faults.packetLoss('node-a', 'private', 100);
      expect(await ping(lab, 'node-a', names.nodes['node-b'].privateAddress)).not.toBe(0);
      await lab.faults.clearPacketLoss('node-a', 'private');
      expect(await ping(lab, 'node-a', names.nodes['node-b'].privateAddress)).toBe(0);
      await lab.faults.cutLink('node-b', 'public');
      expect(await ping(lab, 'node-a', names.nodes['node-b'].publicAddress)).not.toBe(0);
      await lab.faults.repairLink('node-b', 'public');
      await waitFor('node-b public again', async () => ((await ping(lab, 'node-a', names.nodes['node-b'].publicAddress)) === 0 ? true : undefined), 5000);

      // keepalived (VRRPv3, 100 ms adverts) with the service on both nodes; node-a wins the election.
      const setting = keepalivedSettings.find((s) => s.advertIntS === 0.1)!;
      for (const node of ['node-a', 'node-b'] as const) {
        await lab.startService(node);
        await lab.startKeepalived(node, setting);
      }
      await lab.checker.waitForHolder('node-a', 15_000);
      await lab.prober.waitForAnswer(15_000, 'node-a');

      const m = await measurePowerLossFailover(lab, { cycleMs: 100 });
      expect(m.victim).toBe('node-a');
      expect(m.peer).toBe('node-b');
      expect(m.answeredBy).toBe('node-b');
      expect(m.vipOnPeerMs).toBeGreaterThan(0);
      expect(m.outageMs).toBeGreaterThan(0);
      expect(m.outage.start).toBeLessThanOrEqual(m.fault.t + 20);
      expect(m.fault.linksDownAt - m.fault.t).toBeLessThan(50);
      // Power loss leaves no process of node-a alive, only the lab's observer.
      expect(await lab.faults.processesOf('node-a')).toEqual([]);
      expect((await lab.checker.holders()).vip).toEqual(['node-b']);

      const report = await lab.checker.stop();
      expect(report.sampleCount['node-a']).toBeGreaterThan(50);
      expect(report.maxGapMs['node-a']).toBeLessThan(100);
      const probe = await lab.prober.stop();
      expect(probe.ok).toBeGreaterThan(0);
      expect(probe.outages.length).toBeGreaterThan(0);
      console.info(`lab test: keepalived advert 0.1 power loss: VIP on peer after ${m.vipOnPeerMs.toFixed(0)} ms, client outage ${m.outageMs.toFixed(0)} ms, overlap ${m.overlapMs.toFixed(0)} ms`);
    });

    // Nothing left behind.
    const netns = (await runner.run({ file: 'ip', args: ['netns', 'list'] })).stdout;
    expect(netns).not.toMatch(new RegExp(`^${prefix}-`, 'm'));
    const loops = (await runner.run({ file: 'losetup', args: ['--list', '--noheadings', '--output', 'BACK-FILE'] })).stdout;
    expect(loops).not.toContain(names.runDir);
    const mounts = await readFile('/proc/self/mounts', 'utf8');
    expect(mounts).not.toContain(names.runDir);
    const ps = (await runner.run({ file: 'ps', args: ['-eo', 'args'] })).stdout;
    expect(ps).not.toContain(`${names.runDir}/`);
  }, 180_000);

  // A lab held by another process: SIGTERM makes it clean up itself; after SIGKILL, `labDown` from here
  // finds what it left through the run-dir state file and the loop devices' backing files.
  const holdLab = async (p: string) => {
    const child = runner.spawnInteractive!({ file: process.execPath, args: ['src/lab/run-ts.mjs', 'test/lab/fixtures/hold-lab.ts', p] });
    const exited = new Promise<number | null>((resolve) => child.onExit(resolve));
    await new Promise<void>((resolve, reject) => {
      child.onLine((line) => line === 'up' && resolve());
      void exited.then((code) => reject(new Error(`hold-lab exited ${code} before the lab was up`)));
    });
    return { child, exited };
  };
  const leftovers = async (n: LabNames) => {
    const netns = (await runner.run({ file: 'ip', args: ['netns', 'list'] })).stdout;
    const loops = (await runner.run({ file: 'losetup', args: ['--list', '--noheadings', '--output', 'BACK-FILE'] })).stdout;
    const ps = (await runner.run({ file: 'ps', args: ['-eo', 'args'] })).stdout;
    return {
      namespaces: netns.split('\n').filter((l) => l.startsWith(`${n.prefix}-`)).length,
      loops: loops.split('\n').filter((l) => l.includes(n.runDir)).length,
      processes: ps.split('\n').filter((l) => l.includes(`${n.runDir}/`)).length,
    };
  };

  it('cleans up after itself when interrupted (SIGTERM)', async () => {
    const n = labNames('tlabt');
    const { child, exited } = await holdLab(n.prefix);
    expect((await leftovers(n)).namespaces).toBe(4);
    process.kill(child.pid!, 'SIGTERM');
    expect(await exited).toBe(143);
    expect(await leftovers(n)).toEqual({ namespaces: 0, loops: 0, processes: 0 });
  }, 120_000);

  it('cleans up a lab whose owner was killed (SIGKILL) from another process', async () => {
    const n = labNames('tlabk');
    const { child, exited } = await holdLab(n.prefix);
    process.kill(child.pid!, 'SIGKILL');
    await exited;
    const before = await leftovers(n);
    expect(before.namespaces).toBe(4);
    expect(before.loops).toBe(4);
    expect(before.processes).toBeGreaterThan(0); // the observers live on in the namespaces
    const report = await labDown(n, runner);
    expect(report.namespaces).toHaveLength(4);
    expect(report.loopDevices).toHaveLength(4);
    expect(await leftovers(n)).toEqual({ namespaces: 0, loops: 0, processes: 0 });
    expect(await labDown(n, runner)).toEqual({ killed: 0, namespaces: [], loopDevices: [] }); // idempotent
  }, 120_000);
});
