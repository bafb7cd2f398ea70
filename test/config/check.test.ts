import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../src/config/check.js';
import { sameSubnet } from '../../src/config/ipv4.js';
import { parseConfigText, type EffectiveConfig } from '../../src/config/load.js';

// A config with no problem at all: each row below breaks exactly one thing.
const clean = `
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
[heartbeat]
gateway = "10.0.0.1"
disk = "/dev/sdb1"
watchdog = "/dev/watchdog"
[group.erp]
nodes = ["a", "b"]
[[group.erp.resource]]
name = "data"
type = "volume"
disk = "/dev/sdc1"
mount = "/srv/erp"
[[group.erp.resource]]
name = "ip"
type = "ip"
address = "10.0.0.100/24"
interface = "eth0"
[[group.erp.resource]]
name = "app"
type = "process"
command = ["/usr/bin/erp", "--serve"]
[alerts]
eventlog = true
`;

function load(text: string): EffectiveConfig {
  const { config, problems } = parseConfigText(text, '/etc/roseha/roseha.toml');
  if (!config) throw new Error(`test config does not parse: ${JSON.stringify(problems)}`);
  return config;
}

const rows: Array<{ name: string; edit: (t: string) => string; code: string; where: string }> = [
  { name: 'no disk heartbeat', edit: (t) => t.replace('disk = "/dev/sdb1"\n', ''), code: 'RHA-W1001', where: 'heartbeat.disk' },
  { name: 'group names an unknown node', edit: (t) => t.replace('nodes = ["a", "b"]', 'nodes = ["a", "c"]'), code: 'RHA-W1002', where: 'group.erp.nodes[1]' },
  { name: 'group lists a node twice', edit: (t) => t.replace('nodes = ["a", "b"]', 'nodes = ["a", "a"]'), code: 'RHA-W1002', where: 'group.erp.nodes' },
  { name: 'duplicate resource name', edit: (t) => t.replace('name = "app"', 'name = "ip"'), code: 'RHA-W1003', where: 'group.erp.resource[2].name' },
  { name: 'VIP outside the public subnet', edit: (t) => t.replace('10.0.0.100/24', '10.0.1.100/24'), code: 'RHA-W1004', where: 'group.erp.resource[1].address' },
  { name: 'dead_after_ms < 3 heartbeats', edit: (t) => `${t}[timing]\nheartbeat_ms = 200\ndead_after_ms = 500\n`, code: 'RHA-W1005', where: 'timing.dead_after_ms' },
  { name: 'heartbeat_ms out of range', edit: (t) => `${t}[timing]\nheartbeat_ms = 20\ndead_after_ms = 1000\n`, code: 'RHA-W1006', where: 'timing.heartbeat_ms' },
  { name: 'dead_after_ms out of range', edit: (t) => `${t}[timing]\nheartbeat_ms = 5000\ndead_after_ms = 90000\n`, code: 'RHA-W1006', where: 'timing.dead_after_ms' },
  { name: 'no watchdog', edit: (t) => t.replace('watchdog = "/dev/watchdog"\n', ''), code: 'RHA-W1007', where: 'heartbeat.watchdog' },
  { name: 'no gateway', edit: (t) => t.replace('gateway = "10.0.0.1"\n', ''), code: 'RHA-W1008', where: 'heartbeat.gateway' },
  { name: 'IP before the volume', edit: (t) => t.replace('name = "data"\ntype = "volume"\ndisk = "/dev/sdc1"\nmount = "/srv/erp"', 'name = "data"\ntype = "ip"\naddress = "10.0.0.101/24"\ninterface = "eth0"').replace('name = "ip"\ntype = "ip"\naddress = "10.0.0.100/24"\ninterface = "eth0"', 'name = "ip"\ntype = "volume"\ndisk = "/dev/sdc1"\nmount = "/srv/erp"'), code: 'RHA-W1009', where: 'group.erp.resource[1]' },
  { name: 'one address for both networks', edit: (t) => t.replace('private = "192.168.1.1"', 'private = "10.0.0.11"'), code: 'RHA-W1010', where: 'node' },
  { name: 'group on one node only', edit: (t) => t.replace('nodes = ["a", "b"]', 'nodes = ["a"]'), code: 'RHA-W1011', where: 'group.erp.nodes' },
  { name: 'group without resources', edit: (t) => `${t}[group.empty]\nnodes = ["a", "b"]\n`, code: 'RHA-W1012', where: 'group.empty.resource' },
  { name: 'monitor timeout ≥ 10 intervals', edit: (t) => t.replace('name = "app"', 'name = "app"\nmonitor_interval_ms = 1000\nmonitor_timeout_ms = 10000'), code: 'RHA-W1013', where: 'group.erp.resource[2].monitor_timeout_ms' },
  { name: 'no alert channel', edit: (t) => t.replace('eventlog = true', 'eventlog = false'), code: 'RHA-W1014', where: 'alerts' },
  { name: 'relative program', edit: (t) => t.replace('"/usr/bin/erp"', '"erp"'), code: 'RHA-W1015', where: 'group.erp.resource[2].command[0]' },
  { name: 'relative script', edit: (t) => t.replace('type = "process"\ncommand = ["/usr/bin/erp", "--serve"]', 'type = "script"\npath = "erp.sh"'), code: 'RHA-W1015', where: 'group.erp.resource[2].path' },
  { name: 'disk timeout ≥ deadline', edit: (t) => t.replace('disk = "/dev/sdb1"', 'disk = "/dev/sdb1"\ndisk_timeout_ms = 1000'), code: 'RHA-W1016', where: 'heartbeat.disk_timeout_ms' },
  { name: 'empty failback window', edit: (t) => t.replace('nodes = ["a", "b"]', 'nodes = ["a", "b"]\nfailback = "window 03-03"'), code: 'RHA-W1017', where: 'group.erp.failback' },
  { name: 'gateway is a node address', edit: (t) => t.replace('gateway = "10.0.0.1"', 'gateway = "10.0.0.12"'), code: 'RHA-W1018', where: 'heartbeat.gateway' },
  { name: 'gateway is the VIP', edit: (t) => t.replace('gateway = "10.0.0.1"', 'gateway = "10.0.0.100"'), code: 'RHA-W1018', where: 'heartbeat.gateway' },
  { name: 'both nodes same name', edit: (t) => t.replace('name = "b"', 'name = "a"'), code: 'RHA-E1007', where: 'node[1].name' },
  { name: 'both nodes same address', edit: (t) => t.replace('public = "10.0.0.12"', 'public = "10.0.0.11"'), code: 'RHA-E1008', where: 'node[1].public' },
  { name: 'VIP is a node address', edit: (t) => t.replace('10.0.0.100/24', '10.0.0.11/24'), code: 'RHA-E1009', where: 'group.erp.resource[1].address' },
  { name: 'port conflict', edit: (t) => `${t}[api]\nport = 7411\n`, code: 'RHA-E1020', where: 'api.port' },
  { name: 'heartbeat disk is the data volume', edit: (t) => t.replace('disk = "/dev/sdc1"', 'disk = "/dev/sdb1"'), code: 'RHA-E1021', where: 'heartbeat.disk' },
  {
    name: 'one disk in two groups',
    edit: (t) => `${t}[group.other]\nnodes = ["b", "a"]\n[[group.other.resource]]\nname = "d"\ntype = "volume"\ndisk = "/dev/sdc1"\nmount = "/srv/other"\n`,
    code: 'RHA-E1022',
    where: 'group.other.resource[0].disk',
  },
];

describe('checkConfig', () => {
  it('finds nothing in the clean config', () => {
    expect(checkConfig(load(clean))).toEqual([]);
  });

  it.each(rows)('$name → $code at $where', ({ edit, code, where }) => {
    const problems = checkConfig(load(edit(clean)));
    expect(problems).toContainEqual(expect.objectContaining({ code, where }));
    const severity = code.startsWith('RHA-E') ? 'error' : 'warning';
    expect(problems.find((p) => p.code === code)!.severity).toBe(severity);
  });

  it('a Windows drive letter matches whatever its case or trailing slash', () => {
    const t = clean.replace('disk = "/dev/sdb1"', "disk = 'e:\\'").replace('mount = "/srv/erp"', 'mount = "E:"');
    expect(checkConfig(load(t)).map((p) => p.code)).toContain('RHA-E1021');
  });
});

describe('sameSubnet', () => {
  it.each([
    ['10.0.0.1', '10.0.0.254', 24, true],
    ['10.0.0.1', '10.0.1.1', 24, false],
    ['192.168.1.1', '192.168.1.129', 25, false],
    ['200.1.2.3', '200.1.2.3', 32, true],
    ['1.2.3.4', '250.0.0.1', 0, true],
  ] as const)('%s and %s in /%d: %s', (a, b, p, want) => {
    expect(sameSubnet(a, b, p)).toBe(want);
  });
});
