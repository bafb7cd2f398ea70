// Every code a user can see is catalogued once, in English and Chinese.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { catalogue, lookupCode } from '../../src/i18n/catalogue/index.js';

const root = new URL('../../', import.meta.url).pathname;
const codeRe = /RHA-[EWI]\d{4}/g;

function* sourceFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(p);
    else if (e.name.endsWith('.ts')) yield p;
  }
}

/** code → the files that use it. The catalogue's own files are left out: their texts cite codes as examples. */
function usedCodes(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const files = [...sourceFiles(join(root, 'src'))].filter((f) => !relative(root, f).startsWith(join('src', 'i18n', 'catalogue')));
  files.push(join(root, 'bin', 'roseha'));
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(codeRe)) {
      used.set(m[0], [...(used.get(m[0]) ?? []), relative(root, f)]);
    }
  }
  return used;
}

describe('error-code catalogue', () => {
  it('the scan finds the codes it should (a scan that finds nothing proves nothing)', () => {
    const used = usedCodes();
    expect(used.get('RHA-E1001')).toContain(join('src', 'config', 'load.ts'));
    expect(used.get('RHA-E1000')).toContain(join('bin', 'roseha'));
  });

  it('every code used in src/ is catalogued', () => {
    const known = new Set(catalogue.map((e) => e.code));
    const missing = [...usedCodes()].filter(([c]) => !known.has(c)).map(([c, files]) => `${c} (used in ${[...new Set(files)].join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('no code is catalogued twice', () => {
    const seen = new Map<string, number>();
    for (const e of catalogue) seen.set(e.code, (seen.get(e.code) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([c]) => c)).toEqual([]);
  });

  it('every entry has a well-formed code and non-empty English and Chinese title, cause and remedy', () => {
    const bad: string[] = [];
    for (const e of catalogue) {
      if (!/^RHA-[EWI]\d{4}$/.test(e.code)) bad.push(`${e.code}: malformed code`);
      for (const lang of ['en', 'zh'] as const) {
        for (const f of ['title', 'cause', 'remedy'] as const) {
          const t = e[lang]?.[f];
          if (typeof t !== 'string' || t.trim() === '') bad.push(`${e.code}: ${lang}.${f} is empty`);
          // Chinese text must actually be Chinese (catches an English text pasted into zh).
          else if (lang === 'zh' && !/[\u4e00-\u9fff]/.test(t)) bad.push(`${e.code}: zh.${f} has no Chinese`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('lookupCode ignores case and spaces, and knows nothing of unknown codes', () => {
    expect(lookupCode(' rha-e1001 ')?.code).toBe('RHA-E1001');
    expect(lookupCode('RHA-E9998')).toBeUndefined();
  });
});
