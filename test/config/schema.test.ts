// The schema's shape is pinned by load.test.ts (every message, code and path); this pins its weight:
// `config validate` builds it at every start (issue #2), so a key whose schema is the same as
// another's reuses that instance instead of building its own.
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import type { SchemaNode } from './schema-node.js';


/** Every schema instance reachable from `root`, each once (a pipe's actions are not schemas). */
function instances(root: SchemaNode): Set<SchemaNode> {
  const seen = new Set<SchemaNode>();
  const visit = (s: SchemaNode | undefined) => {
    if (!s || s.kind !== 'schema' || seen.has(s)) return;
    seen.add(s);
    for (const inner of [s.wrapped, s.rest, s.item, s.key, s.value, ...(s.pipe ?? []), ...(s.options ?? []), ...Object.values(s.entries ?? {})]) visit(inner);
  };
  visit(root);
  return seen;
}

describe('config schema', () => {
  const all = [...instances(configSchema as unknown as SchemaNode)];
  const plain = (type: string) => all.filter((s) => s.type === type && !s.pipe);

  it('the walk finds the schema (a walk that finds nothing proves nothing)', () => {
    expect(all.filter((s) => s.type === 'object_with_rest').length).toBeGreaterThanOrEqual(14);
  });

  it('has one plain string, one optional string and one unknown-key check: keys of the same shape share them', () => {
    expect(plain('string')).toHaveLength(1);
    expect(all.filter((s) => s.type === 'optional' && s.default === undefined && s.wrapped === plain('string')[0])).toHaveLength(1);
    expect(all.filter((s) => s.type === 'never').length).toBeLessThanOrEqual(14);
  });

  it('is built from at most 125 schemas (102 when valibot replaced zod/mini; 122 with on.NODE, whose resource tables are built on first use)', () => {
    expect(all.length).toBeLessThanOrEqual(125);
  });
});
