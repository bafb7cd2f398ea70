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

// commander requires node:child_process at load time for executable subcommands, which roseha
// does not use; that builtin pulls in net, dgram and streams: ~9 ms of every command's start-up.
// commander gets it on first use instead.
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let real; const load = () => (real ??= require('node:${args.path}'));
        module.exports = new Proxy({}, { get: (_, key) => load()[key] });`,
      loader: 'js',
    }));
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
    plugins: [classicZodExternal, lazyChildProcessForCommander],
    banner: { js: "import { createRequire as __roseha_cr } from 'node:module'; const require = __roseha_cr(import.meta.url);" },
    define: { ROSEHA_VERSION: JSON.stringify(pkg.version) },
    logLevel: 'warning',
  });
}
