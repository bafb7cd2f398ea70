// The README's configuration reference is kept in step with the schema: every key the schema
// accepts has a row, every row is a key, and the defaults agree.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { configSchema } from '../../src/config/schema.js';
import { exitCodeHelp } from '../../src/exit-codes.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

interface Key {
  path: string;
  /** undefined: no default. */
  default?: unknown;
}

type Def = { type: string; shape?: Record<string, { _zod: { def: Def } }>; innerType?: { _zod: { def: Def } }; defaultValue?: unknown; element?: { _zod: { def: Def } }; valueType?: { _zod: { def: Def } }; options?: Array<{ _zod: { def: Def } }> };

/** Every leaf key of the schema as written in the README: `group.NAME.resource[].address`. */
export function schemaKeys(def: Def, path: string, dflt?: { value: unknown }): Key[] {
  switch (def.type) {
    case 'default':
      return schemaKeys(def.innerType!._zod.def, path, { value: def.defaultValue });
    case 'optional':
      return schemaKeys(def.innerType!._zod.def, path, dflt);
    case 'object':
      return Object.entries(def.shape!).flatMap(([k, v]) => schemaKeys(v._zod.def, path ? `${path}.${k}` : k));
    case 'record':
      if (def.valueType!._zod.def.type === 'object') return schemaKeys(def.valueType!._zod.def, `${path}.NAME`);
      break;
    case 'array':
      if (['object', 'union'].includes(def.element!._zod.def.type)) return schemaKeys(def.element!._zod.def, `${path}[]`);
      break;
    case 'union': {
      const seen = new Map<string, Key>();
      for (const o of def.options!) for (const k of schemaKeys(o._zod.def, path)) if (!seen.has(k.path)) seen.set(k.path, k);
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

const keys = schemaKeys(configSchema._zod.def as unknown as Def, '');
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
