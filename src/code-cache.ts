// A V8 code cache for dist/, Node 20's stand-in for module.enableCompileCache() (Node >= 22.1).
// Compiling the bundle is most of what a command costs beyond node's own start-up: the CLI and
// commander, zod's ~80 KB, each function V8 compiles the first time it runs. With the cache V8
// deserializes the compiled code instead (issue #2).
//
// The cache is made by the build (scripts/build.mjs runs a few commands to record it) and lives in
// dist/code-cache/, so it is exactly as trustworthy as the code beside it; it is never written at
// run time. V8 refuses a cache made by another version or with other flags; a file whose size or
// time no longer match the build's (edited by hand) is compiled without one.
import Module from 'node:module';
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Script } from 'node:vm';

interface ModuleInternals {
  exports: unknown;
  filename: string;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}
type ModuleClass = typeof Module & {
  prototype: ModuleInternals;
  _cache: Record<string, unknown>;
  _extensions: Record<string, unknown>;
  _resolveFilename(request: string, parent: ModuleInternals, isMain: boolean, options?: { paths?: string[] }): string;
};
const CjsModule = Module as ModuleClass;

/** What a cache was made from: a file that changed since is compiled without it. */
type Manifest = Record<string, string>;
const stamp = (file: string) => {
  const s = statSync(file);
  return `${s.size}:${s.mtimeMs}`;
};

export const cacheFolder = (dist: string) => join(dist, 'code-cache');

/**
 * Compiles the CommonJS files under `dist` through vm.Script with their cached code. `record`
 * (the build) compiles without a cache and returns `save`, which writes the caches of every file
 * compiled so far, functions compiled while running included.
 */
export function installCodeCache(dist: string, opts: { record?: boolean } = {}): { save(): void } {
  const folder = cacheFolder(dist);
  let manifest: Manifest = {};
  // --enable-source-maps maps stack traces from Node's own compile path, which this one bypasses.
  if (process.sourceMapsEnabled) return { save() {} };
  if (!opts.record) {
    try {
      manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
    } catch {
      // no cache: installed without a build, or the build could not record one
      return { save() {} };
    }
  }
  const compiled = new Map<string, Script>();
  const compile = CjsModule.prototype._compile;
  CjsModule.prototype._compile = function (this: ModuleInternals, content: string, filename: string) {
    const name = relative(dist, filename);
    if (name.startsWith('..') || !name.endsWith('.js')) return compile.call(this, content, filename);
    let cachedData: Buffer | undefined;
    if (!opts.record && manifest[name] === stamp(filename)) {
      try {
        cachedData = readFileSync(join(folder, `${name}.v8`));
      } catch {
        // compiled without
      }
    }
    const script = new Script(CjsModule.wrap(content), { filename, ...(cachedData ? { cachedData } : {}) });
    compiled.set(name, script);
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };
  return {
    save() {
      const stamps: Manifest = {};
      for (const [name, script] of compiled) {
        const file = join(folder, `${name}.v8`);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, script.createCachedData());
        stamps[name] = stamp(join(dist, name));
      }
      writeFileSync(join(folder, 'manifest.json'), `${JSON.stringify(stamps, null, 1)}\n`);
    },
  };
}

/** The `require` a module's code is given, as Node's own loader builds it. */
function requireFor(mod: ModuleInternals) {
  const require = (id: string) => mod.require(id);
  return Object.assign(require, {
    resolve: (request: string, options?: { paths?: string[] }) => CjsModule._resolveFilename(request, mod, false, options),
    main: (process as { mainModule?: unknown }).mainModule,
    cache: CjsModule._cache,
    extensions: CjsModule._extensions,
  });
}
