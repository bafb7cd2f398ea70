// End-to-end rule scenarios on the simulated two-node cluster (detector + decide + executor + guardian).
import { describe, expect, it } from 'vitest';
import type { GroupSpec } from '../../src/core/decide.js';
import { parseSteps, simulate, type SimConfig, type SimResult } from '../../src/core/sim.js';
import { isRosehaError } from '../../src/errors.js';

const A = 'node-a';
const B = 'node-b';
const HB = 200;
const DEAD = 1000;
const erp: GroupSpec = { name: 'erp', nodes: [A, B], failback: 'manual', hasVolume: true, failoverThreshold: 3, failoverPeriodMs: 3_600_000 };
const web: GroupSpec = { name: 'web', nodes: [B, A], failback: 'auto', hasVolume: false, failoverThreshold: 3, failoverPeriodMs: 3_600_000 };
const base: SimConfig = { nodes: [A, B], groups: [erp], timing: { heartbeat_ms: HB, dead_after_ms: DEAD }, startMs: 100, stopMs: 100 };

const run = (steps: string, until: number, cfg: Partial<SimConfig> = {}): SimResult => simulate({ ...base, ...cfg }, parseSteps(steps, 3000), until);
const actions = (r: SimResult, node: string, type: 'start' | 'stop') => r.timeline.filter((e) => e.node === node && e.action?.type === type);
const phaseAt = (r: SimResult, node: string, group: string, text: string) => r.timeline.find((e) => e.node === node && e.kind === 'phase' && e.text === `${group} ${text}`);

describe('simulation: the rules end to end', () => {
  it('crash of the active node: the peer takes over within dead_after_ms + one heartbeat, never both', () => {
    const r = run('crash node-a', 8000);
    const takeover = actions(r, B, 'start')[0]!;
    expect(takeover.action).toMatchObject({ reason: 'takeover', epoch: 2 });
    expect(takeover.t - 3000).toBeGreaterThanOrEqual(DEAD - HB);
    expect(takeover.t - 3000).toBeLessThanOrEqual(DEAD + HB);
    expect(r.overlaps).toEqual([]);
    expect(r.final[B]!.phases.erp).toBe('active');
  });

  it('d: public network down on the active node: it stops, the standby starts only after the stop completed', () => {
    const r = run('public-down node-a; at 6000 public-up node-a', 9000);
    const stopped = phaseAt(r, A, 'erp', 'stopped')!;
    const start = actions(r, B, 'start')[0]!;
    expect(start.action).toMatchObject({ reason: 'handover' });
    expect(start.t).toBeGreaterThanOrEqual(stopped.t);
    expect(start.t - 3000).toBeLessThan(DEAD); // a handover does not wait for a deadline
    expect(r.overlaps).toEqual([]);
    // e, seen from the old active node: it cannot stand by while its public network is down; repaired: unlocked.
    expect(r.timeline.filter((e) => e.node === A && (e.action?.type === 'lock' || e.action?.type === 'unlock')).map((e) => [e.action!.type, e.t >= 6000])).toEqual([
      ['lock', false],
      ['unlock', true],
    ]);
  });

  it('h: both nodes boot together: exactly one starts each group, whatever the boot skew', () => {
    for (const skew of [0, 1, 7, 150, 400, 700]) {
      for (const seed of [1, 2, 3]) {
        const r = simulate({ ...base, groups: [erp, web], seed, bootAt: { [A]: skew, [B]: 0 } }, [], 4000);
        expect(r.overlaps).toEqual([]);
        expect(r.final[A]!.phases).toEqual({ erp: 'active', web: 'stopped' });
        expect(r.final[B]!.phases).toEqual({ erp: 'stopped', web: 'active' });
        expect(r.timeline.filter((e) => e.action?.type === 'start')).toHaveLength(2);
      }
    }
  });

  it('i: active/active: each group fails over, and with failback = "auto" comes back on its own', () => {
    const r = run('restart node-b 2000', 12_000, { groups: [erp, { ...web }] });
    // node-b crashes at 3000 and boots at 5000: node-a runs both meanwhile, then web goes home.
    expect(actions(r, A, 'start').map((e) => e.group)).toEqual(['erp', 'web']);
    expect(actions(r, A, 'stop').map((e) => [e.group, e.action!.type === 'stop' && e.action!.reason])).toEqual([['web', 'failback']]);
    expect(r.final[A]!.phases).toEqual({ erp: 'active', web: 'stopped' });
    expect(r.final[B]!.phases).toEqual({ erp: 'stopped', web: 'active' });
    expect(r.overlaps).toEqual([]);
  });

  it('j: a node frozen whole wakes after the peer took over and releases within one heartbeat', () => {
    const r = run('freeze node-a 3000', 9000);
    expect(actions(r, B, 'start')[0]!.t).toBeLessThan(6000);
    const stop = actions(r, A, 'stop')[0]!;
    expect(stop.action).toMatchObject({ reason: 'pause' });
    expect(stop.t - 6000).toBeLessThanOrEqual(HB);
    expect(r.overlaps).toHaveLength(1);
    expect(r.overlaps[0]!.to).toBeLessThanOrEqual(6000 + HB + 100);
  });

  it('a hung worker (SIGSTOP): the guardian releases before the peer takes over, never both', () => {
    const r = run('pause node-a 2500', 9000);
    const guardian = r.timeline.find((e) => e.kind === 'guardian')!;
    expect(guardian.t - 3000).toBeLessThan(DEAD / 2);
    expect(phaseAt(r, A, 'erp', 'stopped')!.t).toBeLessThan(actions(r, B, 'start')[0]!.t);
    expect(r.overlaps).toEqual([]);
  });

  it('g: disk path broken and no longer heard by the peer: self-fence before the peer takes over', () => {
    // No volume in the group, so only the lease can make node-a let go; node-a still hears node-b.
    const r = run('storage-broken node-a; at 3s cut private node-a>node-b; at 3s cut public node-a>node-b', 9000, { groups: [{ ...erp, hasVolume: false }] });
    const fence = actions(r, A, 'stop')[0]!;
    expect(fence.action).toMatchObject({ reason: 'self-fence' });
    expect(phaseAt(r, A, 'erp', 'stopped')!.t).toBeLessThan(actions(r, B, 'start')[0]!.t);
    expect(r.overlaps).toEqual([]);
  });

  it('b: both networks cut, the disk still beating: nothing moves, partition alert', () => {
    const r = run('cut private; at 3s cut public', 9000);
    expect(r.timeline.filter((e) => e.action?.type === 'start')).toHaveLength(1);
    expect(r.timeline.some((e) => e.kind === 'alert' && e.text.startsWith('RHA-W2501'))).toBe(true);
    expect(r.final[A]!.phases.erp).toBe('active');
  });

  it('c: private link cut: nothing moves, one alert per node', () => {
    const r = run('cut private', 9000);
    expect(r.timeline.filter((e) => e.action?.type === 'stop')).toEqual([]);
    expect(r.timeline.filter((e) => e.kind === 'alert' && e.text.startsWith('RHA-W2502')).map((e) => e.node).sort()).toEqual([A, B]);
  });

  it('a failed group fails over; cleanup lets it run there again', () => {
    const r = run('fail erp node-a; cleanup erp node-a; move erp node-a', 12_000);
    expect(actions(r, A, 'stop')[0]!.action).toMatchObject({ reason: 'failed' });
    expect(actions(r, B, 'start')[0]!.action).toMatchObject({ reason: 'handover' });
    expect(r.final[A]!.phases.erp).toBe('active');
    expect(r.overlaps).toEqual([]);
  });

  it('is deterministic: the same config, steps and seed give the same timeline', () => {
    const cfg: Partial<SimConfig> = { seed: 42, loss: 0.2, delayMs: { min: 1, max: 300 } };
    const one = run('cut private; freeze node-b 1500; heal private', 9000, cfg);
    const two = run('cut private; freeze node-b 1500; heal private', 9000, cfg);
    expect(two.timeline).toEqual(one.timeline);
  });
});

describe('parseSteps', () => {
  it('reads steps with and without times', () => {
    expect(parseSteps('crash node-a; at 10s heal private node-a>*\npause node-b 2s', 3000)).toEqual([
      { at: 3000, fault: { kind: 'crash', node: A } },
      { at: 10_000, fault: { kind: 'heal', link: 'private', from: A } },
      { at: 13_000, fault: { kind: 'pause-worker', node: B, forMs: 2000 } },
    ]);
  });

  it('refuses an unknown verb with a catalogued code', () => {
    try {
      parseSteps('explode node-a', 3000);
      expect.unreachable();
    } catch (e) {
      expect(isRosehaError(e) && e.code).toBe('RHA-E2521');
    }
  });
});
