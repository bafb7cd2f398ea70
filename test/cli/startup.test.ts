// Start-up weight of the real binary: the commands that `npm run bench:cli` times must not load
// builtins they do not use (issue #2). Speed itself is measured by the benchmark, not here; these
// checks fail when a heavy module creeps back onto a command's path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { exampleConfig } from './run-main.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin', 'roseha');
const recorder = join(root, 'test', 'fixtures', 'record-startup.cjs');
const built = existsSync(join(root, 'dist', 'cli.js'));
const dir = mkdtempSync(join(tmpdir(), 'roseha-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  builtins: string[];
  /** Files loaded with require(), relative to the repository. */
  files: string[];
  /** dist/ files compiled through the code cache, and whether V8 took the cache. */
  compiled: Array<{ file: string; cache: 'used' | 'rejected' | 'none' }>;
  /** The process waited for its event loop to drain (no process.exit). */
  drained: boolean;
  /** Which of process.stdout and process.stderr were made. */
  stdioMade: string[];
}

let runs = 0;
/** Runs bin/roseha piped, as a script would (asynchronously: a stand-in agent may answer in this process). */
function roseha(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const out = join(dir, `builtins-${++runs}.json`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', recorder, bin, ...args],
      { env: { PATH: process.env.PATH, LANG: 'C', NO_COLOR: '1', ROSEHA_TEST_STARTUP: out, ...env }, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        const loaded = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Omit<Run, 'code' | 'stdout' | 'stderr'>) : { builtins: [], files: [], compiled: [], drained: true, stdioMade: [] };
        resolve({ code, stdout, stderr, ...loaded, files: loaded.files.map((f) => relative(root, f)) });
      },
    );
  });
}

/** Loaded only by commands that spawn, serve or talk TLS; each costs milliseconds to load. */
const spawnAndRemote = ['child_process', 'tls', 'https', 'crypto', 'dgram', 'zlib', 'worker_threads'];
/**
 * Node's ESM loader at work (a bare `node -e 0` loads only its entry points): ~7 ms to start, then a
 * thread-pool round trip per file read. dist/ is CommonJS so that no command needs it.
 */
const esmLoader = (builtins: string[]) =>
  builtins.filter((m) => ['internal/modules/esm/module_job', 'internal/modules/esm/translators', 'internal/modules/esm/load'].includes(m));

/** The sources (from the source maps) of the dist/ files a run loaded, relative to the repository. */
const sourcesOf = (files: string[]) =>
  files
    .filter((f) => f.startsWith(`dist${sep}`) && f.endsWith('.js') && existsSync(join(root, `${f}.map`)))
    .flatMap((f) => (JSON.parse(readFileSync(join(root, `${f}.map`), 'utf8')) as { sources: string[] }).sources.map((s) => relative(root, join(root, dirname(f), s))));

describe.skipIf(!built)('start-up weight of bin/roseha', () => {
  let agent: Server;
  const socket = join(dir, 'agent.sock');
  beforeAll(async () => {
    const body = JSON.stringify({ cluster: 'test', degraded: false, nodes: [], groups: [], links: [], intents: [] });
    agent = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(body));
    await new Promise<void>((resolve) => agent.listen(socket, resolve));
  });
  afterAll(() => new Promise<void>((resolve) => agent.close(() => resolve())));

  it('status --json against a local agent: HTTP on the socket over node:net alone, no node:http, TLS, crypto or spawning', async () => {
    const r = await roseha(['status', '--json'], { ROSEHA_SOCKET: socket });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: 1, cluster: 'test' });
    expect(r.builtins).toContain('net');
    expect(r.builtins.filter((m) => ['http', '_http_client', '_http_agent'].includes(m))).toEqual([]);
    expect(r.builtins.filter((m) => spawnAndRemote.includes(m))).toEqual([]);
    expect(esmLoader(r.builtins)).toEqual([]);
  });

  it('status --json with ROSEHA_SOCKET: neither the TOML parser, the config locator, certificate pinning nor the table view is loaded', async () => {
    const r = await roseha(['status', '--json'], { ROSEHA_SOCKET: socket });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: 1, cluster: 'test' });
    const sources = sourcesOf(r.files);
    expect(sources.some((s) => s.endsWith(join('src', 'commands', 'status.ts')))).toBe(true);
    // Beyond what every command loads (`version`: the CLI and its chunks), one file: the client's.
    const base = new Set((await roseha(['version'])).files);
    expect(r.files.filter((f) => f.startsWith(`dist${sep}`) && !base.has(f)).map((f) => sourcesOf([f]).map((s) => relative('src', s)))).toEqual([
      [join('client', 'socket-http.ts'), join('client', 'index.ts')],
    ]);
    expect(sources.filter((s) => s.includes(`${sep}smol-toml${sep}`) || ['client/locate.ts', 'client/pinning.ts', 'cli/status-view.ts', 'commands/push-text.ts'].some((f) => s.endsWith(join('src', ...f.split('/')))))).toEqual([]);
  });

  it('config validate: no HTTP, TLS, crypto or spawning; piped output without streams or node:net', async () => {
    const r = await roseha(['config', 'validate', exampleConfig]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${exampleConfig}: valid (2 warnings)\n`);
    expect(r.stderr).toMatch(/^warning RHA-W\d{4} .*\nwarning RHA-W\d{4} .*\n$/);
    expect(r.builtins.filter((m) => ['net', 'stream'].includes(m))).toEqual([]);
    expect(r.builtins.filter((m) => [...spawnAndRemote, 'http', '_http_client'].includes(m))).toEqual([]);
    expect(esmLoader(r.builtins)).toEqual([]);
  });

  it('status --json and config validate FILE are read without commander (src/cli/plain-argv.ts), and without config push/edit', async () => {
    const runs = [await roseha(['status', '--json'], { ROSEHA_SOCKET: socket }), await roseha(['config', 'validate', exampleConfig])];
    for (const r of runs) {
      expect(r.stderr).not.toMatch(/RHA-E10[19]/);
      expect(sourcesOf(r.files).filter((s) => s.includes(`${sep}commander${sep}`) || s.endsWith(join('src', 'commands', 'push-text.ts')))).toEqual([]);
    }
    // The same command with a value option goes through commander.
    const viaCommander = await roseha(['--lang', 'en', 'config', 'validate', exampleConfig]);
    expect(viaCommander.code).toBe(0);
    expect(sourcesOf(viaCommander.files).some((s) => s.includes(`${sep}commander${sep}`))).toBe(true);
  });

  it("compiles every file of dist/ it loads from the build's code cache, without loading node:module", async () => {
    const r = await roseha(['config', 'validate', exampleConfig]);
    // The cache's own loader is the one file compiled the usual way.
    const fromDist = r.files.filter((f) => f.startsWith(`dist${sep}`) && f.endsWith('.js') && f !== join('dist', 'code-cache.js'));
    expect(fromDist.length).toBeGreaterThan(1);
    const compiled = r.compiled.map((c) => ({ file: relative(root, c.file), cache: c.cache }));
    expect(compiled.sort((a, b) => a.file.localeCompare(b.file))).toEqual(fromDist.sort().map((file) => ({ file, cache: 'used' })));
    // Without the builtin node:module (~0.5 ms to load): the loader takes the class from `module.constructor`.
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    if (major < 22 || (major === 22 && minor < 1)) expect(r.builtins).not.toContain('module');
  });

  it('status --json and config validate, piped, exit as soon as they are done, their whole output written', async () => {
    const status = await roseha(['status', '--json'], { ROSEHA_SOCKET: socket });
    expect(JSON.parse(status.stdout)).toMatchObject({ schemaVersion: 1, cluster: 'test' });
    const validate = await roseha(['config', 'validate', exampleConfig]);
    expect(validate.stdout).toBe(`${exampleConfig}: valid (2 warnings)\n`);
    expect(validate.stderr).toMatch(/^warning RHA-W\d{4} .*\nwarning RHA-W\d{4} .*\n$/);
    expect([status.drained, validate.drained]).toEqual([false, false]);
    // Neither stream is made: the output goes out with writeSync, and status's socket is closed
    // after the exit (net's close path makes process.stderr).
    expect([status.stdioMade, validate.stdioMade]).toEqual([[], []]);
    // A command that is not one-shot waits for its event loop as before.
    const init = await roseha(['config', 'init', join(dir, 'init', 'roseha.toml'), '--cluster-name', 't', '--node-a', 'a=192.168.100.1,10.0.0.11', '--node-b', 'b=192.168.100.2,10.0.0.12', '--gateway', '10.0.0.1', '--vip', '10.0.0.100/24']);
    expect(init).toMatchObject({ code: 0, drained: true });
  });

  it('--version alone is answered without loading the CLI, exactly as commander answers it', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    // Any second word sends --version through commander.
    const viaCommander = await roseha(['--no-color', '--version']);
    expect(viaCommander.files).toContain(join('dist', 'cli.js'));
    expect(viaCommander.stdout).toBe(`${pkg.version}\n`);
    for (const flag of ['--version', '-V']) {
      const fast = await roseha([flag]);
      expect(fast).toMatchObject({ code: 0, stdout: viaCommander.stdout, stderr: viaCommander.stderr });
      expect(fast.files).not.toContain(join('dist', 'cli.js'));
      expect(esmLoader(fast.builtins)).toEqual([]);
    }
  });
});
if (!built) console.warn('startup.test: dist/ is not built (npm run build), the start-up checks are skipped');
