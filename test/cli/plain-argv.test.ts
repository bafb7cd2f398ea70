// The plain-argv reader runs a command without commander (start-up, issue #2). It must give
// exactly what commander's whole tree gives, and leave to commander every argv it cannot read.
import { describe, expect, it } from 'vitest';
import { plainArgv } from '../../src/cli/plain-argv.js';
import { commands } from '../../src/commands/index.js';
import { parseWithCommander } from './parse-with-commander.js';

const plain = (argv: string[]) => {
  const r = plainArgv(argv, commands);
  return r && { name: r.def.name, args: r.args, opts: r.opts, globals: r.globals };
};

/** Every order of `tokens` that keeps the command words in order. */
function orders(words: string[], rest: string[]): string[][] {
  const all: string[][] = [];
  const place = (done: string[], left: string[]) => {
    if (left.length === 0) return void all.push(done);
    for (const [i, t] of left.entries()) place([...done, t], left.filter((_, j) => j !== i));
  };
  place([], rest);
  return all.flatMap((r) => Array.from({ length: r.length + 1 }, (_, at) => [...r.slice(0, at), ...words, ...r.slice(at)]));
}

describe('plainArgv', () => {
  it('reads the command lines scripts and the benchmark run', () => {
    expect(plain(['status', '--json'])).toMatchObject({ name: 'status', args: [] });
    expect(plain(['config', 'validate', 'x.toml'])).toMatchObject({ name: 'config validate', args: ['x.toml'] });
  });

  it('leaves help, versions, values, `--` and unknown flags to commander', () => {
    for (const argv of [
      [],
      ['--help'],
      ['status', '-h'],
      ['--version'],
      ['status', '-V'],
      ['--config', 'x.toml', 'status'],
      ['-c', 'x.toml', 'config', 'show'],
      ['--lang', 'en', 'explain', 'RHA-E1001'],
      ['--json=true', 'status'],
      ['--', 'status'],
      ['status', '--bogus'],
      ['status', '-wV'],
      ['config'],
      ['config', 'nonsense'],
      ['nonsense'],
      ['config', 'validate', 'a.toml', 'b.toml'],
      ['explain'],
      ['help', 'exit-codes'],
      ['log', '-n', '5'],
      ['move', 'erp', '--no-wait'],
      ['--watch', 'status'],
      ['status', '-w', '--json'],
    ]) {
      expect(plain(argv), argv.join(' ')).toBeUndefined();
    }
  });

  const lines = [
    ...orders(['status'], ['--json', '-w', '--no-color']),
    ...orders(['status'], ['--watch', 'extra']),
    ...orders(['config', 'validate'], ['x.toml', '--json']),
    ...orders(['config', 'validate'], ['--no-color', '--json', '--json']),
    ...orders(['config', 'validate'], ['a', 'b']),
    ...orders(['explain'], ['RHA-E1001', '--json']),
    ...orders(['lock'], ['erp', '--dry-run', '--json']),
    ...orders(['config', 'push'], ['--force', '--dry-run']),
    ...orders(['log'], ['-f', '--json']),
    ...commands.map((c) => c.name.split(' ')),
    ...commands.flatMap((c) => (c.options ?? []).map((o) => [...c.name.split(' '), /--[\w-]+/.exec(o.flags)![0]])),
    ...commands.map((c) => [...c.name.split(' '), ...(c.args ?? []).map((a) => a.name)]),
  ];
  it.each(lines.map((argv) => [argv.join(' '), argv]))('`%s`: what commander runs, or left to it', async (_, argv) => {
    const mine = plain(argv);
    if (mine === undefined) return;
    expect(await parseWithCommander(argv, false)).toEqual({ ran: mine, out: '' });
  });

  it('reads most of those lines itself', () => {
    expect(lines.filter((argv) => plain(argv)).length).toBeGreaterThan(lines.length / 3);
  });
});
