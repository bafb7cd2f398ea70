import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answersFromFlags, answersFromPrompts, parseNodeFlag, writeStarter, type Prompter } from '../../src/config/init.js';
import { loadConfigFile } from '../../src/config/load.js';
import { checkFiles } from '../../src/config/files.js';

const flags = {
  clusterName: 'erp',
  nodeA: 'node-a=192.168.100.1,10.0.0.11',
  nodeB: 'node-b=192.168.100.2,10.0.0.12',
  gateway: '10.0.0.1',
  disk: '\\\\.\\PhysicalDrive2',
  vip: ['10.0.0.100/24', '10.0.0.101/24'],
};
const tmp = () => mkdtempSync(join(tmpdir(), 'roseha-init-'));

describe('parseNodeFlag', () => {
  it('reads NAME=PRIVATE,PUBLIC', () => {
    expect(parseNodeFlag('--node-a', 'a=1.2.3.4,5.6.7.8')).toEqual({ name: 'a', private: '1.2.3.4', public: '5.6.7.8' });
  });
  it.each(['a=1.2.3.4', 'a:1.2.3.4,5.6.7.8', 'a=1.2.3.400,5.6.7.8', 'bad name=1.2.3.4,5.6.7.8'])('refuses %s with RHA-E1014, exit 2', (v) => {
    expect(() => parseNodeFlag('--node-a', v)).toThrow(expect.objectContaining({ code: 'RHA-E1014', exitCode: 2 }));
  });
});

describe('answersFromFlags', () => {
  it('names every missing flag (RHA-E1013, exit 2)', () => {
    expect(() => answersFromFlags({ nodeA: flags.nodeA }, 'linux', 'cluster.key')).toThrow(
      expect.objectContaining({ code: 'RHA-E1013', exitCode: 2, message: expect.stringContaining('--cluster-name, --node-b') }),
    );
  });
  it('checks addresses and the profile', () => {
    expect(() => answersFromFlags({ ...flags, gateway: '10.0.0' }, 'linux', 'k')).toThrow(expect.objectContaining({ code: 'RHA-E1014' }));
    expect(() => answersFromFlags({ ...flags, vip: ['10.0.0.100'] }, 'linux', 'k')).toThrow(expect.objectContaining({ code: 'RHA-E1014' }));
    expect(() => answersFromFlags({ ...flags, profile: 'slow' }, 'linux', 'k')).toThrow(expect.objectContaining({ code: 'RHA-E1014' }));
  });
  it('defaults the interface per platform', () => {
    expect(answersFromFlags(flags, 'win32', 'k').interface).toBe('Ethernet0');
    expect(answersFromFlags(flags, 'linux', 'k').interface).toBe('eth0');
  });
});

describe('answersFromPrompts', () => {
  it('asks every question, validating each answer, and takes the flags as defaults', async () => {
    const asked: string[] = [];
    const answers: Record<string, string> = {
      'Cluster name': 'shop',
      'Name of the first node (its host name)': 'n1',
      'n1: private (heartbeat) address': '192.168.9.1',
      'n1: public (client) address': '10.9.0.11',
      'Name of the second node (its host name)': 'n2',
      'n2: private (heartbeat) address': '192.168.9.2',
      'n2: public (client) address': '10.9.0.12',
      'Gateway of the public network (empty: none)': '',
      'Virtual IP with prefix length (empty: none)': '10.9.0.100/24',
    };
    const p: Prompter = {
      async input(message, o) {
        asked.push(message);
        const a = message.startsWith('Disk heartbeat') ? '' : message.startsWith('Network interface') ? (o.default ?? '') : answers[message];
        if (a === undefined) throw new Error(`unexpected question: ${message}`);
        expect(o.validate(a)).toBe(true);
        if (message.includes('address')) expect(o.validate('nonsense')).not.toBe(true);
        return a;
      },
      async select(message, choices, d) {
        asked.push(message);
        expect(choices).toContain(d);
        return message === 'Timing profile' ? (choices[2] as typeof d) : d;
      },
    };
    const a = await answersFromPrompts({ interface: 'Ethernet1' }, p, 'win32', 'cluster.key');
    expect(a).toMatchObject({ clusterName: 'shop', profile: 'safe', language: 'en', gateway: undefined, disk: undefined, vips: ['10.9.0.100/24'], interface: 'Ethernet1' });
    expect(a.nodes).toEqual([
      { name: 'n1', private: '192.168.9.1', public: '10.9.0.11' },
      { name: 'n2', private: '192.168.9.2', public: '10.9.0.12' },
    ]);
    expect(asked).toHaveLength(13);
  });
});

describe('writeStarter', () => {
  for (const platform of ['win32', 'linux'] as const) {
    it(`writes a commented file that validates (${platform}), and a 0600 key`, () => {
      const dir = tmp();
      const file = join(dir, 'sub', 'roseha.toml');
      const r = writeStarter(file, answersFromFlags({ ...flags, disk: platform === 'win32' ? flags.disk : '/dev/sdb1' }, platform, 'cluster.key'), { force: false, dryRun: false });
      expect(r.keyCreated).toBe(true);
      const text = readFileSync(file, 'utf8');
      expect(text).toMatch(/^# roseha configuration/);
      const { config, problems } = loadConfigFile(file);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(config!.group.erp!.resource.map((x) => x.type)).toEqual(['ip', 'ip']);
      expect(checkFiles(config!)).toEqual([]);
      expect(readFileSync(join(dir, 'sub', 'cluster.key'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
      expect(statSync(join(dir, 'sub', 'cluster.key')).mode & 0o777).toBe(0o600);
    });
  }

  it('never overwrites without force (RHA-E1012) and keeps an existing key', () => {
    const dir = tmp();
    const file = join(dir, 'roseha.toml');
    writeFileSync(file, 'old');
    writeFileSync(join(dir, 'cluster.key'), 'k'.repeat(64));
    const answers = answersFromFlags(flags, 'linux', 'cluster.key');
    expect(() => writeStarter(file, answers, { force: false, dryRun: false })).toThrow(expect.objectContaining({ code: 'RHA-E1012' }));
    expect(readFileSync(file, 'utf8')).toBe('old');
    const r = writeStarter(file, answers, { force: true, dryRun: false });
    expect(r.keyCreated).toBe(false);
    expect(readFileSync(join(dir, 'cluster.key'), 'utf8')).toBe('k'.repeat(64));
    expect(readFileSync(file, 'utf8')).toContain('name = "erp"');
  });

  it('dry run writes nothing', () => {
    const dir = tmp();
    const r = writeStarter(join(dir, 'roseha.toml'), answersFromFlags(flags, 'linux', 'cluster.key'), { force: false, dryRun: true });
    expect(r.text).toContain('[[group.erp.resource]]');
    expect(existsSync(join(dir, 'roseha.toml'))).toBe(false);
    expect(existsSync(join(dir, 'cluster.key'))).toBe(false);
  });

  it('refuses answers that combine into an invalid config', () => {
    const bad = answersFromFlags({ ...flags, nodeB: 'node-a=192.168.100.2,10.0.0.12' }, 'linux', 'cluster.key');
    expect(() => writeStarter(join(tmp(), 'r.toml'), bad, { force: false, dryRun: true })).toThrow(expect.objectContaining({ code: 'RHA-E1007' }));
  });

  it('without a VIP the group is only a commented example', () => {
    const r = writeStarter(join(tmp(), 'r.toml'), answersFromFlags({ ...flags, vip: [] }, 'linux', 'cluster.key'), { force: false, dryRun: true });
    expect(r.text).toContain('# [group.erp]');
    expect(r.warnings.map((w) => w.code)).not.toContain('RHA-W1012');
  });
});
