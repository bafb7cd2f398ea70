import { expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { exampleConfig, runMain } from '../cli/run-main.js';

it('--json: the effective config with defaults and the resolved profile', async () => {
  const r = await runMain(['config', 'show', '--json', '-c', exampleConfig]);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout);
  expect(doc.schemaVersion).toBe(1);
  expect(doc.config.timing).toEqual({ profile: 'balanced', heartbeat_ms: 200, dead_after_ms: 1000 });
  expect(doc.config.api).toMatchObject({ port: 7410, token_file: 'api.token', bind: '0.0.0.0' });
  expect(doc.config.group.erp.resource[0].monitor_interval_ms).toBe(2000);
  expect(doc.paths.config).toBe(exampleConfig);
});

it('human output is TOML that loads back to the same values; secrets never printed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roseha-show-'));
  const file = join(dir, 'r.toml');
  writeFileSync(
    file,
    readFileSync(exampleConfig, 'utf8') +
      '\n[[group.erp.resource]]\nname = "job"\ntype = "process"\ncommand = ["/opt/job"]\nenv = { DB_PASSWORD = "hunter2", MODE = "prod" }\n',
  );
  const r = await runMain(['config', 'show', '-c', file]);
  expect(r.code).toBe(0);
  expect(r.stdout).not.toContain('hunter2');
  const back = parse(r.stdout) as { group: { erp: { resource: Array<{ env?: Record<string, string> }> } }; heartbeat: { disk: string } };
  expect(back.group.erp.resource[3]!.env).toEqual({ DB_PASSWORD: '(hidden)', MODE: 'prod' });
  expect(back.heartbeat.disk).toBe('\\\\.\\PhysicalDrive2');
  const j = await runMain(['config', 'show', '--json', '-c', file]);
  expect(j.stdout).not.toContain('hunter2');
});

it('an invalid config: the first error with its code, exit 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roseha-show-'));
  writeFileSync(join(dir, 'r.toml'), '[cluster]\n');
  const r = await runMain(['config', 'show', '-c', join(dir, 'r.toml')]);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^error RHA-E1004 /);
});
