// A deterministic discrete-event simulation of two roseha nodes on a simulated clock (crm_simulate's
// role): each node is the failure detector + decide() + a simulated executor (start/stop take time)
// + a guardian that releases the node's groups when its worker is silent past a deadline. Links carry
// the NodeSummary with delays and losses; faults are injected as timed steps. Pure: no I/O, no real
// clock; the same config, steps and seed give the same timeline.
//
// `roseha simulate "crash node-a"` maps the timeline's start/stop actions to OS commands per platform;
// parseSteps() reads that quoted text.
import {
  decide,
  initialMemory,
  type Action,
  type CoreMemory,
  type GroupSpec,
  type Intents,
  type LocalGroupState,
  type Plan,
} from './decide.js';
import { initialDetector, linkViews, step as detectorStep, type DetectorState } from './detector.js';
import type { GroupClaim, GroupName, LinkName, NodeName, NodeSummary } from './types.js';
import { linkNames } from './types.js';
import { RosehaError } from '../errors.js';

export interface SimConfig {
  nodes: [NodeName, NodeName];
  groups: GroupSpec[];
  timing: { heartbeat_ms: number; dead_after_ms: number; fence_after_ms?: number };
  /** Configured heartbeat links (default all three). */
  links?: LinkName[];
  /** How long a group's start and stop take on the simulated executor. */
  startMs?: number;
  stopMs?: number;
  /** The guardian releases the groups when the worker was silent this long (default 0.4 × dead_after_ms). */
  guardianDeadlineMs?: number;
  /** One-way delay of a network datagram, uniform in [min, max] ms (default 1..5). */
  delayMs?: { min: number; max: number };
  /** Delay of the disk link: the reader polls every heartbeat, so up to heartbeat_ms (default 1..heartbeat_ms/2). */
  diskDelayMs?: { min: number; max: number };
  /** Probability that a network datagram is lost (default 0). */
  loss?: number;
  seed?: number;
  wallHour?: number;
  /** When the nodes boot (default both at 0). */
  bootAt?: Partial<Record<NodeName, number>>;
}

export type NetLink = Exclude<LinkName, 'disk'>;

export type SimFault =
  | { kind: 'crash'; node: NodeName }
  | { kind: 'boot'; node: NodeName }
  /** Power-cycle: crash now, boot after `afterMs` (default 0). */
  | { kind: 'restart'; node: NodeName; afterMs?: number }
  /** Cut a network heartbeat path; `from`/`to` limit it to one direction. */
  | { kind: 'cut'; link: NetLink; from?: NodeName; to?: NodeName }
  | { kind: 'heal'; link?: NetLink; from?: NodeName; to?: NodeName }
  | { kind: 'net'; link: NetLink; delayMs?: { min: number; max: number }; loss?: number }
  /** SIGSTOP of the worker: the guardian still runs. */
  | { kind: 'pause-worker'; node: NodeName; forMs: number }
  /** The whole node frozen (VM pause): guardian and executor too. */
  | { kind: 'freeze'; node: NodeName; forMs: number }
  | { kind: 'public-down'; node: NodeName }
  | { kind: 'public-up'; node: NodeName }
  | { kind: 'storage-broken'; node: NodeName }
  | { kind: 'storage-ok'; node: NodeName }
  /** The group's start fails / its restarts are exhausted on the node. */
  | { kind: 'fail-group'; node: NodeName; group: GroupName }
  | { kind: 'cleanup'; node: NodeName; group: GroupName }
  | { kind: 'move'; group: GroupName; to: NodeName; pin?: boolean }
  | { kind: 'clear-move'; group: GroupName }
  | { kind: 'lock'; group: GroupName }
  | { kind: 'unlock'; group: GroupName }
  | { kind: 'standby'; node: NodeName }
  | { kind: 'online'; node: NodeName }
  | { kind: 'maintenance'; on: boolean };

export interface SimStep {
  at: number;
  fault: SimFault;
}

export interface TimelineEntry {
  t: number;
  node: NodeName;
  kind: 'fault' | 'action' | 'alert' | 'phase' | 'guardian';
  text: string;
  /** For kind action: what decide() asked for (start/stop are what `simulate` maps to OS commands). */
  action?: Action;
  group?: GroupName;
}

export interface SimResult {
  timeline: TimelineEntry[];
  /** Per group and node: the intervals [from, to) during which the node held the group (starting, active or stopping). */
  holds: Record<GroupName, Record<NodeName, Array<[number, number]>>>;
  /** Intervals during which both nodes held a group. */
  overlaps: Array<{ group: GroupName; from: number; to: number }>;
  /** Whole-node freezes: [from, wake). */
  freezes: Record<NodeName, Array<[number, number]>>;
  final: Record<NodeName, { up: boolean; role: string; phases: Record<GroupName, string> }>;
}

// ------------------------------------------------------------------------------------------------

const holdingPhase = (p: string): boolean => p === 'starting' || p === 'active' || p === 'stopping';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A binary min-heap of events by (time, insertion order): ties run in the order they were scheduled. */
class Agenda {
  private heap: Array<{ t: number; n: number; run: () => void }> = [];
  private count = 0;
  push(t: number, run: () => void): void {
    const h = this.heap;
    h.push({ t, n: this.count++, run });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(h[p]!, h[i]!)) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }
  pop(): { t: number; run: () => void } | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
  private less(a: { t: number; n: number }, b: { t: number; n: number }): boolean {
    return a.t < b.t || (a.t === b.t && a.n < b.n);
  }
}

interface PeerLatest {
  boot: number;
  seq: number;
  summary: NodeSummary;
  link: LinkName;
  receivedAt: number;
}

interface SimNode {
  name: NodeName;
  peer: NodeName;
  up: boolean;
  boot: number;
  seq: number;
  sentAt: Map<number, number>;
  detector: DetectorState;
  memory: CoreMemory;
  bootedAt: number;
  local: Record<GroupName, LocalGroupState>;
  /** Operation tokens: a completion applies only if no newer operation replaced it. */
  op: Record<GroupName, number>;
  publicOk: boolean;
  storageOk: boolean;
  peerLatest: PeerLatest | null;
  linkLast: Partial<Record<LinkName, { boot: number; seq: number }>>;
  peerHeardUsAt: number | null;
  workerPausedUntil: number;
  frozenUntil: number;
  lastWorkerPing: number;
  /** Deliveries and completions that waited while the node could not run them. */
  inbox: Array<() => void>;
  tickMissed: boolean;
  plan: Plan | null;
}

export function simulate(config: SimConfig, steps: readonly SimStep[], untilMs: number): SimResult {
  const { heartbeat_ms: hb, dead_after_ms: deadAfter } = config.timing;
  const startMs = config.startMs ?? 100;
  const stopMs = config.stopMs ?? 100;
  const guardianDeadline = config.guardianDeadlineMs ?? Math.floor(deadAfter * 0.4);
  const configured = config.links ?? [...linkNames];
  const diskConfigured = configured.includes('disk');
  const random = rng(config.seed ?? 1);
  const between = (r: { min: number; max: number }): number => r.min + Math.floor(random() * (r.max - r.min + 1));
  const net: Record<NetLink, { delayMs: { min: number; max: number }; loss: number }> = {
    private: { delayMs: config.delayMs ?? { min: 1, max: 5 }, loss: config.loss ?? 0 },
    public: { delayMs: config.delayMs ?? { min: 1, max: 5 }, loss: config.loss ?? 0 },
  };
  const diskDelay = config.diskDelayMs ?? { min: 1, max: Math.max(1, Math.floor(hb / 2)) };
  /** Cut directions: `${link}:${from}>${to}`. */
  const cuts = new Set<string>();
  let intents: Intents = { maintenance: null, standby: {}, locks: {}, moves: {} };
  const stamp = (t: number) => ({ by: 'sim', at: `t+${t}ms` });

  const agenda = new Agenda();
  let now = 0;
  const timeline: TimelineEntry[] = [];
  const log = (node: NodeName, kind: TimelineEntry['kind'], text: string, extra: Partial<TimelineEntry> = {}): void =>
    void timeline.push({ t: now, node, kind, text, ...extra });

  const holds: SimResult['holds'] = {};
  const openHold: Record<string, number> = {};
  const freezes: SimResult['freezes'] = { [config.nodes[0]]: [], [config.nodes[1]]: [] };
  for (const g of config.groups) holds[g.name] = { [config.nodes[0]]: [], [config.nodes[1]]: [] };

  const nodes: Record<NodeName, SimNode> = {};
  const mkNode = (name: NodeName, peer: NodeName): SimNode => ({
    name,
    peer,
    up: false,
    boot: 0,
    seq: 0,
    sentAt: new Map(),
    detector: initialDetector(deadAfter, configured, 0),
    memory: initialMemory,
    bootedAt: 0,
    local: Object.fromEntries(config.groups.map((g) => [g.name, { phase: 'stopped', epoch: 0, failed: false }])),
    op: Object.fromEntries(config.groups.map((g) => [g.name, 0])),
    publicOk: true,
    storageOk: true,
    peerLatest: null,
    linkLast: {},
    peerHeardUsAt: null,
    workerPausedUntil: 0,
    frozenUntil: 0,
    lastWorkerPing: 0,
    inbox: [],
    tickMissed: false,
    plan: null,
  });
  nodes[config.nodes[0]] = mkNode(config.nodes[0], config.nodes[1]);
  nodes[config.nodes[1]] = mkNode(config.nodes[1], config.nodes[0]);
  const node = (name: NodeName): SimNode => {
    const n = nodes[name];
    if (!n) throw new RosehaError('RHA-E2520', `The simulation has no node "${name}" (nodes: ${config.nodes.join(', ')}).`);
    return n;
  };

  const frozen = (n: SimNode): boolean => now < n.frozenUntil;
  const workerRuns = (n: SimNode): boolean => n.up && !frozen(n) && now >= n.workerPausedUntil;

  // ---- the executor: the resources' reality -------------------------------------------------
  const setPhase = (n: SimNode, g: GroupName, phase: LocalGroupState['phase'], epoch?: number): void => {
    const before = n.local[g]!;
    n.local[g] = { ...before, phase, epoch: epoch ?? before.epoch };
    const key = `${g}\u0000${n.name}`;
    const was = holdingPhase(before.phase);
    const is = holdingPhase(phase);
    if (!was && is) openHold[key] = now;
    if (was && !is) {
      holds[g]![n.name]!.push([openHold[key]!, now]);
      delete openHold[key];
    }
  };
  /** Executor work finishes in the resources' time; a whole-node freeze holds it until the wake. */
  const complete = (n: SimNode, boot: number, g: GroupName, token: number, from: 'starting' | 'stopping', to: 'active' | 'stopped', after: number): void => {
    const finish = (): void => {
      if (!n.up || n.boot !== boot || n.op[g] !== token || n.local[g]!.phase !== from) return;
      if (frozen(n)) {
        n.inbox.push(finish);
        return;
      }
      setPhase(n, g, to);
      log(n.name, 'phase', `${g} ${to}`, { group: g });
    };
    agenda.push(now + after, finish);
  };
  const execStart = (n: SimNode, g: GroupName, epoch: number): void => {
    if (holdingPhase(n.local[g]!.phase)) return;
    const token = ++n.op[g]!;
    setPhase(n, g, 'starting', epoch);
    complete(n, n.boot, g, token, 'starting', 'active', startMs);
  };
  const execStop = (n: SimNode, g: GroupName): void => {
    const p = n.local[g]!.phase;
    if (p !== 'starting' && p !== 'active') return;
    const token = ++n.op[g]!;
    setPhase(n, g, 'stopping');
    complete(n, n.boot, g, token, 'stopping', 'stopped', stopMs);
  };

  // ---- the worker -----------------------------------------------------------------------------
  const runDecide = (n: SimNode): void => {
    const { plan, memory } = decide(
      {
        now,
        wallHour: config.wallHour ?? 12,
        self: n.name,
        peer: n.peer,
        timing: config.timing,
        bootedAt: n.bootedAt,
        groups: config.groups,
        links: linkViews(n.detector),
        peerSummary: n.peerLatest ? { summary: n.peerLatest.summary, link: n.peerLatest.link, receivedAt: n.peerLatest.receivedAt } : null,
        peerHeardUsAt: n.peerHeardUsAt,
        health: { publicOk: n.publicOk, storageOk: diskConfigured ? n.storageOk : null },
        local: n.local,
        intents,
      },
      n.memory,
    );
    n.memory = memory;
    n.plan = plan;
    for (const a of plan.actions) {
      if (a.type === 'alert') log(n.name, 'alert', `${a.cleared ? 'cleared ' : ''}${a.code} ${a.text}`, a.group ? { group: a.group } : {});
      else {
        log(n.name, 'action', a.type === 'start' ? `start ${a.group} epoch ${a.epoch} (${a.reason})` : `${a.type} ${a.group} (${a.reason})`, { action: a, group: a.group });
        if (a.type === 'start') execStart(n, a.group, a.epoch);
        if (a.type === 'stop') execStop(n, a.group);
      }
    }
    for (const g of plan.movesDone) {
      const m = intents.moves[g];
      if (m && !m.pin) {
        const moves = { ...intents.moves };
        delete moves[g];
        intents = { ...intents, moves };
      }
    }
  };

  const claims = (n: SimNode): Record<GroupName, GroupClaim> =>
    Object.fromEntries(
      Object.entries(n.local).map(([g, s]) => [g, { phase: s.failed && s.phase === 'stopped' ? 'failed' : s.phase, epoch: s.epoch }]),
    );

  const send = (n: SimNode): void => {
    const seq = ++n.seq;
    n.sentAt.set(seq, now);
    n.sentAt.delete(seq - 1000);
    const summary: NodeSummary = {
      node: n.name,
      incarnation: `${n.name}#${n.boot}`,
      seq,
      configGeneration: 1,
      configHash: 'sim',
      health: { publicOk: n.publicOk, storageOk: diskConfigured ? n.storageOk : null },
      standby: n.plan?.publish.standby ?? false,
      maintenance: n.plan?.publish.maintenance ?? false,
      groups: claims(n),
      wants: n.plan?.publish.wants ?? {},
      grants: n.plan?.publish.grants ?? {},
      heard: n.peerLatest ? { incarnation: n.peerLatest.summary.incarnation, seq: n.peerLatest.summary.seq } : null,
    };
    const peer = node(n.peer);
    for (const link of configured) {
      let delay: number;
      if (link === 'disk') {
        // The slot is written and read through each node's own storage path.
        if (!n.storageOk || !peer.storageOk) continue;
        delay = between(diskDelay);
      } else {
        if (cuts.has(`${link}:${n.name}>${peer.name}`)) continue;
        if (link === 'public' && (!n.publicOk || !peer.publicOk)) continue;
        if (random() < net[link].loss) continue;
        delay = between(net[link].delayMs);
      }
      const boot = n.boot;
      agenda.push(now + delay, () => deliver(peer, link, boot, summary));
    }
  };

  const deliver = (n: SimNode, link: LinkName, fromBoot: number, s: NodeSummary): void => {
    if (!n.up) return;
    if (!workerRuns(n)) {
      n.inbox.push(() => deliver(n, link, fromBoot, s));
      return;
    }
    if (link === 'disk' && !n.storageOk) return;
    const newer = (last: { boot: number; seq: number } | null | undefined): boolean =>
      !last || fromBoot > last.boot || (fromBoot === last.boot && s.seq > last.seq);
    // Per-link replay check for liveness; the newest summary overall for the view.
    if (!newer(n.linkLast[link])) return;
    n.linkLast[link] = { boot: fromBoot, seq: s.seq };
    n.detector = detectorStep(n.detector, { type: 'heartbeat-received', link, at: now }, now).state;
    if (newer(n.peerLatest)) {
      n.peerLatest = { boot: fromBoot, seq: s.seq, summary: s, link, receivedAt: now };
      if (s.heard && s.heard.incarnation === `${n.name}#${n.boot}`) {
        const at = n.sentAt.get(s.heard.seq);
        if (at !== undefined) n.peerHeardUsAt = Math.max(n.peerHeardUsAt ?? at, at);
      }
    }
    runDecide(n);
  };

  const tick = (n: SimNode, boot: number): void => {
    if (!n.up || n.boot !== boot) return;
    if (!workerRuns(n)) {
      n.tickMissed = true;
      return;
    }
    n.detector = detectorStep(n.detector, { type: 'tick', now }, now).state;
    runDecide(n);
    send(n);
    n.lastWorkerPing = now;
    agenda.push(now + hb, () => tick(n, boot));
  };

  const guardian = (n: SimNode, boot: number): void => {
    if (!n.up || n.boot !== boot) return;
    if (frozen(n)) {
      n.inbox.push(() => guardian(n, boot));
      return;
    }
    if (now - n.lastWorkerPing > guardianDeadline) {
      for (const g of Object.keys(n.local)) {
        const p = n.local[g]!.phase;
        if (p === 'starting' || p === 'active') {
          log(n.name, 'guardian', `worker silent ${now - n.lastWorkerPing} ms: guardian stops ${g}`, { group: g });
          execStop(n, g);
        }
      }
    }
    agenda.push(now + Math.max(1, Math.floor(hb / 4)), () => guardian(n, boot));
  };

  /** The node can run again: the overdue tick first (it sees the gap), then what waited in the queue. */
  const wake = (n: SimNode): void => {
    if (!n.up || !workerRuns(n)) {
      // Only the worker's pause ended but the node is still frozen (or the reverse): run what can run.
      if (n.up && !frozen(n)) {
        const waiting = n.inbox;
        n.inbox = [];
        for (const run of waiting) run();
      }
      return;
    }
    if (n.tickMissed) {
      n.tickMissed = false;
      tick(n, n.boot);
    }
    const waiting = n.inbox;
    n.inbox = [];
    for (const run of waiting) run();
  };

  const crash = (n: SimNode): void => {
    if (!n.up) return;
    n.up = false;
    n.inbox = [];
    n.frozenUntil = 0;
    n.workerPausedUntil = 0;
    for (const g of Object.keys(n.local)) {
      n.op[g]!++;
      if (n.local[g]!.phase !== 'stopped') setPhase(n, g, 'stopped');
    }
  };
  const boot = (n: SimNode): void => {
    if (n.up) return;
    n.up = true;
    n.boot += 1;
    n.seq = 0;
    n.sentAt = new Map();
    n.detector = initialDetector(deadAfter, configured, now);
    n.memory = initialMemory;
    n.bootedAt = now;
    n.local = Object.fromEntries(config.groups.map((g) => [g.name, { phase: 'stopped', epoch: 0, failed: false }]));
    n.peerLatest = null;
    n.linkLast = {};
    n.peerHeardUsAt = null;
    n.lastWorkerPing = now;
    n.tickMissed = false;
    n.plan = null;
    const b = n.boot;
    agenda.push(now, () => tick(n, b));
    agenda.push(now, () => guardian(n, b));
  };

  const cutKeys = (link: NetLink | undefined, from?: NodeName, to?: NodeName): string[] => {
    const out: string[] = [];
    for (const l of link ? [link] : (['private', 'public'] as const)) {
      for (const [x, y] of [config.nodes, [config.nodes[1], config.nodes[0]]] as const) {
        if ((from === undefined || from === x) && (to === undefined || to === y)) out.push(`${l}:${x}>${y}`);
      }
    }
    return out;
  };

  const apply = (f: SimFault): void => {
    const who = 'node' in f ? f.node : 'cluster';
    log(who, 'fault', describeFault(f));
    switch (f.kind) {
      case 'crash':
        crash(node(f.node));
        break;
      case 'boot':
        boot(node(f.node));
        break;
      case 'restart': {
        const n = node(f.node);
        crash(n);
        if (f.afterMs) agenda.push(now + f.afterMs, () => boot(n));
        else boot(n);
        break;
      }
      case 'cut':
        for (const k of cutKeys(f.link, f.from, f.to)) cuts.add(k);
        break;
      case 'heal':
        for (const k of cutKeys(f.link, f.from, f.to)) cuts.delete(k);
        break;
      case 'net':
        if (f.delayMs) net[f.link].delayMs = f.delayMs;
        if (f.loss !== undefined) net[f.link].loss = f.loss;
        break;
      case 'pause-worker': {
        const n = node(f.node);
        n.workerPausedUntil = Math.max(n.workerPausedUntil, now + f.forMs);
        agenda.push(n.workerPausedUntil, () => wake(n));
        break;
      }
      case 'freeze': {
        const n = node(f.node);
        if (!n.up) break;
        const until = Math.max(n.frozenUntil, now + f.forMs);
        freezes[n.name]!.push([now, until]);
        n.frozenUntil = until;
        agenda.push(until, () => wake(n));
        break;
      }
      case 'public-down':
        node(f.node).publicOk = false;
        break;
      case 'public-up':
        node(f.node).publicOk = true;
        break;
      case 'storage-broken':
        node(f.node).storageOk = false;
        break;
      case 'storage-ok':
        node(f.node).storageOk = true;
        break;
      case 'fail-group': {
        const n = node(f.node);
        const s = n.local[f.group];
        if (s) n.local[f.group] = { ...s, failed: true };
        break;
      }
      case 'cleanup': {
        const n = node(f.node);
        const s = n.local[f.group];
        if (s) n.local[f.group] = { ...s, failed: false, phase: s.phase === 'failed' ? 'stopped' : s.phase };
        break;
      }
      case 'move':
        intents = { ...intents, moves: { ...intents.moves, [f.group]: { ...stamp(now), to: f.to, pin: f.pin ?? false } } };
        break;
      case 'clear-move': {
        const moves = { ...intents.moves };
        delete moves[f.group];
        intents = { ...intents, moves };
        break;
      }
      case 'lock':
        intents = { ...intents, locks: { ...intents.locks, [f.group]: stamp(now) } };
        break;
      case 'unlock': {
        const locks = { ...intents.locks };
        delete locks[f.group];
        intents = { ...intents, locks };
        break;
      }
      case 'standby':
        intents = { ...intents, standby: { ...intents.standby, [f.node]: stamp(now) } };
        break;
      case 'online': {
        const standby = { ...intents.standby };
        delete standby[f.node];
        intents = { ...intents, standby };
        break;
      }
      case 'maintenance':
        intents = { ...intents, maintenance: f.on ? stamp(now) : null };
        break;
    }
  };

  for (const name of config.nodes) {
    const at = config.bootAt?.[name] ?? 0;
    agenda.push(at, () => boot(node(name)));
  }
  for (const s of steps) agenda.push(s.at, () => apply(s.fault));

  for (let ev = agenda.pop(); ev && ev.t <= untilMs; ev = agenda.pop()) {
    now = ev.t;
    ev.run();
  }
  now = untilMs;

  // Close the holds still open, then find the overlaps.
  for (const [key, from] of Object.entries(openHold)) {
    const [g, n] = key.split('\u0000') as [string, string];
    holds[g]![n]!.push([from, untilMs]);
  }
  const overlaps: SimResult['overlaps'] = [];
  for (const g of config.groups) {
    for (const [a0, a1] of holds[g.name]![config.nodes[0]]!) {
      for (const [b0, b1] of holds[g.name]![config.nodes[1]]!) {
        const from = Math.max(a0, b0);
        const to = Math.min(a1, b1);
        if (from < to) overlaps.push({ group: g.name, from, to });
      }
    }
  }
  const final: SimResult['final'] = {};
  for (const n of Object.values(nodes)) {
    final[n.name] = { up: n.up, role: n.up ? (n.plan?.role ?? 'booting') : 'down', phases: Object.fromEntries(Object.entries(n.local).map(([g, s]) => [g, s.phase])) };
  }
  return { timeline, holds, overlaps, freezes, final };
}

export function describeFault(f: SimFault): string {
  switch (f.kind) {
    case 'cut':
    case 'heal':
      return `${f.kind} ${f.link ?? 'all networks'}${f.from || f.to ? ` ${f.from ?? '*'}>${f.to ?? '*'}` : ''}`;
    case 'net':
      return `net ${f.link}${f.delayMs ? ` delay ${f.delayMs.min}-${f.delayMs.max} ms` : ''}${f.loss !== undefined ? ` loss ${f.loss}` : ''}`;
    case 'pause-worker':
    case 'freeze':
      return `${f.kind} ${f.node} for ${f.forMs} ms`;
    case 'restart':
      return `restart ${f.node}${f.afterMs ? ` after ${f.afterMs} ms` : ''}`;
    case 'fail-group':
    case 'cleanup':
      return `${f.kind} ${f.group} on ${f.node}`;
    case 'move':
      return `move ${f.group} to ${f.to}${f.pin ? ' (pinned)' : ''}`;
    case 'clear-move':
    case 'lock':
    case 'unlock':
      return `${f.kind} ${f.group}`;
    case 'maintenance':
      return `maintenance ${f.on ? 'on' : 'off'}`;
    default:
      return `${f.kind} ${f.node}`;
  }
}

/**
 * Read steps written for people, one per `;` or line: `[at 5s] VERB ARGS`. Without `at`, a step comes
 * `gapMs` after the previous one (the first after `gapMs`, once the cluster has formed).
 *   crash|boot NODE · restart NODE [DOWNTIME] · cut|heal private|public [FROM>TO] · heal · pause NODE MS · freeze NODE MS
 *   public-down|public-up|storage-broken|storage-ok NODE · fail GROUP NODE · cleanup GROUP NODE
 *   move GROUP NODE [pin] · clear-move GROUP · lock|unlock GROUP · standby|online NODE · maintenance on|off
 */
export function parseSteps(text: string, gapMs: number): SimStep[] {
  const steps: SimStep[] = [];
  let at = 0;
  const bad = (part: string, why: string): never => {
    throw new RosehaError('RHA-E2521', `Cannot read the simulation step "${part}": ${why}.`);
  };
  const ms = (s: string, part: string): number => {
    const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(s);
    if (!m) return bad(part, `"${s}" is not a duration such as 500ms or 2s`);
    return Math.round(Number(m[1]) * (m[2] === 's' ? 1000 : 1));
  };
  for (const raw of text.split(/[;\n]/)) {
    const part = raw.trim();
    if (!part) continue;
    let words = part.split(/\s+/);
    if (words[0] === 'at') {
      at = ms(words[1] ?? '', part);
      words = words.slice(2);
    } else at += gapMs;
    const [verb, x, y, z] = words;
    const need = (v: string | undefined, what: string): string => v ?? bad(part, `${what} is missing`);
    const link = (v: string | undefined): NetLink => (v === 'private' || v === 'public' ? v : bad(part, `"${v}" is not private or public`));
    const dir = (v: string | undefined): { from?: NodeName; to?: NodeName } => {
      if (!v) return {};
      const [from, to] = v.split('>');
      return { ...(from && from !== '*' ? { from } : {}), ...(to && to !== '*' ? { to } : {}) };
    };
    let fault: SimFault;
    switch (verb) {
      case 'restart':
        fault = { kind: 'restart', node: need(x, 'the node'), ...(y ? { afterMs: ms(y, part) } : {}) };
        break;
      case 'crash':
      case 'boot':
      case 'public-down':
      case 'public-up':
      case 'storage-broken':
      case 'storage-ok':
      case 'standby':
      case 'online':
        fault = { kind: verb, node: need(x, 'the node') };
        break;
      case 'cut':
        fault = { kind: 'cut', link: link(x), ...dir(y) };
        break;
      case 'heal':
        fault = x ? { kind: 'heal', link: link(x), ...dir(y) } : { kind: 'heal' };
        break;
      case 'pause':
        fault = { kind: 'pause-worker', node: need(x, 'the node'), forMs: ms(need(y, 'the duration'), part) };
        break;
      case 'freeze':
        fault = { kind: 'freeze', node: need(x, 'the node'), forMs: ms(need(y, 'the duration'), part) };
        break;
      case 'fail':
        fault = { kind: 'fail-group', group: need(x, 'the group'), node: need(y, 'the node') };
        break;
      case 'cleanup':
        fault = { kind: 'cleanup', group: need(x, 'the group'), node: need(y, 'the node') };
        break;
      case 'move':
        fault = { kind: 'move', group: need(x, 'the group'), to: need(y, 'the node'), pin: z === 'pin' };
        break;
      case 'clear-move':
      case 'lock':
      case 'unlock':
        fault = { kind: verb, group: need(x, 'the group') };
        break;
      case 'maintenance':
        fault = { kind: 'maintenance', on: x !== 'off' };
        break;
      default:
        return bad(part, `unknown verb "${verb ?? ''}"`);
    }
    steps.push({ at, fault });
  }
  return steps;
}
