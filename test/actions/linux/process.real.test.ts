// The process driver for real: test/fixtures/sleeper.sh started detached, watched and stopped.
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processDriver, pidFileFor } from '../../../src/actions/linux/process.js';
import { Lab, fixtures, real, sh, sleep, skipNotice } from './real-env.js';
import { ctxFor, resource } from '../helpers.js';

// Plain processes need no root; this suite only needs /proc.
const skip = skipNotice('process driver (real)', process.platform === 'linux' ? null : 'needs Linux /proc');

describe.skipIf(skip)('process driver, for real', () => {
  const lab = new Lab();
  afterAll(() => lab.cleanup());
  const sleeper = (name: string) =>
    resource({ type: 'process', name, command: [join(fixtures, 'sleeper.sh')], cwd: lab.dir, env: { ROSEHA_TEST_ENV: 'e-42' }, stop_grace_ms: 500 });
  /** Live members of a process group (zombies are dead: the container's init may be slow to reap them). */
  const groupMembers = async (pgid: number) =>
    (await sh('ps', '-o', 'pid=,stat=', '-g', String(pgid))).stdout
      .split('\n')
      .map((s) => s.trim().split(/\s+/))
      .filter(([pid, stat]) => pid && !stat?.startsWith('Z'))
      .map(([pid]) => pid);

  it('start (cwd, env, log file, pid file) → monitor → stop with SIGTERM → monitor', async () => {
    const ctx = ctxFor(real, { stateDir: lab.stateDir });
    const p = sleeper('app');
    await processDriver.start(p, ctx);
    const [pid, startTime] = readFileSync(pidFileFor(p, ctx), 'utf8').trim().split(' ');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    expect(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]).toBe(startTime); // field 22
    expect((await processDriver.monitor(p, ctx)).status).toBe('running');
    await processDriver.start(p, ctx); // idempotent: same pid
    expect(readFileSync(pidFileFor(p, ctx), 'utf8').trim().split(' ')[0]).toBe(pid);
    await sleep(300);
    expect(readFileSync(join(lab.stateDir, 'process', 'app.log'), 'utf8')).toContain(`cwd=${lab.dir} env=e-42`);
    expect((await groupMembers(Number(pid))).length).toBeGreaterThanOrEqual(2); // the script and its sleep child
    const t0 = performance.now();
    await processDriver.stop(p, ctx);
    const stopMs = performance.now() - t0;
    expect(await groupMembers(Number(pid))).toEqual([]); // the whole group is gone
    expect((await processDriver.monitor(p, ctx)).status).toBe('stopped');
    expect(stopMs).toBeLessThan(500); // left at SIGTERM: no wait for the grace period
    await processDriver.stop(p, ctx); // idempotent
  });

  it('a program that ignores SIGTERM is killed after stop_grace_ms', async () => {
    const ctx = ctxFor(real, { stateDir: lab.stateDir });
    const p = resource({ type: 'process', name: 'stubborn', command: [join(fixtures, 'sleeper.sh'), 'ignore-term'], stop_grace_ms: 500 });
    await processDriver.start(p, ctx);
    await sleep(200); // let it install its trap
    const pid = Number(readFileSync(pidFileFor(p, ctx), 'utf8').split(' ')[0]);
    const t0 = performance.now();
    await processDriver.stop(p, ctx);
    const ms = performance.now() - t0;
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThan(2500);
    expect(await groupMembers(pid)).toEqual([]);
    expect(readFileSync(join(lab.stateDir, 'process', 'stubborn.log'), 'utf8')).toContain('TERM ignored');
  });

  it('PID reuse: a pid file naming a live process with another start time is not ours and is not signalled', async () => {
    const ctx = ctxFor(real, { stateDir: lab.stateDir });
    const p = sleeper('reused');
    const { pid } = await real.spawnDetached({ file: 'sleep', args: ['600'] }); // an unrelated process
    try {
      const startTime = await real.host!.startTime(pid);
      await real.host!.writePidFile(pidFileFor(p, ctx), { pid, startTime: String(Number(startTime) - 1) });
      expect((await processDriver.monitor(p, ctx)).status).toBe('stopped');
      await processDriver.stop(p, ctx);
      expect(await real.host!.startTime(pid)).toBe(startTime); // still alive
      expect(ctx.warnings.map((w) => w[0])).toEqual(['RHA-W3043']);
    } finally {
      await real.host!.signalGroup(pid, 'SIGKILL');
    }
  });

  it('a missing program is RHA-E3040', async () => {
    const ctx = ctxFor(real, { stateDir: lab.stateDir });
    await expect(processDriver.start(resource({ type: 'process', name: 'x', command: [join(lab.dir, 'no-such')] }), ctx)).rejects.toMatchObject({ code: 'RHA-E3040' });
  });
});
