// `roseha config diff`: this node's config against the peer's, line by line.
import { defineCommand } from './types.js';
import type { ConfigState } from '../agent/config-sync.js';

export type DiffLine = { op: ' ' | '-' | '+'; text: string };

/** Longest-common-subsequence line diff (configs are small: a few hundred lines). */
export function diffLines(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: ' ', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: '-', text: a[i++]! });
    else out.push({ op: '+', text: b[j++]! });
  }
  while (i < n) out.push({ op: '-', text: a[i++]! });
  while (j < m) out.push({ op: '+', text: b[j++]! });
  return out;
}

/** Only the changed lines with up to `context` unchanged lines around them, like `diff -u`. */
export function hunks(lines: DiffLine[], context = 3): string[] {
  const keep = new Set<number>();
  lines.forEach((l, k) => {
    if (l.op === ' ') return;
    for (let x = Math.max(0, k - context); x <= Math.min(lines.length - 1, k + context); x++) keep.add(x);
  });
  const out: string[] = [];
  let last = -2;
  for (const k of [...keep].sort((x, y) => x - y)) {
    if (k !== last + 1) out.push('@@');
    out.push(`${lines[k]!.op}${lines[k]!.text}`);
    last = k;
  }
  return out;
}

export default defineCommand({
  name: 'config diff',
  summary: 'Show this node\'s config against the peer\'s (generation, hash and the differing lines)',
  examples: ['roseha config diff', 'roseha config diff --json'],
  async run(ctx) {
    const { AgentClient } = await import('../client/index.js');
    const { clientTarget } = await import('../client/locate.js');
    const client = new AgentClient(clientTarget(ctx.globals, ctx.env));
    const mine = await client.call<ConfigState>('GET', '/v1/config');
    const theirs = await client.call<ConfigState>('GET', '/v1/config/peer');
    const lines = diffLines(mine.text.split(/\r?\n/), theirs.text.split(/\r?\n/));
    const changed = hunks(lines);
    const same = mine.hash === theirs.hash && mine.generation === theirs.generation;
    if (ctx.globals.json) {
      ctx.out.data({ same, self: { node: mine.node, generation: mine.generation, hash: mine.hash }, peer: { node: theirs.node, generation: theirs.generation, hash: theirs.hash }, diff: changed });
      return 0;
    }
    ctx.out.line(`--- ${mine.node} generation ${mine.generation} (${mine.hash})`);
    ctx.out.line(`+++ ${theirs.node} generation ${theirs.generation} (${theirs.hash})`);
    for (const l of changed) ctx.out.line(l);
    if (same) ctx.out.line(changed.length ? '(the same config: only node-local settings or comments differ)' : '(identical)');
    else if (mine.generation === theirs.generation) ctx.out.line('conflict (RHA-E5241): same generation, different content; `roseha config push --force` from the node that is right');
    return 0;
  },
});
