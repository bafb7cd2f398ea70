// Dev tool: one power-loss failover in the lab, then the survivor's log from the fault on, each line
// with its ms after the fault: where the outage goes. node src/lab/run-ts.mjs bench/trace-failover.ts [fast]
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withLab } from '../src/lab/lab.js';
import { measurePowerLossFailover } from '../src/lab/failover.js';
import { timingProfiles, type TimingProfile } from '../src/config/timing.js';
import { labNodeNames } from '../src/lab/names.js';
import { monotonicMs, sleep } from '../src/lab/exec.js';

const timing = (process.argv[2] ?? 'fast') as TimingProfile;
const runs = Number(process.argv[3] ?? 3);
await withLab({ prefix: 'rht', timing }, async (lab) => {
  for (const n of labNodeNames) await lab.startAgent(n);
  await lab.checker.waitForSingleHolder(60_000);
  await lab.prober.waitForAnswer(60_000);
  await sleep(2000);
  for (let i = 0; i < runs; i++) {
    const wallAtFault = { t: 0 };
    const before = Date.now();
    const m = await measurePowerLossFailover(lab, { cycleMs: timingProfiles[timing].heartbeat_ms, timeoutMs: 10_000 }).catch(async (err) => {
      const tail = (await readFile(lab.prober.outFile, 'utf8')).split('\n').slice(-12).join('\n');
      console.log(`${(err as Error).message}\nprober:\n${tail}`);
      for (const n of labNodeNames) {
        const log = (await readFile(join(lab.names.nodes[n].dir, 'roseha.log'), 'utf8')).split('\n').slice(-25).map((l) => l.slice(0, 300)).join('\n');
        console.log(`${n} log:\n${log}`);
        console.log(await readFile(join(lab.names.nodes[n].dir, 'state', 'process', 'web-server.log'), 'utf8').catch(() => '(no service log)'));
      }
      throw err;
    });
    wallAtFault.t = Date.now() - (monotonicMs() - m.fault.t);
    console.log(`run ${i + 1}: VIP on ${m.peer} after ${m.vipOnPeerMs.toFixed(0)} ms, outage ${m.outageMs.toFixed(0)} ms (outage began ${(m.outage.start - m.fault.t).toFixed(0)} ms after the fault)`);
    const text = await readFile(join(lab.names.nodes[m.peer].dir, 'roseha.log'), 'utf8');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { time: number; code?: string; msg?: string; steps?: Array<{ resource: string; op: string; ms: number }>; data?: { steps?: Array<{ resource: string; op: string; ms: number }> } };
      row.steps ??= row.data?.steps;
      const rel = row.time - wallAtFault.t;
      if (row.time < before || rel < -50 || rel > 1500) continue;
      console.log(`  ${rel.toFixed(0).padStart(6)} ${row.code ?? ''} ${String(row.msg ?? '').slice(0, 150)}${row.steps ? ' [' + row.steps.map((st) => `${st.resource} ${st.op} ${st.ms}`).join(', ') + ']' : ''}`);
    }
    await lab.powerOn(m.victim);
    await lab.startAgent(m.victim);
    await sleep(4000);
    await lab.checker.waitForSingleHolder(60_000);
    await lab.prober.waitForAnswer(60_000);
  }
});
