import { describe, it, expect } from 'vitest';
import { analyseOverlap, firstHolding, type NodeSample } from '../../src/lab/overlap.js';
import { stats } from '../../src/lab/failover.js';

const s = (t: number, v: 0 | 1, m: 0 | 1 = 0): NodeSample => ({ t, v, m });

describe('split-brain overlap analysis', () => {
  it('finds no overlap in a clean handover', () => {
    const a = [s(0, 1, 1), s(10, 1, 1), s(20, 0, 0), s(30, 0, 0)];
    const b = [s(5, 0), s(15, 0), s(25, 1, 1), s(35, 1, 1)];
    const r = analyseOverlap({ 'node-a': a, 'node-b': b }, 40);
    expect(r).toMatchObject({ overlapMs: 0, volumeOverlapMs: 0, intervals: [], overlapSamples: [] });
    expect(r.maxGapMs).toEqual({ 'node-a': 10, 'node-b': 10 });
  });

  it('measures the time both hold the VIP and lists the samples taken during it', () => {
    const a = [s(0, 1), s(10, 1), s(20, 1), s(30, 0)];
    const b = [s(5, 0), s(15, 1), s(25, 1), s(35, 1)];
    const r = analyseOverlap({ 'node-a': a, 'node-b': b }, 40);
    expect(r.overlapMs).toBe(15); // b holds from 15, a until 30
    expect(r.intervals).toEqual([{ what: 'vip', start: 15, end: 30, ms: 15 }]);
    expect(r.overlapSamples.map((x) => [x.node, x.sample.t])).toEqual([['node-b', 15], ['node-a', 20], ['node-b', 25]]);
  });

  it('reports the volume separately from the VIP', () => {
    const a = [s(0, 0, 1), s(10, 0, 1)];
    const b = [s(0, 1, 1), s(10, 1, 0)];
    const r = analyseOverlap({ 'node-a': a, 'node-b': b }, 20);
    expect(r.overlapMs).toBe(0);
    expect(r.volumeOverlapMs).toBe(10);
  });

  it('assumes a node whose sampler went silent keeps what it held (never hides an overlap)', () => {
    const a = [s(0, 1)]; // last sample at 0, then nothing
    const b = [s(0, 0), s(50, 1), s(60, 1)];
    expect(analyseOverlap({ 'node-a': a, 'node-b': b }, 100).overlapMs).toBe(50);
  });

  it('limits the analysis to a window', () => {
    const a = [s(0, 1), s(100, 1)];
    const b = [s(0, 1), s(100, 1)];
    expect(analyseOverlap({ 'node-a': a, 'node-b': b }, 200, { from: 50, to: 80 }).overlapMs).toBe(30);
  });

  it('finds the first holding sample after a time', () => {
    expect(firstHolding([s(0, 1), s(10, 0), s(20, 1)], 5)).toBe(20);
    expect(firstHolding([s(0, 1)], 5)).toBeUndefined();
  });

  it('summarises measurements as median, min and max', () => {
    expect(stats([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(stats([4, 1, 2, 3])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(stats([])).toBeUndefined();
  });
});
