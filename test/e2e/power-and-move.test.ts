// End to end, as root, in the lab: node power loss (the group moves, the client outage is measured),
// the powered-off node rejoining as the standby, and an operator's `roseha move` there and back
// (failback). Every test ends with the split-brain checker's verdict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerOf } from '../../src/lab/names.js';
import { measurePowerLossFailover } from '../../src/lab/failover.js';
import { e2eUnavailable, expectNoOverlap, now, upWithRoseha, type E2eLab } from './helpers.js';

const unavailable = await e2eUnavailable('test/e2e/power-and-move.test.ts');

describe.skipIf(!!unavailable)('power loss and operator moves (lab, root)', () => {
  let e: E2eLab;
  const hb = 200;
  beforeAll(async () => {
    e = await upWithRoseha('e2pow', 'balanced');
  }, 90_000);
  afterAll(async () => {
    await e?.lab.down();
  }, 60_000);

  it('node power loss: the peer takes over after dead_after_ms; the node powers on and rejoins as the standby', async () => {
    const active = await e.roseha.waitSettled(30_000);
    const from = now();
    const m = await measurePowerLossFailover(e.lab, { cycleMs: hb, timeoutMs: 30_000 });
    console.log(`[e2e power loss] ${m.victim} lost power ${m.delayMs.toFixed(0)} ms into a heartbeat; VIP on ${m.peer} after ${m.vipOnPeerMs.toFixed(0)} ms, client outage ${m.outageMs.toFixed(0)} ms, overlap ${m.overlapMs} ms`);
    expect(m.victim).toBe(active);
    expect(m.answeredBy).toBe(peerOf(active));
    // Not before dead_after_ms (1000 ms) of silence: the peer must not guess. The silence began with
    // the last beat sent, at most one heartbeat before the fault.
    expect(m.vipOnPeerMs).toBeGreaterThan(1000 - hb);
    expect(m.overlapMs).toBe(0);
    await e.lab.powerOn(m.victim);
    await e.roseha.start(m.victim);
    expect(await e.roseha.waitSettled(30_000)).toBe(m.peer);
    await expectNoOverlap(e.lab, { from });
  }, 90_000);

  it('roseha move to the other node, then back (failback): each a clean switchover', async () => {
    const first = await e.roseha.waitSettled(30_000);
    const other = peerOf(first);
    const from = now();
    for (const [from_, to] of [[first, other], [other, first]] as const) {
      const t = now();
      const r = await e.roseha.cli(from_, ['move', 'web', to, '--wait', '30', '--json'], 40_000);
      expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
      await e.lab.checker.waitForHolder(to, 10_000, t);
      await e.lab.prober.waitForAnswer(10_000, to);
      expect(await e.roseha.waitSettled(15_000)).toBe(to);
      const outage = (await e.lab.prober.outages()).filter((o) => o.end >= t);
      console.log(`[e2e move] ${from_} → ${to}: \`roseha move\` took ${(now() - t).toFixed(0)} ms, client outage ${outage.map((o) => o.ms.toFixed(0)).join(', ') || 'none'} ms`);
    }
    // A transient move leaves no constraint behind.
    const s = await e.roseha.status(first);
    expect(s?.intents.filter((i) => i.kind === 'move' || i.kind === 'pin')).toEqual([]);
    await expectNoOverlap(e.lab, { from });
  }, 120_000);
});
