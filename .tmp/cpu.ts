import { readFileSync, readdirSync } from 'node:fs';
import { withLab } from '../src/lab/lab.js';
import { labNodeNames } from '../src/lab/names.js';
import { sleep } from '../src/lab/exec.js';
function snap() {
  const m = new Map<number, { cmd: string; t: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = readFileSync(`/proc/${d}/stat`, 'utf8');
      const rest = st.slice(st.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').join(' ').slice(0, 90);
      m.set(Number(d), { cmd, t: Number(rest[11]) + Number(rest[12]) });
    } catch {}
  }
  return m;
}
await withLab({ prefix: 'rhc', timing: 'fast' }, async (lab) => {
  for (const n of labNodeNames) await lab.startAgent(n);
  await lab.checker.waitForSingleHolder(60_000);
  await lab.prober.waitForAnswer(60_000);
  await sleep(3000);
  const a = snap();
  await sleep(10_000);
  const b = snap();
  const rows = [...b].map(([pid, v]) => ({ pid, cmd: v.cmd, cpu: (v.t - (a.get(pid)?.t ?? v.t)) / 100 / 10 })).filter((r) => r.cpu > 0.005).sort((x, y) => y.cpu - x.cpu);
  for (const r of rows.slice(0, 15)) console.log((r.cpu * 100).toFixed(1).padStart(6) + '%', r.pid, r.cmd);
});
