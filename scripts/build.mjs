// Bundles the CLI with code splitting so that each command loads only what it uses:
// start-up cost is dominated by module loading, and a bundle halves it.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // Native addons and packages that read their own files at run time stay outside the bundle.
  external: ['tree-sitter', 'tree-sitter-powershell', 'playwright-core', 'pino', 'thread-stream', 'pino-pretty'],
  banner: { js: "import { createRequire as __roseha_cr } from 'node:module'; const require = __roseha_cr(import.meta.url);" },
  define: { ROSEHA_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
