// Checks that need the whole config (the schema checks one value at a time).
import type { Problem } from '../errors.js';
import type { EffectiveConfig } from './load.js';
import type { ResourceConfig } from './schema.js';
import { timingLimits } from './timing.js';
import { sameSubnet } from './ipv4.js';
import { heartbeatOn, resourceOn } from './per-node.js';

export function checkConfig(c: EffectiveConfig): Problem[] {
  const out: Problem[] = [];
  const warn = (code: string, where: string, message: string) => out.push({ code, severity: 'warning', where, message });
  const error = (code: string, where: string, message: string) => out.push({ code, severity: 'error', where, message });

  const [a, b] = c.node;
  if (a && b) {
    if (a.name === b.name) error('RHA-E1007', 'node[1].name', `both nodes are called "${a.name}"`);
    for (const k of ['private', 'public'] as const) {
      if (a[k] === b[k]) error('RHA-E1008', `node[1].${k}`, `both nodes have the ${k} address ${a[k]}`);
    }
    if (a.private === a.public || b.private === b.public) {
      warn('RHA-W1010', 'node', 'a node uses one address for both networks: the private link then fails with the public one');
    }
  }

  const nodeNames = new Set(c.node.map((n) => n.name));
  /** A group's node or an on.NODE table naming no configured node. */
  const unknownNode = (where: string, n: string) => {
    if (!nodeNames.has(n)) warn('RHA-W1002', where, `unknown node "${n}" (the nodes are ${[...nodeNames].join(', ')})`);
  };
  const heartbeats = nodeHeartbeats(c);
  for (const n of Object.keys(c.heartbeat.on ?? {})) unknownNode(`heartbeat.on.${n}`, n);
  if (heartbeats.some((h) => !h.disk)) {
    warn('RHA-W1001', 'heartbeat.disk', 'no disk heartbeat: a network partition then looks like a crash and both nodes may take the groups (split-brain risk); add a disk heartbeat on the shared disk');
  }
  if (heartbeats.some((h) => !h.watchdog)) {
    warn('RHA-W1007', 'heartbeat.watchdog', 'no watchdog: a node frozen whole (a VM pause) cannot release its groups until it wakes; configure /dev/watchdog where the hardware has one');
  }
  if (!c.heartbeat.gateway && c.heartbeat.gateway_check !== 'none') {
    warn('RHA-W1008', 'heartbeat.gateway', 'no gateway: the health of the public network cannot be checked, so a node cut off from its clients keeps its groups');
  }

  const { heartbeat_ms: hb, dead_after_ms: dead } = c.timing;
  if (hb < timingLimits.heartbeat_ms.min || hb > timingLimits.heartbeat_ms.max) {
    warn('RHA-W1006', 'timing.heartbeat_ms', `${hb} ms is outside the valid range ${timingLimits.heartbeat_ms.min}–${timingLimits.heartbeat_ms.max} ms`);
  }
  if (dead < timingLimits.dead_after_ms.min || dead > timingLimits.dead_after_ms.max) {
    warn('RHA-W1006', 'timing.dead_after_ms', `${dead} ms is outside the valid range ${timingLimits.dead_after_ms.min}–${timingLimits.dead_after_ms.max} ms`);
  }
  if (dead < timingLimits.minBeatsPerDeadline * hb) {
    warn('RHA-W1005', 'timing.dead_after_ms', `${dead} ms is less than ${timingLimits.minBeatsPerDeadline} heartbeats (${timingLimits.minBeatsPerDeadline * hb} ms): one lost datagram can cause a false failover`);
  }

  const vipOwners = new Map<string, string>();
  for (const [g, group] of Object.entries(c.group)) {
    group.nodes.forEach((n, i) => unknownNode(`group.${g}.nodes[${i}]`, n));
    if (new Set(group.nodes).size !== group.nodes.length) warn('RHA-W1002', `group.${g}.nodes`, 'a node is listed twice');
    if (group.nodes.length < 2) warn('RHA-W1011', `group.${g}.nodes`, 'the group can run on one node only, so it never fails over');
    if (group.resource.length === 0) warn('RHA-W1012', `group.${g}.resource`, 'the group has no resources');

    const seen = new Map<string, number>();
    group.resource.forEach((r, i) => {
      const where = `group.${g}.resource[${i}]`;
      const first = seen.get(r.name);
      if (first !== undefined) warn('RHA-W1003', `${where}.name`, `duplicate resource name "${r.name}" (also resource[${first}])`);
      else seen.set(r.name, i);
      if (r.monitor_timeout_ms >= r.monitor_interval_ms * 10) {
        warn('RHA-W1013', `${where}.monitor_timeout_ms`, 'a monitor timeout this long hides a hung resource for many intervals');
      }
      for (const n of Object.keys(r.on ?? {})) unknownNode(`${where}.on.${n}`, n);
      if (r.type === 'ip') {
        // Each node's own address: the shared one, or its on.NODE value.
        for (const n of c.node) {
          const address = resourceOn(r, n.name).address;
          const [ip, p] = address.split('/') as [string, string];
          if (!sameSubnet(ip, n.public, Number(p))) {
            warn('RHA-W1004', `${where}.address`, `virtual IP ${address} is outside the subnet of ${n.name}'s public address ${n.public}: clients will not reach it there`);
          }
          if (ip === n.public || ip === n.private) error('RHA-E1009', `${where}.address`, `virtual IP ${ip} is ${n.name}'s own address`);
        }
        const ip = r.address.split('/')[0]!;
        const other = vipOwners.get(ip);
        if (other) error('RHA-E1009', `${where}.address`, `virtual IP ${ip} is also used by ${other}`);
        vipOwners.set(ip, where);
      }
    });
    // Start order matters (§3.5: disk, then IP, then the application).
    const rank = { volume: 0, ip: 1, service: 2, process: 2, script: 2 } as const;
    for (let i = 1; i < group.resource.length; i++) {
      const prev = group.resource[i - 1]!;
      const cur = group.resource[i]!;
      if (rank[cur.type] < rank[prev.type]) {
        warn('RHA-W1009', `group.${g}.resource[${i}]`, `a ${cur.type} resource after a ${prev.type}: the usual order is volume, then ip, then services and processes`);
      }
    }
  }
  checkOperatorPitfalls(c, heartbeats, warn, error);
  return out;
}

type Report = (code: string, where: string, message: string) => void;

/**
 * Checks added after reviewing what operators of two-node clusters get wrong: each one is a
 * mistake that validates fine as data but loses data, hides a failover, or stops the agent.
 */
function checkOperatorPitfalls(c: EffectiveConfig, heartbeats: ReturnType<typeof nodeHeartbeats>, warn: Report, error: Report): void {
  // The agent binds both ports on every node: the same number for both fails at start-up.
  if (c.heartbeat.port === c.api.port) {
    error('RHA-E1020', 'api.port', `the API and the heartbeats both use port ${c.api.port}; give them different ports`);
  }

  const volumes: Array<{ where: string; resource: Extract<ResourceConfig, { type: 'volume' }> }> = [];
  for (const [g, group] of Object.entries(c.group)) {
    group.resource.forEach((r, i) => {
      const where = `group.${g}.resource[${i}]`;
      if (r.type === 'volume') volumes.push({ where, resource: r });
      // A bare program name is looked up in the agent's PATH, which differs from the operator's
      // shell (services start with a minimal environment): the resource then fails only in production.
      const program = r.type === 'process' ? r.command[0] : r.type === 'script' ? r.path : undefined;
      if (program !== undefined && !isAbsolutePath(program)) {
        const key = r.type === 'process' ? 'command[0]' : 'path';
        warn('RHA-W1015', `${where}.${key}`, `"${program}" is not an absolute path: the agent's PATH and working folder are not your shell's`);
      }
    });
    const window = /^window (\d\d)-(\d\d)$/.exec(group.failback);
    if (window && window[1] === window[2]) {
      warn('RHA-W1017', `group.${g}.failback`, `the failback window ${window[1]}-${window[2]} is empty, so the group never fails back; use "manual" if that is meant`);
    }
  }

  // The disk heartbeat writes raw sectors: pointed at a data volume it destroys the file system.
  for (const { node, disk: hbDisk } of heartbeats) {
    for (const v of volumes) {
      const own = resourceOn(v.resource, node);
      if (hbDisk && (sameDevice(hbDisk, own.disk) || sameDevice(hbDisk, own.mount))) {
        error('RHA-E1021', 'heartbeat.disk', `${hbDisk} is also the data volume ${v.where}${c.heartbeat.on ? ` on ${node}` : ''}: heartbeat writes would destroy its file system; use a small separate partition`);
      }
    }
  }
  // One volume in two groups: the groups can run on different nodes, and then both mount it.
  for (let i = 0; i < volumes.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = volumes[j]!;
      const b = volumes[i]!;
      if (sameDevice(a.resource.disk, b.resource.disk)) error('RHA-E1022', `${b.where}.disk`, `the disk ${b.resource.disk} is also used by ${a.where}: two groups may then mount it on both nodes at once`);
    }
  }

  if (!c.alerts.email && !c.alerts.sound && !c.alerts.eventlog && !c.alerts.script) {
    warn('RHA-W1014', 'alerts', 'no alert channel: failovers and a locked group go unnoticed until someone runs status; configure email, eventlog or a script');
  }

  const diskTimeout = c.heartbeat.disk_timeout_ms;
  if (heartbeats.some((h) => h.disk) && diskTimeout !== undefined && diskTimeout >= c.timing.dead_after_ms) {
    warn('RHA-W1016', 'heartbeat.disk_timeout_ms', `${diskTimeout} ms is not shorter than dead_after_ms (${c.timing.dead_after_ms} ms): a hung disk is noticed only after the peer may already take over`);
  }

  const gw = c.heartbeat.gateway;
  if (gw) {
    for (const n of c.node) {
      if (gw === n.public || gw === n.private) warn('RHA-W1018', 'heartbeat.gateway', `the gateway ${gw} is ${n.name}'s own address: reaching it proves nothing about the network`);
    }
    for (const [g, group] of Object.entries(c.group)) {
      for (const r of group.resource) {
        if (r.type === 'ip' && r.address.split('/')[0] === gw) warn('RHA-W1018', 'heartbeat.gateway', `the gateway ${gw} is the virtual IP of group ${g}: the active node would always reach it`);
      }
    }
  }
}

const isAbsolutePath = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
// Windows names are case-insensitive; "E:" and "e:\" are the same volume.
const sameDevice = (a: string, b: string) => a.replace(/[\\/]+$/, '').toLowerCase() === b.replace(/[\\/]+$/, '').toLowerCase();

/** Each node's own heartbeat settings: the shared ones, or its on.NODE values. */
const nodeHeartbeats = (c: EffectiveConfig) => c.node.map((n) => ({ node: n.name, ...heartbeatOn(c.heartbeat, n.name) }));
