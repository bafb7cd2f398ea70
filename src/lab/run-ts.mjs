#!/usr/bin/env node
// Runs a TypeScript entry of the lab (the bench, the lab CLI) under plain Node 20: bundles it with
// esbuild (a dev dependency) into node_modules/.cache/roseha-lab/ and imports the bundle. The bundle
// stays inside the repository so that the lab can find its helper scripts from there.
// Usage: node src/lab/run-ts.mjs <entry.ts> [args…]
import { build } from 'esbuild';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node src/lab/run-ts.mjs <entry.ts> [args…]\n');
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = join(root, 'node_modules', '.cache', 'roseha-lab', basename(entry).replace(/\.ts$/, '.mjs'));
await build({
  entryPoints: [resolve(entry)],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
process.argv = [process.argv[0], outfile, ...rest];
await import(pathToFileURL(outfile).href);
