// dist/'s code cache (src/code-cache.ts), on a module of its own, in child processes: the loader
// replaces how Node compiles the files under a folder, which a test process must not have done to it.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const loader = new URL('../dist/code-cache.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'roseha-code-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Requires dir/answer.js through the loader; prints its export and whether V8 was given a cache
 * (and, with `resolved`, every relative request that went through Node's resolution).
 */
function run(mode: 'record' | 'use', opts: { resolved?: boolean } = {}): { answer: string; cache: string; resolved?: string[] } {
  const script = `
    const Module = require('node:module');
    const resolved = [];
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      if (request.startsWith('.')) resolved.push(request);
      return resolve.call(this, request, ...rest);
    };
    const vm = require('node:vm');
    let cache = 'none';
    const NodeScript = vm.Script;
    vm.Script = class extends NodeScript {
      constructor(code, options) { super(code, options); if (options.cachedData) cache = this.cachedDataRejected ? 'rejected' : 'used'; }
    };
    const loader = require(${JSON.stringify(loader)}).installCodeCache(${JSON.stringify(dir)}, { record: ${mode === 'record'} });
    const answer = require(${JSON.stringify(join(dir, 'answer.js'))}).answer();
    if (${mode === 'record'}) loader.save();
    process.stdout.write(JSON.stringify({ answer, cache, ${opts.resolved ? 'resolved' : ''} }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { answer: string; cache: string };
}

describe.skipIf(!existsSync(loader))('code cache', () => {
  it('is used for the file it was recorded from, and ignored once the file changed', () => {
    writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n');
    writeFileSync(join(dir, 'answer.js'), "exports.answer = () => 'one';\n");
    expect(run('record')).toEqual({ answer: 'one', cache: 'none' });
    expect(run('use')).toEqual({ answer: 'one', cache: 'used' });
    // The same length, so V8's own check (it compares lengths, not contents) would take it.
    writeFileSync(join(dir, 'answer.js'), "exports.answer = () => 'two';\n");
    utimesSync(join(dir, 'answer.js'), new Date(), new Date(Date.now() + 60_000));
    expect(run('use')).toEqual({ answer: 'two', cache: 'none' });
  });

  it("gives a module what Node's loader gives it: its names, require, and its text decoded as UTF-8", () => {
    writeFileSync(join(dir, 'answer.js'), "const { basename } = require('node:path');\nexports.answer = () => [basename(__filename), basename(__dirname) === basename(module.path), typeof require.resolve, '中文 ✓'].join(' ');\n");
    expect(run('record')).toEqual({ answer: `answer.js true function 中文 ✓`, cache: 'none' });
    expect(run('use')).toEqual({ answer: `answer.js true function 中文 ✓`, cache: 'used' });
  });

  it("loads the files it recorded without Node's resolution, as the same module instances; others through Node", () => {
    mkdirSync(join(dir, 'lib'), { recursive: true });
    writeFileSync(join(dir, 'lib', 'part.js'), "exports.loads = (globalThis.partLoads ?? 0) + 1; globalThis.partLoads = exports.loads;\n");
    writeFileSync(
      join(dir, 'answer.js'),
      "const part = require('./lib/part.js');\nexports.answer = () => [part.loads, require('./lib/part.js') === part, require.cache[require('node:path').join(__dirname, 'lib', 'part.js')].exports === part].join(' ');\n",
    );
    expect(run('record', { resolved: true })).toEqual({ answer: '1 true true', cache: 'none', resolved: ['./lib/part.js'] });
    // answer.js itself is required by absolute path, from outside the folder.
    expect(run('use', { resolved: true })).toEqual({ answer: '1 true true', cache: 'used', resolved: [] });
    // Added after the cache was recorded: Node finds it, as before.
    writeFileSync(join(dir, 'lib', 'late.js'), 'exports.late = true;\n');
    writeFileSync(join(dir, 'answer.js'), "exports.answer = () => String(require('./lib/late.js').late);\n");
    expect(run('use', { resolved: true })).toEqual({ answer: 'true', cache: 'none', resolved: ['./lib/late.js'] });
  });

  it("a folder whose package.json does not say CommonJS is left to Node's loader", () => {
    writeFileSync(join(dir, 'package.json'), '{}\n');
    expect(run('use')).toMatchObject({ cache: 'none' });
    writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n');
    writeFileSync(join(dir, 'answer.js'), "exports.answer = () => 'two';\n");
  });

  it('without a recorded cache, files compile as usual', () => {
    rmSync(join(dir, 'code-cache'), { recursive: true, force: true });
    expect(run('use')).toEqual({ answer: 'two', cache: 'none' });
  });
});
if (!existsSync(loader)) console.warn('code-cache.test: dist/ is not built (npm run build), skipped');
