// Records dist/'s V8 code cache (src/code-cache.ts): `node scripts/record-code-cache.mjs DIST`,
// run by the build on the bundle it just made. A few commands run in-process, so that the cache
// holds the functions they compile too, not only each file's top level.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? 'dist');
const require = createRequire(import.meta.url);
const cache = require(join(dist, 'code-cache.js')).installCodeCache(dist, { record: true });
const { main } = require(join(dist, 'cli.js'));

const example = new URL('../examples/roseha.toml', import.meta.url).pathname;
// The commands whose start-up is measured (bench/cli.mjs) and help. No agent answers: `status`
// records the client up to its unreachable-agent error.
const warmUps = [['config', 'validate', example], ['status', '--json'], ['--help'], ['explain', 'RHA-E1001'], ['version']];
const dir = mkdtempSync(join(tmpdir(), 'roseha-code-cache-'));
const discard = { write: () => true, isTTY: false };
try {
  for (const argv of warmUps) {
    await main(argv, { stdout: discard, stderr: discard, env: { PATH: process.env.PATH, LANG: 'C', ROSEHA_SOCKET: join(dir, 'no-agent.sock') } });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
cache.save();
