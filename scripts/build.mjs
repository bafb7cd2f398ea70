// Bundles the CLI with code splitting so that each command loads only what it uses:
// start-up cost is dominated by module loading, and a bundle halves it.
//
// The split bundle is then turned into CommonJS, file by file. Node's ESM loader costs every
// command ~7 ms to start and then reads each module through the thread pool (a round trip per
// open, stat and read): ~0.5 ms a file on a quiet machine, several on a busy one. require() reads
// synchronously. esbuild cannot split a CommonJS bundle itself, hence the two passes; the module
// graph (one instance of each module, lazy chunks) is the split build's, unchanged.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

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
// Both passes write at dist/'s depth, so that the source maps' relative paths hold after the swap.
const staging = { esm: new URL(`dist.tmp-${process.pid}-esm`, root), cjs: new URL(`dist.tmp-${process.pid}`, root) };
const clean = () => Object.values(staging).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
clean();
try {
  await bundle(staging.esm.pathname, staging.cjs.pathname);
  rmSync(dist, { recursive: true, force: true });
  renameSync(staging.cjs, dist);
} finally {
  clean();
}
// Recorded in place, not in the staging folder: V8 keeps the script names it recorded with, and
// stack traces (and the profiles) named dist.tmp-PID/… files that no longer exist.
execFileSync(process.execPath, [new URL('record-code-cache.mjs', import.meta.url).pathname, dist.pathname], { stdio: 'inherit' });

async function bundle(esmDir, outdir) {
  const { metafile } = await build({
    entryPoints: { cli: 'src/cli.ts' },
    outdir: esmDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    metafile: true,
    chunkNames: 'chunks/[name]-[hash]',
    // Native addons and packages that read their own files at run time stay outside the bundle.
    external: ['tree-sitter', 'tree-sitter-powershell', 'playwright-core', 'pino', 'thread-stream', 'pino-pretty'],
    plugins: [lazyChildProcessForCommander],
    define: { ROSEHA_VERSION: JSON.stringify(pkg.version) },
    logLevel: 'warning',
  });
  // The chunks' imports of each other are esbuild's own ESM, not Node's: `import()` of one must give
  // its exports as they are (its `default` too), not Node's wrapping of a CommonJS module. esbuild
  // applies Node's interop to files of a "type": "module" package, which the staging folder is in.
  writeFileSync(`${esmDir}/package.json`, '{ "type": "commonjs" }\n');
  const cjs = await build({
    entryPoints: Object.keys(metafile.outputs).filter((f) => f.endsWith('.js')),
    outbase: esmDir,
    outdir,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // A chunk loaded on demand stays on demand: import() becomes a require() when it is reached.
    supported: { 'dynamic-import': false },
    sourcemap: 'linked',
    // A getter: pathToFileURL costs ms on its first call, and few modules ever ask for their URL.
    define: { 'import.meta.url': '__roseha_import_meta.url' },
    // The banner comes first: "use strict" must too, or the modules would run sloppy.
    banner: { js: '"use strict";\nvar __roseha_import_meta = { get url() { return require("node:url").pathToFileURL(__filename).href; } };' },
    // Any other use of import.meta would silently be {} in CommonJS.
    logOverride: { 'empty-import-meta': 'error' },
    logLevel: 'warning',
    metafile: true,
  });
  const nodeInterop = /__toESM\(require\("\.[^"]*"\), 1\)/;
  for (const file of Object.keys(cjs.metafile.outputs).filter((f) => f.endsWith('.js'))) {
    if (nodeInterop.test(readFileSync(file, 'utf8'))) throw new Error(`${file}: a chunk required with Node's interop, which loses its default export`);
  }
  // dist/ sits in an ESM package: its .js files are CommonJS by this marker.
  writeFileSync(`${outdir}/package.json`, '{ "type": "commonjs" }\n');
  // bin/roseha answers a bare `--version` from it without loading the CLI: the same value as
  // ROSEHA_VERSION, which commander prints.
  writeFileSync(`${outdir}/version.json`, `${JSON.stringify({ version: pkg.version })}\n`);
  // Loaded by bin/roseha before the CLI, to compile the CLI from the recorded cache: a file of its
  // own, sharing no chunk with what it compiles.
  await build({
    entryPoints: { 'code-cache': 'src/code-cache.ts' },
    outdir,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    banner: { js: '"use strict";' },
    logLevel: 'warning',
  });
}
