// `npm run demo`: the story of roseha in one minute. As root on Linux: the two-node lab comes up,
// `roseha status` is shown, node-a loses its power (all interfaces down and every process killed at
// one instant), node-b's view streams live while the client probes the virtual IP, and the measured
// outage and overlap are printed; the lab goes down at the end, also on Ctrl-C. Elsewhere (not root,
// no namespaces, not Linux) it tells the same story with two agents on loopback and the simulation,
// and says plainly that nothing real was moved.
import type { StatusReport } from '../core/status.js';
import { createExecaRunner } from '../platform/execa-runner.js';
import { labUnavailableReason, withLab, type Lab } from './lab.js';
import { LabRoseha } from './roseha.js';
import { monotonicMs, sleep } from './exec.js';
import { runLoopbackDemo } from './demo-loopback.js';

const say = (text: string) => process.stdout.write(`${text}\n`);
const title = (text: string) => say(`\n\x1b[1m== ${text}\x1b[0m`);
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const dim = (t: string) => (color ? `\x1b[2m${t}\x1b[0m` : t);

/** One line of what a node sees: peer, links, where the group runs. */
export function statusLine(s: StatusReport | undefined, group = 'web'): string {
  if (!s) return 'no answer';
  const peer = s.nodes.find((n) => !n.self);
  const links = s.links.filter((l) => l.configured).map((l) => `${l.name} ${l.up ? 'up' : 'DOWN'}`).join(', ');
  const g = s.groups.find((x) => x.name === group);
  const phases = g ? Object.entries(g.phases).map(([n, p]) => `${n}=${p}`).join(' ') : '';
  return `peer ${peer?.name} ${peer?.alive ? 'alive' : 'DEAD'} | ${links} | ${group}: ${phases}${g?.locked ? ` (locked: ${g.locked.reason})` : ''}`;
}

async function showStatus(roseha: LabRoseha, node: 'node-a' | 'node-b'): Promise<void> {
  say(dim(`$ roseha status        # on ${node}`));
  const r = await roseha.cli(node, ['status']);
  process.stdout.write(r.stdout || r.stderr);
}

async function labDemo(lab: Lab): Promise<void> {
  const roseha = new LabRoseha(lab);
  const n = lab.names;
  say(`lab up: namespaces ${n.nodes['node-a'].netns}, ${n.nodes['node-b'].netns}, ${n.clientNetns}; private 192.168.100.0/24, public 10.99.0.0/24,`);
  say(`shared disk on loop devices (heartbeat ${lab.disks['node-a'].heartbeatDevice}, data ${lab.disks['node-a'].dataDevice} on node-a)`);
  say(`the group "web": ext4 volume → virtual IP ${n.vip} → a TCP service on port ${n.servicePort}; the client connects every 5 ms`);

  title('Starting roseha on both nodes (timing profile: balanced, 200 ms × 5)');
  await roseha.start('node-a');
  await roseha.waitStatus('node-a', 'web active', (s) => s.groups[0]?.activeNode === 'node-a', 60_000);
  await roseha.start('node-b');
  const active = await roseha.waitSettled(60_000);
  await lab.prober.waitForAnswer(15_000, active);
  say(`web runs on ${active}; the client is answered by ${(await lab.prober.current())?.by}`);
  await showStatus(roseha, 'node-a');

  title('Cutting node-a\'s power: every interface down and every process killed at one instant');
  await sleep(1000);
  let last = '';
  let streaming = true;
  const t0 = monotonicMs();
  const stream = (async () => {
    while (streaming) {
      const s = await roseha.status('node-b');
      const probe = lab.prober.failing ? 'client: NO ANSWER' : `client: answered by ${(await lab.prober.current())?.by ?? '?'}`;
      const line = `${statusLine(s)} | ${probe}`;
      if (line !== last) say(`  +${String(Math.round(monotonicMs() - t0)).padStart(5)} ms  node-b sees: ${line}`);
      last = line;
      await sleep(50);
    }
  })();
  const fault = await lab.faults.powerLoss('node-a');
  const vipAt = await lab.checker.waitForHolder('node-b', 60_000, fault.t);
  const outage = await lab.prober.waitForOutageAfter(fault.t, 60_000);
  await sleep(1500);
  streaming = false;
  await stream;
  const report = await lab.checker.report({ from: fault.t - 1000 });

  title('Measured');
  say(`virtual IP on node-b ${Math.round(vipAt - fault.t)} ms after the power cut (dead_after_ms is 1000)`);
  say(`client outage: ${Math.round(outage.ms)} ms (${outage.failures} failed connection attempts), then answered by ${outage.after}`);
  say(`overlap (both nodes holding the virtual IP): ${report.overlapMs.toFixed(0)} ms; volume mounted on both: ${report.volumeOverlapMs.toFixed(0)} ms` +
    ` (${report.sampleCount['node-a'] ?? 0} + ${report.sampleCount['node-b'] ?? 0} samples)`);
  await showStatus(roseha, 'node-b');
  title('Bringing the lab down');
}

async function main(): Promise<number> {
  const runner = createExecaRunner();
  const why = await labUnavailableReason(runner);
  if (why) {
    say(`The real lab cannot run here: ${why}.`);
    say('Telling the same story with two roseha agents on loopback and the simulation instead.');
    return runLoopbackDemo(say, title);
  }
  await withLab({ prefix: 'demo', timing: 'balanced' }, labDemo);
  say('lab down: namespaces, loop devices and disk images removed.');
  return 0;
}

process.exitCode = await main();
