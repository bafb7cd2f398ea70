// End to end, as root, in the lab: both nodes started at the same instant, 20 times: exactly one
// runs the group every time, and the split-brain checker never sees both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../../src/lab/lab.js';
import { LabRoseha } from '../../src/lab/roseha.js';
import { labNodeNames } from '../../src/lab/names.js';
import { e2eUnavailable, expectNoOverlap, now, sleep } from './helpers.js';

const unavailable = await e2eUnavailable('test/e2e/start-together.test.ts');
const rounds = 20;

describe.skipIf(!!unavailable)('both nodes started together (lab, root)', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await Lab.up({ prefix: 'e2both', timing: 'balanced' });
  }, 60_000);
  afterAll(async () => {
    await lab?.down();
  }, 60_000);

  it(`${rounds} simultaneous starts: exactly one active every time`, async () => {
    const roseha = new LabRoseha(lab);
    const from = now();
    const winners: string[] = [];
    for (let i = 0; i < rounds; i++) {
      await Promise.all(labNodeNames.map((n) => roseha.start(n)));
      const active = await roseha.waitSettled(30_000);
      await lab.prober.waitForAnswer(10_000, active);
      // Settled means settled: a few heartbeats later it is still one node, the same one.
      await sleep(500);
      const h = await lab.checker.holders();
      expect(h.vip).toEqual([active]);
      expect(h.volume).toEqual([active]);
      expect(await roseha.waitSettled(5000)).toBe(active);
      winners.push(active);
      await Promise.all(labNodeNames.map((n) => roseha.wipe(n)));
      await lab.checker.poll();
    }
    console.log(`[e2e start together] ${rounds} rounds, active: ${winners.join(' ')}`);
    expect(winners).toHaveLength(rounds);
    await expectNoOverlap(lab, { from });
  }, 600_000);
});
