import { describe, expect, it } from 'vitest';
import { ReplayGuard } from '../../../src/agent/links/replay.js';

const h = (incarnation: string, startedAt: number, seq: number, sentAt = 1000) => ({ incarnation, startedAt, seq, sentAt });

describe('ReplayGuard', () => {
  it('accepts rising sequences and drops repeats and older ones', () => {
    const g = new ReplayGuard({ supersedeAfterMs: 1000 });
    expect(g.check(h('a', 100, 1), 0, 0)).toEqual({ ok: true, newIncarnation: true, adoptedOlder: false });
    expect(g.check(h('a', 100, 2), 10, 0)).toMatchObject({ ok: true, newIncarnation: false });
    expect(g.check(h('a', 100, 2), 20, 0)).toEqual({ ok: false, reason: 'replayed' });
    expect(g.check(h('a', 100, 1), 30, 0)).toEqual({ ok: false, reason: 'replayed' });
    expect(g.check(h('a', 100, 5), 40, 0)).toMatchObject({ ok: true }); // gaps are losses, not replays
    expect(g.last()).toMatchObject({ incarnation: 'a', seq: 5 });
  });

  it('switches to a newer incarnation whose sequence restarts at 1', () => {
    const g = new ReplayGuard({ supersedeAfterMs: 1000 });
    g.check(h('a', 100, 50), 0, 0);
    expect(g.check(h('b', 200, 1), 10, 0)).toEqual({ ok: true, newIncarnation: true, adoptedOlder: false });
  });

  it('refuses the old incarnation once a newer one was seen, while the newer one is alive', () => {
    const g = new ReplayGuard({ supersedeAfterMs: 1000 });
    g.check(h('a', 100, 50), 0, 0);
    g.check(h('b', 200, 1), 10, 0);
    expect(g.check(h('a', 100, 51), 20, 0)).toEqual({ ok: false, reason: 'replayed' });
    expect(g.check(h('a', 100, 999), 1009, 0)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('adopts an older-stamped incarnation after the current one was silent for supersedeAfterMs (clock stepped back)', () => {
    const g = new ReplayGuard({ supersedeAfterMs: 1000 });
    g.check(h('a', 5000, 9), 0, 0);
    expect(g.check(h('b', 4000, 1), 999, 0)).toEqual({ ok: false, reason: 'replayed' });
    expect(g.check(h('b', 4000, 2), 1000, 0)).toEqual({ ok: true, newIncarnation: true, adoptedOlder: true });
    // …and then a replay of the old "newer" one is refused while b is alive.
    expect(g.check(h('a', 5000, 10), 1100, 0)).toMatchObject({ ok: true }); // a is newer by start time: accepted
  });

  it('orders two incarnations with one start time by id', () => {
    const g = new ReplayGuard({ supersedeAfterMs: 1000 });
    g.check(h('b', 100, 1), 0, 0);
    expect(g.check(h('a', 100, 9), 1, 0)).toEqual({ ok: false, reason: 'replayed' });
    expect(g.check(h('c', 100, 1), 2, 0)).toMatchObject({ ok: true, newIncarnation: true });
  });

  it('drops stale datagrams only when a clock-skew window is set', () => {
    const loose = new ReplayGuard({ supersedeAfterMs: 1000 });
    expect(loose.check(h('a', 1, 1, 0), 0, 10_000_000).ok).toBe(true);
    const strict = new ReplayGuard({ supersedeAfterMs: 1000, maxClockSkewMs: 30_000 });
    expect(strict.check(h('a', 1, 1, 0), 0, 10_000_000)).toEqual({ ok: false, reason: 'stale' });
    expect(strict.check(h('a', 1, 1, 9_990_000), 0, 10_000_000).ok).toBe(true);
    expect(strict.check(h('a', 1, 2, 10_040_000), 0, 10_000_000)).toEqual({ ok: false, reason: 'stale' });
  });
});
