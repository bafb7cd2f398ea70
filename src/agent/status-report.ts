// Builds the status report from what the worker knows. Pure: everything comes in as arguments.
import type { EffectiveConfig } from '../config/load.js';
import type { DecisionInput, PeerSummaryView, Plan } from '../core/decide.js';
import type { DetectorState } from '../core/detector.js';
import { listIntents, type ClusterIntents } from '../core/intents.js';
import type { GroupStatus, LinkStatus, NodeStatus, StatusReport, WatchdogState } from '../core/status.js';
import type { GroupPhase, LinkName, NodeRole } from '../core/types.js';
import type { FailureCount } from '../actions/executor.js';
import type { LinksCounters } from './links/index.js';

export interface StatusInputs {
  config: EffectiveConfig;
  self: string;
  peer: string;
  now: number;
  wall: Date;
  detector: DetectorState;
  counters: LinksCounters;
  peerView: PeerSummaryView | null;
  plan: Plan | null;
  local: DecisionInput['local'];
  publicOk: boolean;
  storageOk: boolean | null;
  intents: ClusterIntents;
  failures: FailureCount[];
  transitions: ReadonlyMap<string, NonNullable<GroupStatus['lastTransition']>>;
  watchdog?: WatchdogState;
}

const held = (p: GroupPhase | undefined) => p === 'starting' || p === 'active' || p === 'stopping';

function peerRole(view: PeerSummaryView | null, alive: boolean): NodeRole {
  if (!alive || !view) return 'faulted';
  const phases = Object.values(view.summary.groups).map((g) => g.phase);
  if (phases.some((p) => p === 'active' || p === 'starting')) return 'active';
  if (!view.summary.health.publicOk || view.summary.health.storageOk === false) return 'faulted';
  return 'standby';
}

export function buildStatus(s: StatusInputs): StatusReport {
  const c = s.config;
  const problems: StatusReport['problems'] = [];
  const peerAlive = s.detector.peer === 'alive';
  const peerSummary = s.peerView?.summary;

  const nodes: NodeStatus[] = [
    {
      name: s.self,
      self: true,
      role: s.plan?.role ?? 'booting',
      alive: true,
      publicOk: s.publicOk,
      storageOk: s.storageOk,
      standby: s.intents.standby[s.self] !== undefined,
      configGeneration: c.generation,
      ...(s.watchdog ? { watchdog: s.watchdog } : {}),
    },
    {
      name: s.peer,
      self: false,
      role: s.detector.peer === 'unknown' ? 'booting' : peerRole(s.peerView, peerAlive),
      alive: peerAlive,
      ...(peerSummary ? { incarnation: peerSummary.incarnation, configGeneration: peerSummary.configGeneration } : {}),
      publicOk: peerSummary && peerAlive ? peerSummary.health.publicOk : null,
      storageOk: peerSummary && peerAlive ? peerSummary.health.storageOk : null,
      standby: s.intents.standby[s.peer] !== undefined,
    },
  ];
  if (!peerAlive) problems.push({ code: 'RHA-W2043', message: `${s.peer} is not heard on any link` });
  if (!s.publicOk) problems.push({ code: 'RHA-E2046', message: `${s.self}: the public network cannot reach the gateway` });
  if (s.storageOk === false) problems.push({ code: 'RHA-E2031', message: `${s.self}: the storage path is broken` });
  if (peerSummary && peerAlive && !peerSummary.health.publicOk) problems.push({ code: 'RHA-E2046', message: `${s.peer}: the public network cannot reach the gateway` });
  if (peerSummary && peerAlive && peerSummary.health.storageOk === false) problems.push({ code: 'RHA-E2031', message: `${s.peer}: the storage path is broken` });
  if (peerSummary && peerAlive && peerSummary.configGeneration !== c.generation) {
    problems.push({ code: 'RHA-W2061', message: `config generation differs: ${s.self} has ${c.generation}, ${s.peer} has ${peerSummary.configGeneration}` });
  }

  const linkCounters: Record<LinkName, LinksCounters['private'] | LinksCounters['disk'] | undefined> = {
    private: s.counters.private,
    public: s.counters.public,
    disk: s.counters.disk,
  };
  const links: LinkStatus[] = (['private', 'public', 'disk'] as const).map((name) => {
    const rec = s.detector.links[name];
    const k = linkCounters[name];
    const dropped = k ? Object.values(k.dropped).reduce((a, b) => a + b, 0) : 0;
    const configured = rec.state !== 'unconfigured';
    if (configured && rec.state !== 'up' && peerAlive) problems.push({ code: 'RHA-W2041', message: `${name} link is down` });
    return {
      name,
      configured,
      up: rec.state === 'up',
      lastHeardMsAgo: rec.lastHeardAt === null ? null : Math.max(0, Math.round(s.now - rec.lastHeardAt)),
      accepted: k?.accepted ?? 0,
      dropped,
    };
  });

  const dropped: Record<string, number> = {};
  for (const k of [s.counters.private, s.counters.public, s.counters.disk]) {
    if (!k) continue;
    for (const [reason, n] of Object.entries(k.dropped)) dropped[reason] = (dropped[reason] ?? 0) + n;
  }

  const groups: GroupStatus[] = Object.entries(c.group).map(([name, g]) => {
    const mine = s.local[name]?.phase;
    const theirs = peerAlive ? peerSummary?.groups[name]?.phase : undefined;
    const activeNode = mine === 'active' ? s.self : theirs === 'active' ? s.peer : null;
    const verdict = s.plan?.groups[name];
    const op = s.intents.locks[name];
    // The peer's own automatic lock (it cannot stand by, or too many failovers) shows here too.
    const peerLock = peerAlive ? peerSummary?.autoLocks?.[name] : undefined;
    const autoLock = verdict?.lock?.reason ?? (peerLock ? `${peerLock} (on ${s.peer})` : undefined);
    const locked: GroupStatus['locked'] = op
      ? { code: 'RHA-W2052', reason: op.reason ?? 'locked by an operator', by: op.by, at: op.at }
      : autoLock
        ? { code: 'RHA-W2050', reason: autoLock, by: 'roseha', at: s.wall.toISOString() }
        : null;
    const failures = s.failures.filter((f) => f.group === name);
    const resourceState = (): GroupStatus['resources'][number]['state'] => (mine === 'active' ? 'running' : mine === 'stopped' || mine === undefined ? 'stopped' : 'unknown');
    if (!activeNode && !c.group[name]?.resource.length) {
      // an empty group is a config warning, not a runtime problem
    } else if (!activeNode) problems.push({ code: 'RHA-W2053', message: `group ${name} runs nowhere${verdict ? `: ${verdict.why}` : ''}` });
    if (locked) problems.push({ code: locked.code, message: `group ${name} is locked: ${locked.reason}` });
    if (held(mine) && held(theirs)) problems.push({ code: 'RHA-E2054', message: `group ${name} is claimed by both nodes: one yields now` });
    const last = s.transitions.get(name);
    return {
      name,
      activeNode,
      phases: { [s.self]: mine ?? 'stopped', [s.peer]: theirs ?? 'unknown' },
      preferred: g.nodes,
      failback: g.failback,
      locked,
      resources: g.resource.map((r) => {
        const f = failures.find((x) => x.resource === r.name)?.count ?? 0;
        return { name: r.name, type: r.type, state: activeNode && activeNode !== s.self ? 'unknown' : resourceState(), failures: f };
      }),
      ...(last ? { lastTransition: last } : {}),
    };
  });

  const intents = listIntents(s.intents);
  if (s.intents.maintenance) problems.push({ code: 'RHA-W2055', message: 'maintenance mode: roseha starts, stops and moves nothing' });

  return {
    cluster: c.cluster.name,
    node: s.self,
    generatedAt: s.wall.toISOString(),
    configGeneration: c.generation,
    timing: { profile: c.timing.profile, heartbeat_ms: c.timing.heartbeat_ms, dead_after_ms: c.timing.dead_after_ms },
    maintenance: s.intents.maintenance !== null,
    nodes,
    links,
    groups,
    intents,
    dropped,
    problems,
    degraded: problems.length > 0,
  };
}
