import { expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from '../cli/run-main.js';

const flags = ['--cluster-name', 'erp', '--node-a', 'node-a=192.168.100.1,10.0.0.11', '--node-b', 'node-b=192.168.100.2,10.0.0.12', '--gateway', '10.0.0.1', '--disk', '/dev/sdb1', '--vip', '10.0.0.100/24', '--vip', '10.0.0.101/24', '--profile', 'fast'];

it('batch: writes a file that passes config validate, and the key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roseha-init-cmd-'));
  const file = join(dir, 'roseha.toml');
  const r = await runMain(['config', 'init', file, ...flags]);
  expect(r.stderr).not.toMatch(/^error/m);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`wrote ${file}`);
  expect(existsSync(join(dir, 'cluster.key'))).toBe(true);
  const v = await runMain(['config', 'validate', '--json', file]);
  expect(v.code).toBe(0);
  const doc = JSON.parse(v.stdout);
  expect(doc.errors).toBe(0);
  const show = JSON.parse((await runMain(['config', 'show', '--json', '-c', file])).stdout);
  expect(show.config.timing.profile).toBe('fast');
  expect(show.config.group.erp.resource.map((x: { address: string }) => x.address)).toEqual(['10.0.0.100/24', '10.0.0.101/24']);
});

it('never overwrites without --force; --dry-run writes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roseha-init-cmd-'));
  const file = join(dir, 'roseha.toml');
  writeFileSync(file, 'keep me');
  const r = await runMain(['config', 'init', file, ...flags]);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/RHA-E1012/);
  expect(readFileSync(file, 'utf8')).toBe('keep me');
  const d = await runMain(['config', 'init', join(dir, 'new.toml'), '--dry-run', ...flags]);
  expect(d.code).toBe(0);
  expect(d.stdout).toContain('[cluster]');
  expect(existsSync(join(dir, 'new.toml'))).toBe(false);
  expect(existsSync(join(dir, 'cluster.key'))).toBe(false);
});

it('batch without the required flags: usage error naming them (exit 2)', async () => {
  const r = await runMain(['config', 'init', join(tmpdir(), 'never.toml'), '--cluster-name', 'x']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/RHA-E1013 .*--node-a, --node-b/);
});

it('a bad --profile is a usage error from the option table', async () => {
  const r = await runMain(['config', 'init', '--profile', 'slow', ...flags.slice(0, 6)]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/RHA-E1010/);
});
