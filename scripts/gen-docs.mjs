// Writes man/roseha.1 and completions/* from the command table (src/cli/docs.ts).
// `node scripts/gen-docs.mjs --check` writes nothing and exits 1 when a file is out of date.
// The TypeScript is bundled in memory by esbuild (node 20 cannot run .ts) and loaded from a
// temporary file inside node_modules/.cache so that its package imports resolve.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const cacheDir = join(root, 'node_modules', '.cache', 'roseha-gen-docs');
mkdirSync(cacheDir, { recursive: true });
const outdir = join(cacheDir, `run-${process.pid}`);
const out = join(outdir, 'docs.js');
await build({
  entryPoints: { docs: join(root, 'src', 'cli', 'docs.ts') },
  outdir,
  outExtension: { '.js': '.js' },
  bundle: true,
  // Split, so that what commands load lazily stays lazy: the generator never needs their packages.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
let files;
try {
  const { renderDocs, docTree, renderReadmeCommands, spliceReadme } = await import(pathToFileURL(out).href);
  files = renderDocs(pkg.version);
  // The README's command table sits between two markers; the rest of the README is written by hand.
  files['README.md'] = spliceReadme(readFileSync(join(root, 'README.md'), 'utf8'), renderReadmeCommands(docTree()));
} finally {
  rmSync(outdir, { recursive: true, force: true });
}

let stale = 0;
for (const [rel, text] of Object.entries(files)) {
  const path = join(root, rel);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (current === text) continue;
  if (check) {
    console.error(`${rel} is out of date: run npm run gen:docs`);
    stale++;
    continue;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`wrote ${rel}`);
}
process.exitCode = stale ? 1 : 0;
