// Bundles the CLI with code splitting so that each command loads only what it uses:
// start-up cost is dominated by module loading, and a bundle halves it.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// The config schema uses zod/mini (~50 KB once tree-shaken). Classic `zod` (used by the Windows
// drivers) shares zod's core modules, and in one split build the shared chunk then carries the
// whole core (~650 KB) to `config validate` too: +90 ms CPU per run. Classic `zod` is therefore
// left external, loaded from node_modules only by the code that imports it. Subpaths stay bundled.
const classicZodExternal = {
  name: 'classic-zod-external',
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, () => ({ path: 'zod', external: true }));
  },
};

// Built beside dist/ and swapped in only on success: a failed build (someone's half-written
// module) leaves the last working bundle in place instead of no bundle at all.
const root = new URL('..', import.meta.url);
const dist = new URL('dist', root);
const staging = new URL(`dist.tmp-${process.pid}`, root);
rmSync(staging, { recursive: true, force: true });
try {
  await bundle(staging.pathname);
} catch (err) {
  rmSync(staging, { recursive: true, force: true });
  throw err;
}
rmSync(dist, { recursive: true, force: true });
renameSync(staging, dist);

async function bundle(outdir) {
  await build({
    entryPoints: { cli: 'src/cli.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    // Native addons and packages that read their own files at run time stay outside the bundle.
    external: ['tree-sitter', 'tree-sitter-powershell', 'playwright-core', 'pino', 'thread-stream', 'pino-pretty'],
    plugins: [classicZodExternal],
    banner: { js: "import { createRequire as __roseha_cr } from 'node:module'; const require = __roseha_cr(import.meta.url);" },
    define: { ROSEHA_VERSION: JSON.stringify(pkg.version) },
    logLevel: 'warning',
  });
}
