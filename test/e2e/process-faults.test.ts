// End to end, as root, in the lab: faults of the agent's own processes (DESIGN.md "Fault model").
// worker SIGKILL: nothing moves, the new worker adopts; worker SIGSTOP: the guardian releases and the
// peer takes over; the whole node frozen for 3 × dead_after_ms: it releases within a heartbeat of
// waking. Every test ends with the split-brain checker's verdict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerOf } from '../../src/lab/names.js';
import { e2eUnavailable, expectNoOverlap, now, sleep, upWithRoseha, type E2eLab } from './helpers.js';

const unavailable = await e2eUnavailable('test/e2e/process-faults.test.ts');

describe.skipIf(!!unavailable)('process faults (lab, root)', () => {
  let e: E2eLab;
  const hb = 200;
  const dead = 1000;
  beforeAll(async () => {
    e = await upWithRoseha('e2proc', 'balanced');
  }, 90_000);
  afterAll(async () => {
    await e?.lab.down();
  }, 60_000);

  it('worker SIGKILL: the guardian restarts it, it adopts the running group, nothing moves', async () => {
    const active = await e.roseha.waitSettled(30_000);
    const standby = peerOf(active);
    const from = now();
    const wall = Date.now();
    const worker = await e.roseha.waitWorker(active, 5000);
    e.lab.faults.signal([worker], 'SIGKILL');
    const next = await e.roseha.waitWorker(active, 10_000, worker);
    expect(next).not.toBe(worker);
    await e.roseha.waitLogged(active, 'RHA-I2033', wall, 15_000);
    await e.roseha.waitSettled(15_000);
    await sleep(2 * dead);
    const s = await e.roseha.waitSettled(5000);
    expect(s).toBe(active);
    expect(await e.roseha.logged(standby, ['RHA-I2100', 'RHA-I2101'], wall)).toEqual([]);
    expect(await e.roseha.logged(active, ['RHA-E2004', 'RHA-I2103'], wall)).toEqual([]);
    // The service never stopped: the client saw no outage.
    expect((await e.lab.prober.outages()).filter((o) => o.end >= from)).toEqual([]);
    await expectNoOverlap(e.lab, { from });
  }, 90_000);

  it('worker SIGSTOP: the guardian releases the group before the peer takes over; no overlap', async () => {
    const active = await e.roseha.waitSettled(30_000);
    const standby = peerOf(active);
    const from = now();
    const wall = Date.now();
    const worker = await e.roseha.waitWorker(active, 5000);
    e.lab.faults.signal([worker], 'SIGSTOP');
    const released = await e.roseha.waitLogged(active, 'RHA-E2004', wall, 10_000);
    await e.roseha.waitLogged(active, 'RHA-I2005', wall, 10_000);
    const taken = await e.roseha.waitLogged(standby, 'RHA-I2101', wall, 15_000);
    // The guardian acted first, inside dead_after_ms; the peer took over after it.
    expect(released.time - wall).toBeLessThan(dead);
    expect(taken.time).toBeGreaterThan(released.time);
    await e.lab.checker.waitForHolder(standby, 10_000, from);
    await e.lab.prober.waitForAnswer(10_000, standby);
    // The stopped worker was killed; a fresh one joins as the standby.
    e.lab.faults.signal([worker], 'SIGCONT');
    expect(await e.roseha.waitSettled(30_000)).toBe(standby);
    await expectNoOverlap(e.lab, { from });
  }, 90_000);

  it('whole node frozen for 3 × dead_after_ms: the peer takes over, and on waking the node releases within a heartbeat', async () => {
    const active = await e.roseha.waitSettled(30_000);
    const standby = peerOf(active);
    const before = now();
    const wall = Date.now();
    const pids = await e.roseha.rosehaPids(active);
    expect(pids).toHaveLength(2);
    const frozenAt = e.lab.faults.signal(pids, 'SIGSTOP');
    await e.roseha.waitLogged(standby, 'RHA-I2101', wall, 3 * dead);
    await sleep(Math.max(0, frozenAt + 3 * dead - now()));
    const wokeAt = e.lab.faults.signal(pids, 'SIGCONT');
    await e.lab.prober.waitForAnswer(10_000, standby);
    await e.roseha.waitSettled(30_000);
    // While frozen, software cannot act: the overlap then is measured and reported, never hidden.
    const frozen = await e.lab.checker.report({ from: frozenAt, to: wokeAt + hb });
    const released = (await e.roseha.logged(active, 'RHA-I2104', wall))[0];
    console.log(
      `[e2e freeze] ${active} frozen ${(wokeAt - frozenAt).toFixed(0)} ms; VIP overlap ${frozen.overlapMs.toFixed(0)} ms, ` +
        `volume overlap ${frozen.volumeOverlapMs.toFixed(0)} ms, from the freeze to one heartbeat after waking; ` +
        `group stopped on ${active} ${released ? `${released.time - wall - (wokeAt - before)} ms after waking` : 'never'}`,
    );
    expect(released).toBeDefined();
    // From one heartbeat after waking: none (over a window long enough to mean something).
    await sleep(Math.max(0, wokeAt + hb + 1000 - now()));
    await expectNoOverlap(e.lab, { from: wokeAt + hb });
  }, 90_000);
});
