// A V8 code cache for dist/, Node 20's stand-in for module.enableCompileCache() (Node >= 22.1).
// Compiling the bundle is most of what a command costs beyond node's own start-up: the CLI and
// commander, valibot and smol-toml, each function V8 compiles the first time it runs. With the cache V8
// deserializes the compiled code instead (issue #2).
//
// The cache is made by the build (scripts/build.mjs runs a few commands to record it) and lives in
// dist/code-cache/, so it is exactly as trustworthy as the code beside it; it is never written at
// run time. V8 refuses a cache made by another version or with other flags; a file whose size or
// time no longer match the build's (edited by hand) is compiled without one.
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { Script } from 'node:vm';

interface ModuleInternals {
  exports: unknown;
  filename: string;
  require(id: string): unknown;
  load(filename: string): void;
}
type ModuleClass = (new (id: string, parent: ModuleInternals) => ModuleInternals) & {
  wrapper: readonly [string, string];
  _cache: Record<string, unknown>;
  _extensions: Record<string, (module: ModuleInternals, filename: string) => unknown>;
  _resolveFilename(request: string, parent: ModuleInternals, isMain: boolean, options?: { paths?: string[] }): string;
};
// The CommonJS loader's Module class, as `module.constructor`: `require('node:module')` is the same
// class, but loading that builtin costs ~0.5 ms of each start on Node 20 (issue #2).
const CjsModule = module.constructor as unknown as ModuleClass;

/** What a cache was made from: a file that changed since is compiled without it. */
type Manifest = Record<string, string>;
const stamp = (s: { size: number; mtimeMs: number }) => `${s.size}:${s.mtimeMs}`;

/**
 * A file's text between `head` and `tail` (Module.wrap()'s), and its stamp: one read into one buffer,
 * decoded once. Reading the file and then concatenating made two more copies of each source (and
 * a stat of its own for the stamp).
 */
function readWrapped(file: string, head: Buffer, tail: Buffer): { source: string; stamp: string } {
  const fd = openSync(file, 'r');
  try {
    const stat = fstatSync(fd);
    const bytes = Buffer.allocUnsafe(head.length + stat.size + tail.length);
    head.copy(bytes);
    const last = head.length + stat.size;
    let end = head.length;
    while (end < last) {
      const n = readSync(fd, bytes, end, last - end, null);
      if (n === 0) break; // shorter than it was a moment ago
      end += n;
    }
    end += tail.copy(bytes, end);
    return { source: bytes.toString('utf8', 0, end), stamp: stamp(stat) };
  } finally {
    closeSync(fd);
  }
}

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
  if (process.sourceMapsEnabled || !isCommonJsFolder(dist)) return { save() {} };
  if (!opts.record) {
    try {
      manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
    } catch {
      // no cache: installed without a build, or the build could not record one
      return { save() {} };
    }
  }
  const compiled = new Map<string, Script>();
  // A file's name in the manifest: its path below dist/ (a string test, where path.relative resolves both paths).
  const prefix = resolve(dist) + sep;
  const nameOf = (file: string) => (file.startsWith(prefix) ? file.slice(prefix.length) : undefined);
  // Node's loader for .js reads each file into a string, looks up its package.json, then wraps the
  // string in a second, concatenated one that V8 flattens into a third. A file of dist/ (CommonJS,
  // checked above) is read here as bytes and decoded once, wrapper included: the same source text
  // as Module.wrap() makes, so the recorded cache fits either way. Measured: status --json ~5 ms
  // and config validate ~2 ms faster (issue #2).
  const [head, tail] = CjsModule.wrapper.map((w) => Buffer.from(w)) as [Buffer, Buffer];
  const loadJs = CjsModule._extensions['.js']!;
  CjsModule._extensions['.js'] = function (module: ModuleInternals, filename: string) {
    const name = nameOf(filename);
    if (name === undefined || !name.endsWith('.js')) return loadJs.call(this, module, filename);
    const { source, stamp } = readWrapped(filename, head, tail);
    let cachedData: Buffer | undefined;
    if (!opts.record && manifest[name] === stamp) {
      try {
        cachedData = readFileSync(join(folder, `${name}.v8`));
      } catch {
        // compiled without
      }
    }
    const script = new Script(source, { filename, ...(cachedData ? { cachedData } : {}) });
    compiled.set(name, script);
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    return wrapper.call(module.exports, module.exports, requireFor(module, recorded), module, filename, dirname(filename));
  };
  // A file of the cache's own build, named by its path relative to the module that requires it.
  const recorded = (id: string, from: string): string | undefined => {
    if (!id.startsWith('./') && !id.startsWith('../')) return undefined;
    const filename = join(dirname(from), id);
    const name = nameOf(filename);
    return name !== undefined && Object.hasOwn(manifest, name) ? filename : undefined;
  };
  return {
    save() {
      const stamps: Manifest = {};
      for (const [name, script] of compiled) {
        const file = join(folder, `${name}.v8`);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, script.createCachedData());
        stamps[name] = stamp(statSync(join(dist, name)));
      }
      writeFileSync(join(folder, 'manifest.json'), `${JSON.stringify(stamps, null, 1)}\n`);
    },
  };
}

/** Node runs a .js file as CommonJS where its package.json says so: dist/ (the build writes it). */
function isCommonJsFolder(dist: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8')) as { type?: string }).type === 'commonjs';
  } catch {
    return false;
  }
}

/**
 * The `require` a module's code is given, as Node's own loader builds it. A file the build recorded
 * (`recorded` gives its path) is loaded without Node's resolution: the chunks of dist/ require each
 * other by relative path, and Node looks each one up on disk (a stat, a realpath, the lookup caches)
 * before it reads it, ~0.1 ms a file and a dozen files a command (issue #2). The module is made,
 * cached and loaded as Module._load does; anything else goes through Node.
 */
function requireFor(mod: ModuleInternals, recorded: (id: string, from: string) => string | undefined) {
  const require = (id: string) => {
    const filename = recorded(id, mod.filename);
    if (filename === undefined) return mod.require(id);
    const cached = CjsModule._cache[filename] as ModuleInternals | undefined;
    if (cached) return cached.exports;
    const child = new CjsModule(filename, mod);
    CjsModule._cache[filename] = child;
    let loaded = false;
    try {
      child.load(filename);
      loaded = true;
    } finally {
      if (!loaded) delete CjsModule._cache[filename];
    }
    return child.exports;
  };
  return Object.assign(require, {
    resolve: (request: string, options?: { paths?: string[] }) => CjsModule._resolveFilename(request, mod, false, options),
    main: (process as { mainModule?: unknown }).mainModule,
    cache: CjsModule._cache,
    extensions: CjsModule._extensions,
  });
}
