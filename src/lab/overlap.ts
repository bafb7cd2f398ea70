// Pure analysis of the split-brain checker's samples: when did both nodes hold the VIP (on an UP
// interface) or have the volume mounted? Each node's state is taken to hold from one sample until its
// next one (and the last one until `endT`): a node that stops being sampled is assumed to keep what it
// had, so a dead sampler can only add overlap, never hide it.

export interface NodeSample {
  /** CLOCK_MONOTONIC ms. */
  t: number;
  /** VIP on an interface that is up. */
  v: 0 | 1;
  /** Data volume mounted by a process of the node's namespace. */
  m: 0 | 1;
}

export interface OverlapInterval {
  what: 'vip' | 'volume';
  start: number;
  end: number;
  ms: number;
}

export interface OverlapReport {
  /** Total ms during which both nodes held the VIP. */
  overlapMs: number;
  /** Total ms during which both nodes had the volume mounted. */
  volumeOverlapMs: number;
  intervals: OverlapInterval[];
  /** Samples (of either node) taken while the other node's latest sample showed the same holding. */
  overlapSamples: Array<{ node: string; sample: NodeSample; what: 'vip' | 'volume' }>;
  /** Longest pause between two samples of one node: how fine the check really was. */
  maxGapMs: Record<string, number>;
  sampleCount: Record<string, number>;
}

type Key = 'v' | 'm';

function holdIntervals(samples: readonly NodeSample[], key: Key, endT: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    if (s[key] !== 1) continue;
    const end = i + 1 < samples.length ? samples[i + 1]!.t : Math.max(endT, s.t);
    const last = out[out.length - 1];
    if (last && last[1] >= s.t) last[1] = Math.max(last[1], end);
    else out.push([s.t, end]);
  }
  return out;
}

function intersect(a: Array<[number, number]>, b: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]![0], b[j]![0]);
    const end = Math.min(a[i]![1], b[j]![1]);
    if (start < end) out.push([start, end]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

/** The latest sample at or before t (binary search); undefined before the first sample. */
function stateAt(samples: readonly NodeSample[], t: number): NodeSample | undefined {
  let lo = 0;
  let hi = samples.length - 1;
  let found: NodeSample | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid]!.t <= t) {
      found = samples[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function analyseOverlap(
  byNode: Readonly<Record<string, readonly NodeSample[]>>,
  endT: number,
  window: { from?: number; to?: number } = {},
): OverlapReport {
  const names = Object.keys(byNode);
  if (names.length !== 2) throw new Error('analyseOverlap needs the samples of exactly two nodes');
  const [na, nb] = names as [string, string];
  const from = window.from ?? -Infinity;
  const to = Math.min(window.to ?? Infinity, endT);
  const clip = (iv: Array<[number, number]>) =>
    iv.map(([s, e]) => [Math.max(s, from), Math.min(e, to)] as [number, number]).filter(([s, e]) => s < e);
  const intervals: OverlapInterval[] = [];
  const total = (what: 'vip' | 'volume', key: Key) => {
    const both = clip(intersect(holdIntervals(byNode[na]!, key, endT), holdIntervals(byNode[nb]!, key, endT)));
    for (const [start, end] of both) intervals.push({ what, start, end, ms: end - start });
    return both.reduce((sum, [s, e]) => sum + (e - s), 0);
  };
  const overlapMs = total('vip', 'v');
  const volumeOverlapMs = total('volume', 'm');
  const overlapSamples: OverlapReport['overlapSamples'] = [];
  for (const [self, other] of [[na, nb], [nb, na]] as const) {
    for (const sample of byNode[self]!) {
      if (sample.t < from || sample.t > to) continue;
      const peer = stateAt(byNode[other]!, sample.t);
      if (!peer) continue;
      if (sample.v === 1 && peer.v === 1) overlapSamples.push({ node: self, sample, what: 'vip' });
      if (sample.m === 1 && peer.m === 1) overlapSamples.push({ node: self, sample, what: 'volume' });
    }
  }
  overlapSamples.sort((x, y) => x.sample.t - y.sample.t);
  const maxGapMs: Record<string, number> = {};
  const sampleCount: Record<string, number> = {};
  for (const name of names) {
    const s = byNode[name]!.filter((x) => x.t >= from && x.t <= to);
    sampleCount[name] = s.length;
    let gap = 0;
    for (let i = 1; i < s.length; i++) gap = Math.max(gap, s[i]!.t - s[i - 1]!.t);
    maxGapMs[name] = gap;
  }
  intervals.sort((x, y) => x.start - y.start);
  return { overlapMs, volumeOverlapMs, intervals, overlapSamples, maxGapMs, sampleCount };
}

/** First time at or after `from` when `node` is seen holding (key), or undefined. */
export function firstHolding(samples: readonly NodeSample[], from: number, what: 'vip' | 'volume' = 'vip'): number | undefined {
  const key: Key = what === 'vip' ? 'v' : 'm';
  return samples.find((s) => s.t >= from && s[key] === 1)?.t;
}
