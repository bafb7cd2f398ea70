import { describe, expect, it } from 'vitest';
import { AlertThrottle, shouldAlert, throttleKey } from '../../../src/agent/alerts/policy.js';
import type { AgentEvent } from '../../../src/core/status.js';

let id = 0;
const ev = (code: string, extra: Partial<AgentEvent> = {}): AgentEvent => ({
  id: ++id,
  at: '2026-01-01T00:00:00.000Z',
  node: 'node-a',
  code,
  severity: code.startsWith('RHA-E') ? 'error' : code.startsWith('RHA-W') ? 'warning' : 'info',
  message: code,
  ...extra,
});

describe('which events alert', () => {
  it('every warning and error; of the info events only takeovers, links and peer back, unlocks and config changes', () => {
    expect(shouldAlert(ev('RHA-W2041'))).toBe(true);
    expect(shouldAlert(ev('RHA-E2112'))).toBe(true);
    expect(shouldAlert(ev('RHA-I2101'))).toBe(true);
    expect(shouldAlert(ev('RHA-I2040'))).toBe(true);
    expect(shouldAlert(ev('RHA-I5240'))).toBe(true);
    expect(shouldAlert(ev('RHA-I2100'))).toBe(false);
    expect(shouldAlert(ev('RHA-I2032'))).toBe(false);
  });

  it('throttles per code and group (or link)', () => {
    expect(throttleKey(ev('RHA-W2041', { link: 'private' }))).not.toBe(throttleKey(ev('RHA-W2041', { link: 'public' })));
    expect(throttleKey(ev('RHA-E2112', { group: 'a' }))).not.toBe(throttleKey(ev('RHA-E2112', { group: 'b' })));
  });
});

describe('AlertThrottle', () => {
  it('a link flapping 1000 times in a window sends one alert per direction, then one summary each', () => {
    const t = new AlertThrottle(300_000);
    let sent = 0;
    for (let i = 0; i < 1000; i++) {
      const now = i * 100;
      if (t.admit(ev('RHA-W2041', { link: 'private' }), now)) sent++;
      if (t.admit(ev('RHA-I2040', { link: 'private' }), now + 50)) sent++;
    }
    expect(sent).toBe(2);
    expect(t.due(299_999)).toEqual([]);
    const due = t.due(300_050);
    expect(due.map((d) => [d.key, d.suppressed]).sort()).toEqual([
      ['RHA-I2040|private', 999],
      ['RHA-W2041|private', 999],
    ]);
    expect(t.due(300_100)).toEqual([]);
    // A new window: the next one goes out at once.
    expect(t.admit(ev('RHA-W2041', { link: 'private' }), 300_200)).toBe(true);
  });

  it('a summary is not lost when the next alert comes before the timer looks', () => {
    const t = new AlertThrottle(1000);
    expect(t.admit(ev('RHA-E2112', { group: 'web' }), 0)).toBe(true);
    expect(t.admit(ev('RHA-E2112', { group: 'web' }), 10)).toBe(false);
    expect(t.admit(ev('RHA-E2112', { group: 'web' }), 1500)).toBe(true);
    expect(t.due(1600).map((d) => d.suppressed)).toEqual([1]);
  });

  it('throttle_s = 0 sends everything', () => {
    const t = new AlertThrottle(0);
    expect([1, 2, 3].every((i) => t.admit(ev('RHA-W2041'), i))).toBe(true);
    expect(t.due(10)).toEqual([]);
  });
});
