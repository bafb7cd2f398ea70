import { expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureClusterKey, readClusterKey } from '../../src/config/key.js';

it('ensureClusterKey writes 32 random bytes as hex once, and readClusterKey reads them back', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'roseha-key-')), 'cluster.key');
  expect(ensureClusterKey(file, (n) => Buffer.alloc(n, 7))).toBe(true);
  expect(readClusterKey(file)).toEqual(Buffer.alloc(32, 7));
  expect(ensureClusterKey(file, (n) => Buffer.alloc(n, 9))).toBe(false);
  expect(readClusterKey(file)).toEqual(Buffer.alloc(32, 7));
});

it('readClusterKey accepts 32 raw bytes and refuses anything else (RHA-E1023)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'roseha-key-'));
  writeFileSync(join(dir, 'raw'), Buffer.alloc(32, 1));
  expect(readClusterKey(join(dir, 'raw'))).toEqual(Buffer.alloc(32, 1));
  writeFileSync(join(dir, 'short'), 'abcd');
  expect(() => readClusterKey(join(dir, 'short'))).toThrow(expect.objectContaining({ code: 'RHA-E1023' }));
});
