import { describe, expect, it } from 'vitest';
import { diffLines, hunks } from '../../src/commands/config-diff.js';

describe('config diff', () => {
  it('an LCS line diff: unchanged, removed, added', () => {
    const d = diffLines(['a', 'b', 'c', 'd'], ['a', 'c', 'x', 'd']);
    expect(d.map((l) => `${l.op}${l.text}`)).toEqual([' a', '-b', ' c', '+x', ' d']);
  });

  it('hunks keep three lines of context and mark the gaps', () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const b = [...a];
    b[10] = 'changed';
    expect(hunks(diffLines(a, b))).toEqual(['@@', ' l7', ' l8', ' l9', '-l10', '+changed', ' l11', ' l12', ' l13']);
    expect(hunks(diffLines(a, a))).toEqual([]);
  });
});
