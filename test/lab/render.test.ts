import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { parseConfigText } from '../../src/config/load.js';
import { renderRosehaConfig } from '../../src/lab/config-render.js';
import { groupOn, heartbeatOn } from '../../src/config/per-node.js';
import { configHash } from '../../src/config/hash.js';
import { labServiceCommand } from '../../src/lab/paths.js';
import { renderKeepalivedConfig, keepalivedSettings } from '../../src/lab/keepalived-render.js';
import { labNames, isValidPrefix } from '../../src/lab/names.js';
import { topologyUpCommands, linkBatch } from '../../src/lab/topology.js';
import { statCpuTicks, statusRssKiB, statParentPid, descendantsOf } from '../../src/lab/proc-usage.js';
import { createExecaRunner } from '../../src/platform/execa-runner.js';

const names = labNames('rt', '/run/rt');
const disks = {
  'node-a': { heartbeatDevice: '/dev/loop0', dataDevice: '/dev/loop1' },
  'node-b': { heartbeatDevice: '/dev/loop2', dataDevice: '/dev/loop3' },
};

describe('lab names', () => {
  it('derives every namespace from the prefix and refuses prefixes that would overflow interface names', () => {
    expect([names.nodes['node-a'].netns, names.nodes['node-b'].netns, names.clientNetns, names.switchNetns]).toEqual(['rt-a', 'rt-b', 'rt-client', 'rt-sw']);
    expect(isValidPrefix('toolongprefix')).toBe(false);
    expect(() => labNames('Bad!')).toThrow(/prefix/);
  });

  it('creates every device inside a lab namespace, never in the root one', () => {
    for (const spec of topologyUpCommands(names)) {
      const inLab = spec.args[0] === '-n' || (spec.args[0] === 'netns' && spec.args[1] === 'add');
      expect(inLab, spec.args.join(' ')).toBe(true);
    }
  });

  it('takes all of a node\'s links down in one ip batch', () => {
    expect(linkBatch(names.nodes['node-b'], 'down')).toEqual({ file: 'ip', args: ['-n', 'rt-b', '-batch', '-'], input: 'link set priv0 down\nlink set pub0 down\n' });
  });
});

describe('generated roseha config', () => {
  const command = (node: string) => ['/usr/bin/node', '/x/tcp-server.mjs', '--name', node, '--host', '10.99.0.100', '--port', '8080'];
  for (const timing of ['fast', 'balanced', 'safe'] as const) {
    it(`is valid for the ${timing} profile, each node with its own disk paths, interface and service`, () => {
      const text = renderRosehaConfig(names, disks, 'node-b', { timing, serviceCommand: command });
      const { config, problems } = parseConfigText(text, '/run/rt/node-b/roseha.toml');
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(config?.timing.profile).toBe(timing);
      expect(heartbeatOn(config!.heartbeat, 'node-b').disk).toBe('/dev/loop2');
      expect(heartbeatOn(config!.heartbeat, 'node-a').disk).toBe('/dev/loop0');
      const res = groupOn(config!.group.web!, 'node-b').resource;
      // The address last: it moves once the service (on 0.0.0.0) answers, and leaves first.
      expect(res.map((r) => r.type)).toEqual(['volume', 'process', 'ip']);
      expect(res[0]).toMatchObject({ disk: '/dev/loop3', mount: '/run/rt/node-b/data' });
      expect(res[1]).toMatchObject({ command: command('node-b') });
      expect(groupOn(config!.group.web!, 'node-a').resource[1]).toMatchObject({ command: command('node-a') });
    });
  }

  it('is the same config on both nodes, but for their own folders: config sync sees one hash', () => {
    const [a, b] = (['node-a', 'node-b'] as const).map((node) => parseConfigText(renderRosehaConfig(names, disks, node, { timing: 'fast', serviceCommand: command }), `/run/rt/${node}/roseha.toml`).config!);
    expect(configHash(a!)).toBe(configHash(b!));
  });

  it('can leave the disk heartbeat out', () => {
    const text = renderRosehaConfig(names, disks, 'node-a', { timing: 'fast', serviceCommand: () => ['/n'], diskHeartbeat: false });
    expect(parseConfigText(text, '/x.toml').config?.heartbeat.disk).toBeUndefined();
  });
});

describe('the lab service command', () => {
  const spec = { name: 'node-b', host: '10.99.0.100', port: 8080 };
  it('is the Perl service where perl is installed', () => {
    const cmd = labServiceCommand(spec, process.execPath);
    expect(cmd[0]).toBe(process.execPath);
    expect(cmd[1]).toMatch(/tcp-server\.pl$/);
    expect(cmd.slice(2)).toEqual(['--name', 'node-b', '--host', '10.99.0.100', '--port', '8080']);
  });
  it('the Perl service answers each connection with the node name, and refuses a bad address', async () => {
    const [file, ...args] = labServiceCommand({ ...spec, host: '127.0.0.1', port: await freePort() });
    if (!file!.endsWith('perl')) return expect.fail('perl is missing: Debian always has perl-base');
    const child = spawn(file!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise((resolve) => child.stdout.once('data', resolve));
      const port = Number(args[args.length - 1]);
      expect(await Promise.all([readAnswer(port), readAnswer(port)])).toEqual(['node-b\n', 'node-b\n']);
    } finally {
      child.kill();
    }
    const bad = spawnSync(file!, labServiceCommand({ ...spec, host: '256.0.0.1', port: 1 }).slice(1), { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/not an IPv4 address: 256\.0\.0\.1/);
  });
  it('falls back to the Node service without it', () => {
    const cmd = labServiceCommand(spec, '/nonexistent/perl');
    expect(cmd[1]).toMatch(/tcp-server\.mjs$/);
  });
});

describe('generated keepalived config', () => {
  it('uses VRRPv3 for sub-second adverts and gives node-a the higher priority', () => {
    const [one, fast] = keepalivedSettings;
    expect(renderKeepalivedConfig(names, 'node-a', one!)).toMatch(/vrrp_version 2[\s\S]*priority 150[\s\S]*advert_int 1\n[\s\S]*10\.99\.0\.100\/24 dev pub0/);
    expect(renderKeepalivedConfig(names, 'node-b', fast!)).toMatch(/vrrp_version 3[\s\S]*priority 100[\s\S]*advert_int 0\.1\n/);
  });
});

describe('/proc usage parsing', () => {
  it('reads utime+stime past a command name with spaces and parentheses, and VmRSS', () => {
    const stat = '42 (a (b) c) S 1 42 42 0 -1 4194560 100 0 0 0 7 5 0 0 20 0 1 0 1234 1000 50';
    expect(statCpuTicks(stat)).toBe(12);
    expect(statusRssKiB('Name:\tx\nVmRSS:\t   13312 kB\n')).toBe(13312);
  });

  it('finds the parent pid and the descendants of a process', async () => {
    expect(statParentPid('42 (a (b) c) S 17 42 42 0')).toBe(17);
    const child = createExecaRunner().spawnInteractive!({ file: 'sleep', args: ['5'] });
    try {
      expect(await descendantsOf(process.pid)).toContain(child.pid);
    } finally {
      child.kill();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function readAnswer(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    connect(port, '127.0.0.1').setEncoding('utf8').on('data', (d) => (text += d)).on('end', () => resolve(text)).on('error', reject);
  });
}
