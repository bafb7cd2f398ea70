import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'smol-toml';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile, loadConfigOrThrow, parseConfigText, tomlPath } from '../../src/config/load.js';
import { exampleConfig } from '../cli/run-main.js';

const base = `
[cluster]
name = "erp"
[[node]]
name = "a"
private = "192.168.1.1"
public = "10.0.0.11"
[[node]]
name = "b"
private = "192.168.1.2"
public = "10.0.0.12"
`;

describe('parseConfigText', () => {
  it('reports a syntax error as file:line:column with RHA-E1001', () => {
    const { config, problems } = parseConfigText('a = 1\nb = [1,\nc =', 'x.toml');
    expect(config).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'RHA-E1001', severity: 'error' });
    expect(problems[0]!.where).toMatch(/^x\.toml:3:\d+$/);
  });

  it('reports every schema error at once, each with its TOML path and code', () => {
    const text = base
      .replace('name = "erp"', 'name = "erp cluster"\ncolour = "red"')
      .replace('private = "192.168.1.1"', 'private = "300.1.1.1"')
      .replace('public = "10.0.0.12"', '') +
      `generation = "x"\n[group.erp]\nnodes = ["a", "b"]\n[[group.erp.resource]]\nname = "v"\ntype = "ipx"\n[[group.erp.resource]]\nname = "ip"\ntype = "ip"\naddress = "10.0.0.300"\ninterface = "eth0"\n`;
    // generation after [[node]] belongs to that node table: a realistic mistake, an unknown key there.
    const { config, problems } = parseConfigText(text, 'x.toml');
    expect(config).toBeUndefined();
    const got = problems.map((p) => `${p.code} ${p.where}`).sort();
    expect(got).toEqual(
      [
        'RHA-E1002 cluster.name',
        'RHA-E1003 cluster.colour',
        'RHA-E1002 node[0].private',
        'RHA-E1004 node[1].public',
        'RHA-E1003 node[1].generation',
        'RHA-E1002 group.erp.resource[0].type',
        'RHA-E1002 group.erp.resource[1].address',
      ].sort(),
    );
    expect(problems.every((p) => p.severity === 'error' && p.message.length > 0)).toBe(true);
  });

  it('says what it got when the type is wrong, and "missing" only when absent', () => {
    const { problems } = parseConfigText(`generation = "x"\n${base}`, 'x.toml');
    expect(problems).toEqual([expect.objectContaining({ code: 'RHA-E1002', where: 'generation', message: 'expected a number, got the string "x"' })]);
  });

  it('fills in defaults and resolves the timing profile', () => {
    const { config, problems } = parseConfigText(`${base}[timing]\nprofile = "safe"\n`, '/etc/roseha/roseha.toml');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(config!.timing).toEqual({ profile: 'safe', heartbeat_ms: 1000, dead_after_ms: 10_000 });
    expect(config!.heartbeat.port).toBe(7411);
    expect(config!.paths.key_file).toBe('/etc/roseha/cluster.key');
  });
});

describe('loadConfigFile', () => {
  it('RHA-E1005 for a missing file, RHA-E1006 for one that cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roseha-load-'));
    expect(loadConfigFile(join(dir, 'none.toml')).problems[0]!.code).toBe('RHA-E1005');
    mkdirSync(join(dir, 'folder.toml'));
    expect(loadConfigFile(join(dir, 'folder.toml')).problems[0]!.code).toBe('RHA-E1006');
  });

  it('loadConfigOrThrow throws the first error with its code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roseha-load-'));
    writeFileSync(join(dir, 'r.toml'), 'x = [');
    expect(() => loadConfigOrThrow(join(dir, 'r.toml'))).toThrow(expect.objectContaining({ code: 'RHA-E1001' }));
  });

  it('the example config has no errors', () => {
    const { config, problems } = loadConfigFile(exampleConfig);
    expect(config?.cluster.name).toBe('erp');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

it('tomlPath writes paths as the operator typed them', () => {
  expect(tomlPath(['group', 'erp', 'resource', 1, 'address'])).toBe('group.erp.resource[1].address');
  expect(tomlPath([])).toBe('(top level)');
});

it('bounds, enums and counts read as plain English with what was found', () => {
  const text = `[cluster]\nname = "x"\n[[node]]\nname = "a"\nprivate = "1.1.1.1"\npublic = "2.2.2.2"\n[heartbeat]\nport = 0\n[group.g]\nnodes = []\nmax_restarts = 1.5\n[timing]\nprofile = "slow"\n`;
  const byWhere = Object.fromEntries(parseConfigText(text, 'x.toml').problems.map((p) => [p.where, p.message]));
  expect(byWhere).toEqual({
    node: 'expected exactly two [[node]] tables, got 1 entry',
    'heartbeat.port': 'expected a number ≥ 1, got number 0',
    'group.g.nodes': 'expected at least 1 entry, got 0 entries',
    'group.g.max_restarts': 'expected an integer, got number 1.5',
    'timing.profile': 'expected one of "fast", "balanced", "safe", got the string "slow"',
  });
});

describe('what the schema library does not give by itself', () => {
  const problemsOf = (text: string) => parseConfigText(text, 'x.toml').problems.map((p) => `${p.code} ${p.where}: ${p.message}`);

  it('names every unknown key of a table, not only the first', () => {
    expect(problemsOf(base.replace('name = "erp"', 'name = "erp"\ncolour = "red"\nsize = 3'))).toEqual([
      'RHA-E1003 cluster.colour: unknown key "colour"',
      'RHA-E1003 cluster.size: unknown key "size"',
    ]);
  });

  it('refuses an array where a table is wanted (an empty one too)', () => {
    expect(problemsOf(`timing = []\n${base}`)).toEqual(['RHA-E1002 timing: expected a table, got 0 entries']);
    expect(problemsOf(`group = []\n${base}`)).toEqual(['RHA-E1002 group: expected a table, got 0 entries']);
    expect(problemsOf(`${base}[group.g]\nnodes = ["a"]\nresource = [[1]]\n`)).toEqual(['RHA-E1002 group.g.resource[0]: expected a table, got 1 entry']);
  });

  it('says what a missing key should hold, and what a group name may be', () => {
    expect(problemsOf(base.replace('public = "10.0.0.12"', ''))).toEqual(['RHA-E1004 node[1].public: missing; expected a string']);
    expect(problemsOf(`${base}[group."my erp"]\nnodes = ["a"]\n`)).toEqual([
      'RHA-E1002 group.my erp: expected a name of letters, digits, ".", "_" or "-" (at most 63, starting with a letter or digit), got the string "my erp"',
    ]);
  });

  it('reports one problem per key: a pipe stops at its first failed check', () => {
    expect(problemsOf(`${base}[heartbeat]\nport = 0.5\n`)).toEqual(['RHA-E1002 heartbeat.port: expected an integer, got number 0.5']);
  });
});

it('any TOML document gives problems with a code, a place and a message, or a config; never an exception', () => {
  // Tables of the config's own keys with values of every TOML type: most of the paths into the schema.
  const keys = ['cluster', 'name', 'node', 'private', 'public', 'group', 'nodes', 'resource', 'type', 'address', 'timing', 'profile', 'heartbeat', 'port', 'alerts', 'email', 'to', 'x'];
  const leaf = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constantFrom('ip', 'volume', '10.0.0.1', '10.0.0.1/24', 'a'));
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 3 }), tie('t')),
    t: fc.dictionary(fc.constantFrom(...keys), tie('v'), { maxKeys: 4 }),
  }));
  fc.assert(
    fc.property(value.t, (doc) => {
      let text: string;
      try {
        text = stringify(doc);
      } catch {
        return; // not a TOML document (an array of mixed tables and values)
      }
      const { config, problems } = parseConfigText(text, 'x.toml');
      for (const p of problems) {
        expect(p.code).toMatch(/^RHA-[EW]1\d{3}$/);
        expect(p.where).toBeTruthy();
        expect(p.message).not.toMatch(/undefined|\[object Object\]|Invalid (type|key|input)/);
      }
      if (!config) expect(problems.some((p) => p.severity === 'error')).toBe(true);
    }),
    { numRuns: 500 },
  );
});
