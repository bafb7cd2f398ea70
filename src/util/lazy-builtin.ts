// A Node builtin loaded on first use. An ESM `import` of a builtin is evaluated at start-up even
// when the code path that needs it never runs: node:crypto and node:tls cost several milliseconds
// of every `roseha status`, yet only `--host` uses them.
import { createRequire } from 'node:module';

let requireBuiltin: NodeJS.Require | undefined;

export function lazyBuiltin<T>(name: `node:${string}`): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= (requireBuiltin ??= createRequire(import.meta.url))(name) as T);
}
