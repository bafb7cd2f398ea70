// Start-up cost of the CLI against node's own: `npm run bench:cli [-- --runs N] [-- --json] [-- --with-extra-ca]`.
// Every target runs once per round, in a different order each round (so that a slow moment of
// the machine does not land on one target), and the median of the rounds is reported.
// Target: each roseha command ≤ 1.3 × `node -e 0`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'roseha');
const example = join(root, 'examples', 'roseha.toml');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('--runs', 40));
const asJson = process.argv.includes('--json');
const target = 1.3;

if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('bench: dist/ is missing; run npm run build first');
  process.exit(1);
}

/** bench/reference-cli.mjs bundled as one CommonJS file (esbuild, as roseha's own build). */
function referenceBundle() {
  const out = join(root, 'node_modules', '.cache', 'roseha-bench', 'reference-cli.cjs');
  buildSync({ entryPoints: [join(root, 'bench', 'reference-cli.mjs')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, logLevel: 'warning' });
  return out;
}

const env = { ...process.env, NO_COLOR: '1' };
delete env.FORCE_COLOR;
// NODE_EXTRA_CA_CERTS makes every node process load a certificate bundle at start-up (~35 ms with
// Debian's whole bundle): the same for node -e 0 and roseha, so it flatters the ratios. It is left
// out unless --with-extra-ca: the reference (a plain commander + chalk + cli-table3 +
// smol-toml program at 2.3×) is what this machine measures without it (with it: ~1.5×).
const extraCa = process.argv.includes('--with-extra-ca') ? env.NODE_EXTRA_CA_CERTS : undefined;
if (extraCa === undefined) delete env.NODE_EXTRA_CA_CERTS;

// `status --json` talks to an agent: a stand-in answers on a Unix socket from a worker thread
// (spawnSync blocks this thread, not the worker's event loop).
const hasStatus = spawnSync(process.execPath, [bin, 'help', 'status'], { env }).status === 0;
let agent;
const dir = mkdtempSync(join(tmpdir(), 'roseha-bench-'));
const socket = join(dir, 'agent.sock');
if (hasStatus) {
  agent = new Worker(
    `const http = require('node:http');
     const { parentPort, workerData } = require('node:worker_threads');
     const body = JSON.stringify({ cluster: 'bench', degraded: false, nodes: [], groups: [], links: [], intents: [] });
     http.createServer((req, res) => { res.setHeader('content-type', 'application/json'); res.end(body); })
       .listen(workerData, () => parentPort.postMessage('up'));`,
    { eval: true, workerData: socket },
  );
  await new Promise((resolve, reject) => {
    agent.once('message', resolve);
    agent.once('error', reject);
  });
}

const targets = [
  { name: 'node -e 0', argv: ['-e', '0'] },
  { name: 'reference: plain', argv: [join(root, 'bench', 'reference-cli.mjs'), 'validate', example] },
  { name: 'reference: bundled', argv: [referenceBundle(), 'validate', example] },
  { name: 'roseha --version', argv: [bin, '--version'] },
  { name: 'roseha config validate FILE', argv: [bin, 'config', 'validate', example] },
];
if (hasStatus) targets.push({ name: 'roseha status --json', argv: [bin, 'status', '--json'], env: { ROSEHA_SOCKET: socket } });

// One run of each first: the file system cache warm, and a broken command caught before timing.
for (const t of targets) {
  const r = spawnSync(process.execPath, t.argv, { env: { ...env, ...t.env }, encoding: 'utf8' });
  t.exitCode = r.status;
  if (r.status !== 0 && !(t.name.includes('status') && r.status === 3)) {
    console.error(`bench: ${t.name} exited ${r.status}: ${r.stderr.trim().split('\n')[0]}`);
  }
  t.samples = [];
}

for (let round = 0; round < runs; round++) {
  const order = targets.map((t, i) => targets[(i + round) % targets.length]);
  if (round % 2) order.reverse();
  for (const t of order) {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, t.argv, { env: { ...env, ...t.env }, stdio: 'ignore' });
    t.samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}
await agent?.terminate();
rmSync(dir, { recursive: true, force: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const base = median(targets[0].samples);
const rows = targets.map((t) => ({ name: t.name, medianMs: +median(t.samples).toFixed(1), ratio: +(median(t.samples) / base).toFixed(2), exitCode: t.exitCode }));

if (asJson) {
  console.log(JSON.stringify({ schemaVersion: 1, runs, target, rows, statusMeasured: hasStatus, nodeExtraCaCerts: extraCa ?? null }, null, 2));
} else {
  console.log(`${runs} rounds, median wall time per run (node ${process.versions.node}, ${process.platform}):`);
  for (const r of rows) {
    const flag = !r.name.startsWith('roseha') ? '' : r.ratio <= target ? '  ok' : `  OVER ${target}×`;
    console.log(`  ${r.name.padEnd(30)} ${String(r.medianMs).padStart(7)} ms  ${r.ratio.toFixed(2)}×${flag}`);
  }
  if (!hasStatus) console.log('  roseha status --json: skipped, the command does not exist yet');
  else console.log('  (status answers from a stand-in agent on a Unix socket)');
  console.log(extraCa ? `  NODE_EXTRA_CA_CERTS=${extraCa}: every run, node -e 0 included, loads it (it flatters the ratios)` : '  NODE_EXTRA_CA_CERTS unset for every run (--with-extra-ca keeps it)');
}
