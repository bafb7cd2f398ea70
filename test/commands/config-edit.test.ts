// `roseha config edit` and `config push` against a real ApiServer on a Unix socket whose config API is
// a real ConfigSync (no peer): the editor is a small script, never a shell.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer } from '../../src/agent/api/server.js';
import type { AgentApi } from '../../src/agent/api/routes.js';
import { ConfigSync } from '../../src/agent/config-sync.js';
import { loadConfigOrThrow } from '../../src/config/load.js';
import { runMain } from '../cli/run-main.js';

const configText = (dir: string) => `generation = 1
[cluster]
name = "lo"
key_file = "cluster.key"
state_dir = "${join(dir, 'state')}"
[[node]]
name = "node-a"
private = "10.0.1.1"
public = "10.0.2.1"
[[node]]
name = "node-b"
private = "10.0.1.2"
public = "10.0.2.2"
[alerts]
throttle_s = 300
`;

describe.skipIf(process.platform === 'win32')('config edit and push through the agent API', () => {
  let dir: string;
  let server: ApiServer;
  let file: string;
  let reloads: string[];
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'roseha-edit-test-'));
    file = join(dir, 'roseha.toml');
    writeFileSync(file, configText(dir));
    writeFileSync(join(dir, 'cluster.key'), 'ab'.repeat(32));
    reloads = [];
    const sync = new ConfigSync({ config: loadConfigOrThrow(file).config, self: 'node-a', peer: null, log: { info() {}, warn() {}, error() {} }, emit: () => undefined, reload: (r) => reloads.push(r) });
    const socket = join(dir, 'api.sock');
    server = new ApiServer({ socketPath: socket, api: { config: sync } as unknown as AgentApi });
    await server.start();
    env = { ROSEHA_SOCKET: socket };
  });
  afterEach(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** An "editor": node running a script that rewrites the file it is given. */
  function editor(body: string): string {
    const script = join(dir, 'editor.mjs');
    writeFileSync(script, `import { readFileSync, writeFileSync } from 'node:fs';\nconst f = process.argv[2];\nconst t = readFileSync(f, 'utf8');\n${body}\n`);
    return `${process.execPath} ${script}`;
  }

  it('an edit that validates is pushed: new generation, reload', async () => {
    const r = await runMain(['config', 'edit'], { env: { ...env, EDITOR: editor("writeFileSync(f, t.replace('throttle_s = 300', 'throttle_s = 30'));") } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('RHA-W5245'); // no peer: committed here only
    const now = readFileSync(file, 'utf8');
    expect(now).toMatch(/^generation = 2$/m);
    expect(now).toContain('throttle_s = 30');
    expect(reloads).toHaveLength(1);
  });

  it('an invalid edit is never pushed (not on a terminal: refused with RHA-E5253)', async () => {
    const before = readFileSync(file, 'utf8');
    const r = await runMain(['config', 'edit'], { env: { ...env, EDITOR: editor("writeFileSync(f, t.replace('10.0.1.2', 'nonsense'));") } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('node[1].private');
    expect(r.stderr).toContain('RHA-E5253');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('no change: nothing pushed', async () => {
    const r = await runMain(['config', 'edit'], { env: { ...env, EDITOR: editor('') } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no change');
    expect(reloads).toEqual([]);
  });

  it('config push FILE: local validation first; --dry-run writes nothing', async () => {
    const other = join(dir, 'new.toml');
    writeFileSync(other, configText(dir).replace('throttle_s = 300', 'throttle_s = 10'));
    const dry = await runMain(['--json', 'config', 'push', other, '--dry-run'], { env });
    expect(JSON.parse(dry.stdout)).toMatchObject({ generation: 2, peer: 'dry-run' });
    expect(readFileSync(file, 'utf8')).toMatch(/^generation = 1$/m);
    writeFileSync(other, 'not toml [');
    const bad = await runMain(['config', 'push', other], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('RHA-E1001');
    expect(bad.stderr).toContain('RHA-E5243');
  });
});
