// The schema's shape is pinned by load.test.ts (every message, code and path); this pins its weight:
// `config validate` builds it at every start (issue #2), so a key whose schema is the same as
// another's reuses that instance instead of building its own.
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';

interface Internals {
  _zod: { def: Record<string, unknown> & { type: string; checks?: unknown[] } };
}

/** Every schema instance reachable from `root`, each once. */
function instances(root: Internals): Set<Internals> {
  const seen = new Set<Internals>();
  const visit = (s: unknown) => {
    if (!s || typeof s !== 'object' || !('_zod' in s) || seen.has(s as Internals)) return;
    seen.add(s as Internals);
    const def = (s as Internals)._zod.def;
    for (const key of ['innerType', 'element', 'catchall', 'keyType', 'valueType']) visit(def[key]);
    for (const option of (def.options as unknown[] | undefined) ?? []) visit(option);
    for (const field of Object.values((def.shape as Record<string, unknown> | undefined) ?? {})) visit(field);
  };
  visit(root);
  return seen;
}

describe('config schema', () => {
  const all = [...instances(configSchema as unknown as Internals)];

  it('has one plain string, one optional string and one plain int: keys of the same shape share them', () => {
    const plain = (type: string) => all.filter((s) => s._zod.def.type === type && !s._zod.def.checks?.length);
    expect(plain('string')).toHaveLength(1);
    expect(all.filter((s) => s._zod.def.type === 'optional' && plain('string').includes(s._zod.def.innerType as Internals))).toHaveLength(1);
    expect(plain('number').length).toBeLessThanOrEqual(1);
  });

  it('is built from at most 100 schemas (135 before they were shared)', () => {
    expect(all.length).toBeLessThanOrEqual(100);
  });
});
