import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleConfig, runMain } from '../cli/run-main.js';

const dir = mkdtempSync(join(tmpdir(), 'roseha-validate-'));
const syntax = join(dir, 'syntax.toml');
writeFileSync(syntax, '[cluster]\nname = "erp"\nkey_file = "cluster.key\n');
const fiveErrors = join(dir, 'five.toml');
writeFileSync(
  fiveErrors,
  `[cluster]\nname = "erp"\nlanguage = "fr"\n[[node]]\nname = "a"\nprivate = "192.168.1.300"\npublic = "10.0.0.11"\n[[node]]\nname = "b"\nprivate = "192.168.1.2"\npublic = "10.0.0.12"\n[heartbeat]\nport = 70000\n[group.erp]\nnodes = ["a", "b"]\nfailover = 3\n[[group.erp.resource]]\nname = "ip"\ntype = "ip"\naddress = "10.0.0.100"\ninterface = "eth0"\n`,
);

describe('roseha config validate', () => {
  it('a syntax error: file:line:column and RHA-E1001 on stderr, exit 1, nothing written', async () => {
    const before = readdirSync(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs]);
    const r = await runMain(['config', 'validate', syntax]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^error RHA-E1001 ${syntax.replace(/[.]/g, '\\.')}:3:\\d+: `, 'm'));
    expect(r.stdout).toContain('1 error');
    expect(readdirSync(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs])).toEqual(before);
  });

  it('five schema errors: each with its TOML path and code, exit 1', async () => {
    const r = await runMain(['config', 'validate', fiveErrors]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('error '));
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(
      [
        'error RHA-E1002 cluster.language',
        'error RHA-E1002 node[0].private',
        'error RHA-E1002 heartbeat.port',
        'error RHA-E1003 group.erp.failover',
        'error RHA-E1002 group.erp.resource[0].address',
      ].sort(),
    );
    expect(r.stdout).toContain('5 errors');
  });

  it('--json lists the problems with schemaVersion', async () => {
    const r = await runMain(['config', 'validate', '--json', fiveErrors]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, file: fiveErrors, valid: false, errors: 5, warnings: 0 });
    expect(doc.problems[0]).toEqual({ code: expect.stringMatching(/^RHA-E/), severity: 'error', where: expect.any(String), message: expect.any(String) });
  });

  it('warnings only: exit 0 (the example config)', async () => {
    const r = await runMain(['config', 'validate', exampleConfig]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid \(\d+ warnings?\)/);
    expect(r.stderr).toMatch(/^warning RHA-W1007 /m);
  });

  it('finds the file through --config and ROSEHA_CONFIG; a missing one is RHA-E1005', async () => {
    expect((await runMain(['--config', exampleConfig, 'config', 'validate'])).code).toBe(0);
    expect((await runMain(['config', 'validate'], { env: { ROSEHA_CONFIG: exampleConfig } })).code).toBe(0);
    const r = await runMain(['config', 'validate', join(dir, 'absent.toml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('RHA-E1005');
  });
});
