// Records dist/'s V8 code cache (src/code-cache.ts): `node scripts/record-code-cache.mjs DIST`,
// run by the build on the bundle it just made. A few commands run in-process, so that the cache
// holds the functions they compile too, not only each file's top level.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? 'dist');
const require = createRequire(import.meta.url);
const cache = require(join(dist, 'code-cache.js')).installCodeCache(dist, { record: true });
const { main } = require(join(dist, 'cli.js'));

const example = new URL('../examples/roseha.toml', import.meta.url).pathname;
// The commands whose start-up is measured (bench/cli.mjs) and help. A stand-in agent answers
// `status` (an empty cluster, as the benchmark's), so that the cache holds the path of an answer
// (reading and parsing the response, the output), not only the unreachable-agent error.
const warmUps = [['config', 'validate', example], ['status', '--json'], ['--help'], ['explain', 'RHA-E1001'], ['version']];
const dir = mkdtempSync(join(tmpdir(), 'roseha-code-cache-'));
// A named pipe on Windows, where the agent's local socket is one too.
const socket = process.platform === 'win32' ? `\\\\.\\pipe\\roseha-code-cache-${process.pid}` : join(dir, 'agent.sock');
const body = JSON.stringify({ cluster: 'record', degraded: false, nodes: [], groups: [], links: [], intents: [] });
const agent = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(body));
// Where no socket can be served, `status` records its unreachable-agent path as before.
const listening = await new Promise((resolve) => agent.once('error', () => resolve(false)).listen(socket, () => resolve(true)));
const discard = { write: () => true, isTTY: false };
try {
  for (const argv of warmUps) {
    await main(argv, { stdout: discard, stderr: discard, env: { PATH: process.env.PATH, LANG: 'C', ROSEHA_SOCKET: socket } });
  }
} finally {
  if (listening) await new Promise((resolve) => agent.close(resolve));
  rmSync(dir, { recursive: true, force: true });
}
cache.save();
