// The README's configuration reference is kept in step with the schema: every key the schema
// accepts has a row, every row is a key, and the defaults agree.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { configSchema } from '../../src/config/schema.js';
import type { SchemaNode } from './schema-node.js';
import { exitCodeHelp } from '../../src/exit-codes.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

interface Key {
  path: string;
  /** undefined: no default. */
  default?: unknown;
}


/** A piped schema's type is its last schema's (a table is `tableOnly` then its fields). */
const core = (s: SchemaNode): SchemaNode => (s.pipe ? s.pipe.filter((p) => p.kind === 'schema').at(-1)! : s);

/** Every leaf key of the schema as written in the README: `group.NAME.resource[].address`. */
export function schemaKeys(schema: SchemaNode, path: string, dflt?: { value: unknown }): Key[] {
  const s = core(schema);
  switch (s.type) {
    case 'optional':
      return schemaKeys(s.wrapped!, path, s.default === undefined ? dflt : { value: s.default });
    case 'object_with_rest':
      // A resource's on.NODE tables take its own keys again: one row says so.
      return Object.entries(s.entries!).flatMap(([k, v]) => (k === 'on' ? [{ path: `${path}.on.NODE` }] : schemaKeys(v, path ? `${path}.${k}` : k)));
    case 'record':
      if (core(s.value!).type === 'object_with_rest') return schemaKeys(s.value!, `${path}.NAME`);
      break;
    case 'array':
      if (['object_with_rest', 'variant'].includes(core(s.item!).type)) return schemaKeys(s.item!, `${path}[]`);
      break;
    case 'variant': {
      const seen = new Map<string, Key>();
      for (const o of s.options!) for (const k of schemaKeys(o, path)) if (!seen.has(k.path)) seen.set(k.path, k);
      return [...seen.values()];
    }
  }
  return [dflt ? { path, default: dflt.value } : { path }];
}

/** Rows of the reference table: key → default cell. */
function referenceRows(): Map<string, string> {
  const section = readme.slice(readme.indexOf('### Reference'));
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const m = /^\| `([^`]+)` \| (?:[^|\\]|\\\|)+ \| (.+?) \| .+ \|$/.exec(line);
    if (m) rows.set(m[1]!, m[2]!.replace(/`/g, ''));
  }
  return rows;
}

const keys = schemaKeys(configSchema as unknown as SchemaNode, '');
const rows = referenceRows();

describe('README configuration reference', () => {
  it('the walk finds the schema (a walk that finds nothing proves nothing)', () => {
    expect(keys.length).toBeGreaterThan(40);
    expect(keys.map((k) => k.path)).toContain('group.NAME.resource[].address');
    expect(rows.size).toBeGreaterThan(40);
  });

  it('every schema key has a row', () => {
    expect(keys.map((k) => k.path).filter((p) => !rows.has(p))).toEqual([]);
  });

  it('every row is a schema key', () => {
    const known = new Set(keys.map((k) => k.path));
    expect([...rows.keys()].filter((k) => !known.has(k))).toEqual([]);
  });

  it('the defaults agree with the schema', () => {
    const wrong = keys
      .map((k) => ({ key: k.path, readme: rows.get(k.path), schema: k.default === undefined ? '—' : JSON.stringify(k.default) }))
      .filter((r) => r.readme !== undefined && r.readme !== r.schema);
    expect(wrong).toEqual([]);
  });
});

describe('README overview', () => {
  it('lists every exit code', () => {
    for (const e of exitCodeHelp) expect(readme).toMatch(new RegExp(`^\\| ${e.code} \\| ${e.name} \\|`, 'm'));
  });

  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm test');
  });
});
