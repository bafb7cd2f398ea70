// Output conventions every command follows: --json parses (jq, PowerShell's ConvertFrom-Json) and
// carries schemaVersion; no ANSI escapes unless on a TTY without NO_COLOR; errors on stderr;
// exit codes from src/exit-codes.ts.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ExitCode } from '../../src/exit-codes.js';
import { exampleConfig, runMain } from './run-main.js';

const ansi = /\x1b\[/;

/** ConvertFrom-Json refuses objects whose keys differ only by case, and empty keys. */
function powershellSafe(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => powershellSafe(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const keys = Object.keys(value);
  const bad = keys.filter((k, i) => k === '' || keys.findIndex((o) => o.toLowerCase() === k.toLowerCase()) !== i).map((k) => `${path}: key "${k}"`);
  return [...bad, ...keys.flatMap((k) => powershellSafe((value as Record<string, unknown>)[k], `${path}.${k}`))];
}

// Commands that work without an agent; `status --json` is covered by its own test with a fake agent.
const jsonCommands = [
  ['version'],
  ['explain', 'RHA-E1001'],
  ['help', 'exit-codes'],
  ['config', 'validate', exampleConfig],
  ['config', 'show', '-c', exampleConfig],
];

describe('--json', () => {
  it.each(jsonCommands)('roseha %s … --json: one JSON document with schemaVersion, nothing on stderr', async (...argv) => {
    const r = await runMain([...argv, '--json']);
    expect(r.code).toBe(ExitCode.ok);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(Object.keys(doc)[0]).toBe('schemaVersion');
    expect(powershellSafe(doc)).toEqual([]);
  });

  it('the PowerShell check finds what ConvertFrom-Json refuses', () => {
    expect(powershellSafe({ a: { Name: 1, name: 2 } })).toEqual(['$.a: key "name"']);
  });
});

describe('colour', () => {
  const argv = ['explain', 'RHA-E1001', '--lang', 'en'];
  it('colour on a TTY (so the checks below can fail)', async () => {
    expect((await runMain(argv, { tty: true })).stdout).toMatch(ansi);
  });
  it('none when not a TTY, with NO_COLOR, or with --no-color', async () => {
    expect((await runMain(argv)).stdout).not.toMatch(ansi);
    expect((await runMain(argv, { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ansi);
    expect((await runMain([...argv, '--no-color'], { tty: true })).stdout).not.toMatch(ansi);
  });
  it('errors and warnings carry no ANSI when piped', async () => {
    const r = await runMain(['config', 'validate', exampleConfig]);
    expect(r.stderr).toMatch(/^warning RHA-W/m);
    expect(r.stderr).not.toMatch(ansi);
  });
});

describe('usage errors: stderr, RHA-E1010, exit 2', () => {
  it.each([[['nonsense']], [['config', 'frobnicate']], [['explain']], [['version', '--bogus']], [['--lang', 'fr', 'version']]])('roseha %j', async (argv) => {
    const r = await runMain(argv);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error RHA-E1010 /);
  });
});

describe('exit codes', () => {
  it('ok, error and usage map to src/exit-codes.ts', async () => {
    expect((await runMain(['version'])).code).toBe(ExitCode.ok);
    expect((await runMain(['config', 'validate', '/nonexistent/roseha.toml'])).code).toBe(ExitCode.error);
    expect((await runMain(['help', 'no-such-topic'])).code).toBe(ExitCode.usage);
  });
});

// The real binary, as a shell or PowerShell script runs it: piped, no TTY.
const bin = new URL('../../bin/roseha', import.meta.url).pathname;
const built = existsSync(join(bin, '..', '..', 'dist', 'cli.js'));
describe.skipIf(!built)('bin/roseha', () => {
  it('exits with the mapped codes, errors on stderr, no ANSI', () => {
    const ok = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(ok.status).toBe(ExitCode.ok);
    expect(ok.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const bad = spawnSync(process.execPath, [bin, 'nonsense'], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: undefined } });
    expect(bad.status).toBe(ExitCode.usage);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^error RHA-E1010 /);
    expect(bad.stderr).not.toMatch(ansi);
  });
});
if (!built) console.warn('output-conventions.test: dist/ is not built (npm run build), the bin/roseha checks are skipped');
