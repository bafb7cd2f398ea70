// on.NODE: the values of a resource that differ on one node, over the shared ones. The file stays
// the same on both nodes (config sync); each node's executor runs its own values.
import { describe, expect, it } from 'vitest';
import { commandsFor } from '../../src/actions/dryrun.js';
import { driversFor } from '../../src/actions/index.js';
import { parseConfigText } from '../../src/config/load.js';
import { groupOn, heartbeatOn, resourceOn } from '../../src/config/per-node.js';
import { configHash } from '../../src/config/hash.js';
import { group } from '../actions/helpers.js';

const base = `[cluster]\nname = "x"\n[[node]]\nname = "node-a"\nprivate = "192.168.1.1"\npublic = "10.0.0.11"\n[[node]]\nname = "node-b"\nprivate = "192.168.1.2"\npublic = "10.0.1.12"\n[group.web]\nnodes = ["node-a", "node-b"]\n`;
const problemsOf = (text: string) => parseConfigText(text, 'x.toml').problems.map((p) => `${p.code} ${p.where}: ${p.message}`);

describe('on.NODE', () => {
  const web = group([
    { type: 'volume', name: 'data', disk: '/dev/sdb1', mount: '/srv', on: { 'node-b': { disk: '/dev/sdc1' } } },
    { type: 'ip', name: 'vip', address: '10.0.0.100/24', interface: 'eth0', on: { 'node-b': { interface: 'ens3', monitor_interval_ms: 500 } } },
  ]);

  it("a node's values replace the shared ones; the other node and no node get the shared ones; `on` is gone", () => {
    expect(resourceOn(web.resource[1]!, 'node-b')).toMatchObject({ interface: 'ens3', monitor_interval_ms: 500, address: '10.0.0.100/24' });
    expect(resourceOn(web.resource[1]!, 'node-a')).toMatchObject({ interface: 'eth0', monitor_interval_ms: 2000 });
    expect(resourceOn(web.resource[1]!, undefined)).toMatchObject({ interface: 'eth0' });
    expect(groupOn(web, 'node-b').resource.every((r) => !('on' in r))).toBe(true);
  });

  it('each node runs its own commands (the dry run of node-b and of node-a)', async () => {
    const drivers = await driversFor('linux');
    const text = async (node: string) =>
      (await commandsFor('start', 'web', web, { platform: 'linux', drivers, node: { name: node, public: '10.0.0.1', private: '192.168.1.1' } })).steps.map((s) => s.text);
    expect(await text('node-b')).toEqual(expect.arrayContaining(['mount /dev/sdc1 /srv', 'ip addr add 10.0.0.100/24 dev ens3']));
    expect(await text('node-a')).toEqual(expect.arrayContaining(['mount /dev/sdb1 /srv', 'ip addr add 10.0.0.100/24 dev eth0']));
  });

  it('the tables are checked like the resource: its own keys only (not name or type), each with its type', () => {
    const text = `${base}[[group.web.resource]]\nname = "vip"\ntype = "ip"\naddress = "10.0.0.100/24"\ninterface = "eth0"\non.node-b = { interface = 3, colour = "red", type = "volume" }\n`;
    expect(problemsOf(text).sort()).toEqual(
      [
        'RHA-E1002 group.web.resource[0].on.node-b.interface: expected a string, got number 3',
        'RHA-E1003 group.web.resource[0].on.node-b.colour: unknown key "colour"',
        'RHA-E1003 group.web.resource[0].on.node-b.type: unknown key "type"',
      ].sort(),
    );
  });

  it('an unknown node is a warning; the VIP subnet is checked with each node\'s own address', () => {
    const text = `${base}[heartbeat]\ndisk = "/dev/sdz"\nwatchdog = "/dev/watchdog"\ngateway = "10.0.0.1"\n[alerts]\nscript = "/bin/true"\n[[group.web.resource]]\nname = "vip"\ntype = "ip"\naddress = "10.0.0.100/24"\ninterface = "eth0"\non.node-b = { address = "10.0.1.100/24" }\non.node-c = { interface = "x" }\n`;
    expect(problemsOf(text)).toEqual(['RHA-W1002 group.web.resource[0].on.node-c: unknown node "node-c" (the nodes are node-a, node-b)']);
    // Without node-b's own address, its public address (10.0.1.12) is in another subnet than the VIP.
    expect(problemsOf(text.replace('on.node-b = { address = "10.0.1.100/24" }\n', ''))).toContain(
      "RHA-W1004 group.web.resource[0].address: virtual IP 10.0.0.100/24 is outside the subnet of node-b's public address 10.0.1.12: clients will not reach it there",
    );
  });

  it('one file for both nodes: the hash config sync compares is the same whichever node reads it', () => {
    const text = `${base}[[group.web.resource]]\nname = "vip"\ntype = "ip"\naddress = "10.0.0.100/24"\ninterface = "eth0"\non.node-b = { interface = "ens3" }\n`;
    const a = parseConfigText(text.replace('name = "x"', 'name = "x"\nstate_dir = "/a"'), '/etc/a/roseha.toml').config!;
    const b = parseConfigText(text.replace('name = "x"', 'name = "x"\nstate_dir = "/b"'), '/etc/b/roseha.toml').config!;
    expect(configHash(a)).toBe(configHash(b));
  });

  it("heartbeat.on.NODE: a node's own disk path and watchdog; the checks look at each node's", () => {
    const clean = `${base}[heartbeat]\ngateway = "10.0.0.1"\ndisk = '\\\\.\\PhysicalDrive2'\nwatchdog = "/dev/watchdog"\non.node-b = { disk = '\\\\.\\PhysicalDrive3' }\n[alerts]\nscript = "/bin/true"\n`;
    const config = parseConfigText(clean, 'x.toml').config!;
    expect(heartbeatOn(config.heartbeat, 'node-b')).toMatchObject({ disk: '\\\\.\\PhysicalDrive3', watchdog: '/dev/watchdog' });
    expect(heartbeatOn(config.heartbeat, 'node-a')).toMatchObject({ disk: '\\\\.\\PhysicalDrive2' });
    const others = (text: string) => problemsOf(text).filter((p) => !p.startsWith('RHA-W1012')); // the group has no resources yet
    expect(others(clean)).toEqual([]);
    // node-b's own disk is the data volume there: an error for that node
    const clash = `${clean}[[group.web.resource]]\nname = "data"\ntype = "volume"\ndisk = "6000c29f"\nmount = "E:"\non.node-b = { disk = '\\\\.\\PhysicalDrive3' }\n`;
    expect(problemsOf(clash)).toContain(
      'RHA-E1021 heartbeat.disk: \\\\.\\PhysicalDrive3 is also the data volume group.web.resource[0] on node-b: heartbeat writes would destroy its file system; use a small separate partition',
    );
    // a node without a disk heartbeat of its own (no shared one): the split-brain warning; an unknown node: W1002
    const oneSided = clean.replace("disk = '\\\\.\\PhysicalDrive2'\n", '').replace('on.node-b', 'on.node-c');
    expect(others(oneSided).map((p) => p.split(':')[0])).toEqual(['RHA-W1002 heartbeat.on.node-c', 'RHA-W1001 heartbeat.disk']);
  });
});
