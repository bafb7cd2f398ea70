import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyPeerClock, estimateWriteTime, observePeerClock, peerClockWindowMs, type PeerClock } from '../../src/core/peer-clock.js';

// The peer's wall clock reads `skew` more than our monotonic clock at the same instant.
const clockFrom = (skew: number, arrivals: Array<{ sentMono: number; delay: number }>): PeerClock =>
  arrivals.reduce((c, a) => observePeerClock(c, a.sentMono + skew, a.sentMono + a.delay), emptyPeerClock);

describe('disk slot write time', () => {
  const skew = 1_700_000_000_000;
  const clock = clockFrom(skew, [
    { sentMono: 1000, delay: 3 },
    { sentMono: 1100, delay: 0.2 },
    { sentMono: 1200, delay: 1 },
  ]);
  const cases: Array<{ rule: string; sentMono: number; writtenAfter: number | null; readAt: number; c?: PeerClock; expected: number }> = [
    { rule: 'mapped through the least-delayed datagram', sentMono: 1250, writtenAfter: 1210, readAt: 1290, expected: 1250.2 },
    { rule: 'never before the previous read (a clock stepped back)', sentMono: 1100, writtenAfter: 1210, readAt: 1290, expected: 1210 },
    { rule: 'never after this read (a clock stepped forward)', sentMono: 1400, writtenAfter: 1210, readAt: 1290, expected: 1290 },
    { rule: 'the first read proves no interval: its own time', sentMono: 1250, writtenAfter: null, readAt: 1290, expected: 1290 },
    { rule: 'no network sample: the read time', sentMono: 1250, writtenAfter: 1210, readAt: 1290, c: emptyPeerClock, expected: 1290 },
    { rule: 'samples older than the window do not count', sentMono: 1250, writtenAfter: 1210, readAt: 1201 + peerClockWindowMs + 1, expected: 1201 + peerClockWindowMs + 1 },
  ];
  it.each(cases)('$rule', ({ sentMono, writtenAfter, readAt, c, expected }) => {
    expect(estimateWriteTime(c ?? clock, sentMono + skew, writtenAfter, readAt)).toBeCloseTo(expected, 3);
  });

  it('forgets samples past the window as new ones come', () => {
    const c = clockFrom(skew, [
      { sentMono: 0, delay: 0 },
      { sentMono: peerClockWindowMs + 500, delay: 5 },
    ]);
    expect(c.samples).toHaveLength(1);
  });

  // The property a takeover relies on: whatever the delays and the skew, the estimate is inside the
  // interval the reads prove and never earlier than the true write (so the peer is never declared
  // dead sooner than dead_after_ms after its last write).
  it('stays within the reads and never before the true write', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.record({ sentMono: fc.double({ min: 0, max: 1000, noNaN: true }), delay: fc.double({ min: 0, max: 50, noNaN: true }) }), { maxLength: 20 }),
        fc.double({ min: 1000, max: 1100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (skewMs, arrivals, writeMono, before, after) => {
          const sorted = [...arrivals].sort((a, b) => a.sentMono + a.delay - (b.sentMono + b.delay));
          const c = clockFrom(skewMs, sorted);
          const writtenAfter = writeMono - before;
          const readAt = writeMono + after;
          const t = estimateWriteTime(c, writeMono + skewMs, writtenAfter, readAt);
          expect(t).toBeGreaterThanOrEqual(writtenAfter);
          expect(t).toBeLessThanOrEqual(readAt);
          expect(t).toBeGreaterThanOrEqual(writeMono - 1e-3);
        },
      ),
      { seed: 20261125 },
    );
  });
});
