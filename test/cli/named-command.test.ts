// Only the command argv names is registered with commander (start-up, issue #2). These tests
// hold that to its promise: the same parse, the same errors, as with the whole tree.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { namedCommand } from '../../src/cli/named-command.js';
import { commands } from '../../src/commands/index.js';
import { parseWithCommander as parse } from './parse-with-commander.js';

const rootOptions = buildProgram(async () => undefined).options;
const named = (...argv: string[]) => namedCommand(argv, rootOptions, commands)?.name;

describe('namedCommand', () => {
  it('finds the command from its words, past the root options and their values', () => {
    expect(named('status', '--json')).toBe('status');
    expect(named('config', 'validate', 'x.toml')).toBe('config validate');
    expect(named('--config', 'status', 'config', 'show')).toBe('config show');
    expect(named('-c', 'x.toml', '--lang', 'en', 'move', 'erp', '--to', 'b')).toBe('move');
    expect(named('--config=x.toml', '--no-color', 'explain', 'RHA-E1001')).toBe('explain');
    expect(named('config', '--json', 'validate')).toBe('config validate');
    expect(named('--host', 'node-a:7410', '--token', 'move', 'lock', 'erp')).toBe('lock');
  });

  it('wants the whole tree for help, no command, unknown words and arguments it cannot read', () => {
    for (const argv of [
      [],
      ['--version'],
      ['--json'],
      ['status', '--help'],
      ['-h', 'status'],
      ['config'],
      ['config', 'nonsense'],
      ['nonsense', 'status'],
      ['--', 'status'],
      ['-Vc', 'x.toml', 'status'],
      ['--config'],
      ['config', '--force', 'init'],
      ['--bogus', 'status'],
    ]) {
      expect(named(...argv), argv.join(' ')).toBeUndefined();
    }
  });
});

describe('a program with only the named command', () => {
  const cases = [
    ['status', '--json'],
    ['status', '-w', '--no-color'],
    ['--config', 'a.toml', 'config', 'validate', 'b.toml'],
    ['config', '--lang', 'zh-CN', 'validate'],
    ['config', 'validate', 'a.toml', 'b.toml'],
    ['config', 'validate', '--bogus'],
    ['--lang', 'fr', 'status'],
    ['move', 'erp', 'node-b', '--pin', '--wait', '30', '--dry-run'],
    ['move', 'erp', '--no-wait', '--json'],
    ['move'],
    ['log', '-n', '5', '--since', '2h', '--node', 'node-a', '-f'],
    ['log', '--lines'],
    ['explain', 'RHA-E1001', '--lang', 'en'],
    ['--host', 'node-a:7410', '--token', 't', '--fingerprint', 'ab', 'lock', 'erp'],
    ['service', 'install', '--dry-run'],
    ['node', 'standby', 'node-a'],
    ['alert', 'test'],
    ['status', '--version'],
    ['version', '--json'],
    ['help', 'exit-codes'],
    ...commands.map((c) => c.name.split(' ')),
  ];
  it.each(cases.map((argv) => [argv.join(' '), argv]))('parses `%s` as the whole tree does', async (_, argv) => {
    expect(await parse(argv, true)).toEqual(await parse(argv, false));
  });
});
