// The man page and completions are generated from the command tree; these tests fail when a
// command is missing from the committed files, and check that each file works in its shell.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { docTree, renderDocs, renderReadmeCommands, spliceReadme } from '../../src/cli/docs.js';
import { commands } from '../../src/commands/index.js';
import { exitCodeHelp } from '../../src/exit-codes.js';
import { configLocations } from '../../src/cli/topics.js';

const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const generated = renderDocs(pkg.version);
const committed = (rel: string) => readFileSync(join(root, rel), 'utf8');
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

describe('generated docs', () => {
  it.each(Object.keys(generated))('%s is up to date (else run `npm run gen:docs`)', (rel) => {
    expect(committed(rel), `${rel} is stale: run npm run gen:docs`).toBe(generated[rel]);
  });

  it('the README\'s command table is up to date (else run `npm run gen:docs`)', () => {
    const readme = committed('README.md');
    expect(spliceReadme(readme, renderReadmeCommands(docTree())), 'README.md command table is stale: run npm run gen:docs').toBe(readme);
    for (const def of commands) expect(readme).toContain(`| \`roseha ${def.name}`);
  });

  it('every command of the table is in the man page and every completion file', () => {
    for (const def of commands) {
      const words = def.name.split(' ');
      expect(committed('man/roseha.1')).toContain(`.SS "roseha ${def.name.replace(/-/g, '\\-')}`);
      for (const f of ['completions/roseha.bash', 'completions/_roseha', 'completions/roseha.ps1']) {
        expect(committed(f), `${def.name} missing in ${f}`).toMatch(new RegExp(`['\\s]${words[words.length - 1]}[\\s']`));
      }
    }
    expect(docTree().commands.filter((c) => c.children.length === 0).map((c) => c.path.join(' ')).sort()).toEqual(commands.map((c) => c.name).sort());
  });

  it('the man page documents every exit code and the config locations', () => {
    const man = committed('man/roseha.1');
    const section = man.slice(man.indexOf('.SH EXIT STATUS'), man.indexOf('.SH FILES'));
    for (const e of exitCodeHelp) expect(section).toContain(`.B ${e.code}\n${e.name}:`);
    for (const l of configLocations) expect(man).toContain(l.where.replace(/\\/g, '\\e').replace(/-/g, '\\-'));
  });

  it.skipIf(!has('groff'))('the man page renders without groff warnings', () => {
    const r = spawnSync('groff', ['-man', '-ww', '-z', join(root, 'man/roseha.1')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
  if (!has('groff')) console.warn('docs.test: groff is not installed, the man page render check is skipped (.ci/run installs groff)');
});

describe('bash completion', () => {
  // One bash run for every case: COMP_WORDS as the shell would set them, COMPREPLY printed.
  const cases: Array<[string, string[]]> = [
    ['roseha ', ['status', 'config', 'help', 'version', 'explain', '--json']],
    ['roseha con', ['config']],
    ['roseha config ', ['validate', 'show', 'init']],
    ['roseha --json config ', ['validate', 'show', 'init']],
    ['roseha --lang ', ['en', 'zh-CN']],
    ['roseha config init --profile ', ['balanced', 'fast', 'safe']],
    ['roseha config init --f', ['--force']],
    ['roseha help ', ['exit-codes', 'config-locations', 'environment']],
  ];
  it('offers the commands, sub-commands, options and choices', () => {
    const script = [
      `source ${join(root, 'completions/roseha.bash')}`,
      ...cases.map(([line]) => {
        const words = line.split(' ');
        return `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; COMPREPLY=(); _roseha; echo "\${COMPREPLY[*]}"`;
      }),
    ].join('\n');
    const lines = execFileSync('bash', ['--norc', '-c', script], { encoding: 'utf8' }).split('\n');
    cases.forEach(([line, want], i) => {
      const got = (lines[i] ?? '').split(' ').filter(Boolean);
      for (const w of want) expect(got, `"${line}" → ${got.join(' ')}`).toContain(w);
      if (line.endsWith('con') || line.endsWith('--profile ') || line.endsWith('--lang ')) expect(got.sort()).toEqual([...want].sort());
    });
  });
});

describe.skipIf(!has('zsh'))('zsh completion', () => {
  it('offers the sub-commands and choices (compadd stubbed)', () => {
    const script = `compadd() { [[ "$1" == "--" ]] && shift; print -r -- "$*" }
_files() { print -r -- FILES }
source ${join(root, 'completions/_roseha')} >/dev/null 2>&1
t() { words=("$@"); CURRENT=\${#words}; _roseha }
t roseha config ''
t roseha config init --profile ''
t roseha -c ''`;
    const out = execFileSync('zsh', ['-f', '-c', script], { encoding: 'utf8' }).split('\n');
    expect(out[0]!.split(' ')).toEqual(expect.arrayContaining(['validate', 'show', 'init']));
    expect(out[1]).toBe('fast balanced safe');
    expect(out[2]).toBe('FILES');
  });
});
if (!has('zsh')) console.warn('docs.test: zsh is not installed, the zsh completion check is skipped (.ci/run installs zsh)');

describe('PowerShell completion', () => {
  it('parses as PowerShell and registers a native completer (unverified in a real PowerShell)', async () => {
    const { default: Parser } = await import('tree-sitter');
    // The grammar ships no type declarations: imported through a variable, it is simply `any`.
    const grammar = 'tree-sitter-powershell';
    const { default: PowerShell } = await import(grammar);
    const parser = new Parser();
    parser.setLanguage(PowerShell as Parameters<typeof parser.setLanguage>[0]);
    const text = committed('completions/roseha.ps1');
    expect(parser.parse(text).rootNode.hasError).toBe(false);
    expect(parser.parse(`${text}\n$x = @{ 'a' = @(1, 2) `).rootNode.hasError).toBe(true);
    expect(text).toMatch(/Register-ArgumentCompleter -Native -CommandName @\('roseha', 'roseha\.cmd'\)/);
  });
});
