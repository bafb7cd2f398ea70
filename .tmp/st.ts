import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withLab } from '../src/lab/lab.js';
import { LabRoseha } from '../src/lab/roseha.js';
import { labNodeNames } from '../src/lab/names.js';
import { sleep } from '../src/lab/exec.js';
await withLab({ prefix: 'rst', timing: 'balanced' }, async (lab) => {
  const roseha = new LabRoseha(lab);
  for (let i = 0; i < 40; i++) {
    await Promise.all(labNodeNames.map((n) => roseha.start(n)));
    const active = await roseha.waitSettled(30_000);
    await lab.prober.waitForAnswer(10_000, active);
    const t = Date.now();
    await sleep(500);
    const h = await lab.checker.holders();
    if (h.vip.length !== 1 || h.volume.length !== 1) {
      console.log(`round ${i}: active ${active}, holders ${JSON.stringify(h)}`);
      for (const n of labNodeNames) {
        const lines = readFileSync(join(lab.names.nodes[n].dir, 'roseha.log'), 'utf8').trim().split('\n').slice(-40);
        console.log(`--- ${n}`);
        for (const l of lines) { const r = JSON.parse(l); if (r.time > t - 8000) console.log(r.time - t, r.code ?? '', String(r.msg).slice(0, 200), r.steps ? JSON.stringify(r.steps) : ''); }
      }
      return;
    }
    await Promise.all(labNodeNames.map((n) => roseha.wipe(n)));
    await lab.checker.poll();
  }
  console.log('no failure in 40 rounds');
});
