import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FailoverHistory } from '../../src/agent/failover-history.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const stateDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'roseha-failovers-'));
  dirs.push(d);
  return d;
};
/** A process's clocks: the monotonic one starts near 0 at `bootWall`. */
const clocks = (bootWall: number, sinceBoot = 0) => ({ now: () => sinceBoot, wall: () => new Date(bootWall + sinceBoot) });

describe('failover history on disk', () => {
  it('survives a restart: the same wall-clock instants, on the new process\'s monotonic clock', () => {
    const dir = stateDir();
    const first = new FailoverHistory(dir, clocks(Date.parse('2026-11-25T08:00:00Z'), 50_000));
    first.save({ web: [10_000, 40_000], db: [] });
    expect(JSON.parse(readFileSync(join(dir, 'failovers.json'), 'utf8'))).toEqual({ failovers: { web: ['2026-11-25T08:00:10.000Z', '2026-11-25T08:00:40.000Z'] } });
    // Restarted at 08:05 with a monotonic clock back near zero.
    const second = new FailoverHistory(dir, clocks(Date.parse('2026-11-25T08:05:00Z'), 20));
    // 08:00:10 is 290 s before the new process's monotonic zero (08:05:00).
    expect(second.load()).toEqual({ web: [-290_000, -260_000] });
  });

  it('no file, a torn file or stray values: nothing, or only the readable instants', () => {
    const dir = stateDir();
    const h = new FailoverHistory(dir, clocks(0));
    expect(h.load()).toEqual({});
    writeFileSync(join(dir, 'failovers.json'), '{"failo');
    expect(h.load()).toEqual({});
    writeFileSync(join(dir, 'failovers.json'), JSON.stringify({ failovers: { web: ['1970-01-01T00:00:01.000Z', 'yesterday', 7], db: 'x' } }));
    expect(h.load()).toEqual({ web: [1000] });
  });

  it('writes only when the counts changed', () => {
    const dir = stateDir();
    const h = new FailoverHistory(dir, clocks(0));
    h.save({ web: [5] });
    writeFileSync(join(dir, 'failovers.json'), 'marker');
    h.save({ web: [5] });
    expect(readFileSync(join(dir, 'failovers.json'), 'utf8')).toBe('marker');
    h.save({ web: [5, 9] });
    expect(readFileSync(join(dir, 'failovers.json'), 'utf8')).toContain('1970-01-01T00:00:00.009Z');
  });
});
