#!/usr/bin/env node
// npm run bench:failover -- [--runs N] [--idle-seconds S] [--only keepalived|roseha] [--json FILE]
// Bundles bench/failover.ts with esbuild and runs it (Node 20 cannot run TypeScript itself). Needs root.
import { fileURLToPath } from 'node:url';
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
process.argv.splice(2, 0, here('./failover.ts'));
await import(new URL('../src/lab/run-ts.mjs', import.meta.url).href);
