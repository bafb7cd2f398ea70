// The pure decision core: decide(input, memory) -> { plan, memory } (Pacemaker's scheduler model).
// No I/O, no clock reads: time is input.now (monotonic ms). The worker calls it every heartbeat tick
// and after every event, executes plan.actions, publishes plan.publish in its NodeSummary and passes
// the returned memory to the next call.
// The types below are a contract with the agent's worker: add fields, never rename.
//
// What the worker does around each call (src/core/sim.ts does exactly this, as a reference):
//  - Feed the detector (detector.step) with every valid heartbeat per link and a tick every
//    heartbeat_ms; pass linkViews(detector) as input.links. Count a datagram for a link's liveness
//    when its seq is new *on that link*; keep as peerSummary the newest summary over all links.
//  - Execute plan.actions in order, and have the executor show the change at once: after a start the
//    next input's local phase is `starting` with the action's epoch, after a stop `stopping`.
//  - Publish in every heartbeat: plan.publish.groups/wants/grants/standby/maintenance, plus
//    `heard` = { incarnation, seq } of the newest peer summary heard.
//  - Keep a small ring seq -> monotonic send time of its own summaries; when the peer's summary
//    echoes (`heard`) this incarnation, peerHeardUsAt = max(previous, sendTime(heard.seq)).
//  - Delete the transient moves listed in plan.movesDone; log each action with its code.
//  - Keep the memory between calls (in process; a restarted worker starts from initialMemory).
import type { LinkView } from './detector.js';
import type { ClusterIntents } from './intents.js';
import type { GroupClaim, GroupName, GroupPhase, LinkName, NodeName, NodeRole, NodeSummary } from './types.js';
import { linkNames } from './types.js';

export type { LinkView } from './detector.js';

/** `failback = "manual" | "auto" | "window HH-HH"` as written in the config. */
export type Failback = string;

/** One group's configuration, as decide() needs it. */
export interface GroupSpec {
  name: GroupName;
  /** Preference order (config `nodes`): the first eligible node runs the group. */
  nodes: NodeName[];
  failback: Failback;
  /** The group holds a volume: a node whose storage path is broken cannot run it. */
  hasVolume: boolean;
  /** At most this many failovers within failoverPeriodMs; past it the group stays put and is locked. */
  failoverThreshold: number;
  failoverPeriodMs: number;
}

/** This node's own state of one group, as its executor knows it. */
export interface LocalGroupState {
  phase: GroupPhase;
  /** Epoch of this node's current (or last) claim on the group; 0 when it never held it. */
  epoch: number;
  /**
   * The executor gave up on the group here: a start failed, or the monitor's restarts are exhausted
   * (max_restarts within restart_period_s). Cleared by the operator (`cleanup`). A failed node is not
   * eligible for the group; if it still holds it, decide() stops it so the peer can take over.
   */
  failed: boolean;
}

/**
 * What the operator asked for (pcs-style constraints that decide() honours, listed by `status`):
 * the cluster-wide copy from src/core/intents.ts (a ClusterIntents fits). Maintenance: nothing is
 * started, stopped or moved. Standby: drained nodes run no group. Locks: a locked group is never
 * started, stopped or moved automatically (an explicit move still applies). Moves: transient until
 * the group is active on `to` (then Plan.movesDone), or pinned.
 */
export type Intents = Pick<ClusterIntents, 'maintenance' | 'standby' | 'locks' | 'moves'>;

export const noIntents: Intents = { maintenance: null, standby: {}, locks: {}, moves: {} };

/** The peer's latest valid summary (highest sequence of its newest incarnation, any link). */
export interface PeerSummaryView {
  summary: NodeSummary;
  /** The link it came on. */
  link: LinkName;
  /** Monotonic ms when it arrived. */
  receivedAt: number;
}

export interface DecisionInput {
  /** Monotonic ms. decide() never reads a clock. */
  now: number;
  /** Local wall-clock hour 0..23, only for `failback = "window HH-HH"`. */
  wallHour: number;
  self: NodeName;
  peer: NodeName;
  timing: {
    heartbeat_ms: number;
    dead_after_ms: number;
    /**
     * A node whose disk path is broken stops its groups when the peer has not confirmed hearing it
     * for this long (its lease): must leave room for one heartbeat and a stop inside dead_after_ms.
     * Default: dead_after_ms / 2.
     */
    fence_after_ms?: number;
  };
  /** Monotonic ms when this worker started (its boot wait: dead_after_ms to hear the peer). */
  bootedAt: number;
  groups: GroupSpec[];
  /** Each link's word on the peer (detector.linkViews()). */
  links: Record<LinkName, LinkView>;
  peerSummary: PeerSummaryView | null;
  /**
   * Monotonic ms at which this node sent the newest of its own summaries that the peer's `heard`
   * confirms; null when the peer has confirmed none since this worker started.
   */
  peerHeardUsAt: number | null;
  /** Own health. storageOk is null when no disk heartbeat is configured. */
  health: { publicOk: boolean; storageOk: boolean | null };
  /** Every configured group's local state; a missing group counts as stopped with epoch 0. */
  local: Partial<Record<GroupName, LocalGroupState>>;
  intents: Intents;
}

export type AlertSeverity = 'info' | 'warning' | 'error';

/** Why a node starts or stops a group: logged, shown in status, and in the alert. */
export type StartReason = 'takeover' | 'handover' | 'placement' | 'failback' | 'move';
export type StopReason =
  | 'handover'
  | 'failover'
  | 'failback'
  | 'move'
  | 'drain'
  | 'failed'
  | 'conflict'
  | 'self-fence'
  | 'pause';

export type Action =
  | { type: 'start'; group: GroupName; epoch: number; reason: StartReason }
  | { type: 'stop'; group: GroupName; reason: StopReason }
  /** Failover of the group is forbidden (standby unhealthy, failover limit); the agent shows it in status. */
  | { type: 'lock'; group: GroupName; reason: string }
  | { type: 'unlock'; group: GroupName; reason: string }
  /**
   * Edge-triggered: raised once when a condition appears, then (severity info, `cleared: true`, same
   * code) once when it goes away. One-off events (a takeover, a self-fence) are raised once.
   */
  | { type: 'alert'; code: string; severity: AlertSeverity; text: string; group?: GroupName; cleared?: boolean };

/**
 * What the peer looks like from here. alive: some link up. dead: silent on every configured link,
 * own disk path working (or no disk configured), past the boot/wake wait. cut-off: silent on every
 * link but this node's own disk path is broken, so it cannot tell a dead peer from its own isolation.
 * unknown: not heard yet, still within the boot/wake wait.
 */
export type PeerStatus = 'unknown' | 'alive' | 'dead' | 'cut-off';

/** What this node should publish in its NodeSummary (the worker adds node, incarnation, seq, health, heard, config). */
export interface PublishedView {
  groups: Record<GroupName, GroupClaim>;
  wants: Record<GroupName, number>;
  grants: Record<GroupName, number>;
  standby: boolean;
  maintenance: boolean;
}

/** One group's verdict, for status and logs. */
export interface GroupVerdict {
  /** Where the group should run, as this node sees it; null: nowhere eligible. */
  target: NodeName | null;
  why: string;
  /** Operator lock, or an automatic one (standby unhealthy, failover limit). */
  lock: { kind: 'operator' | 'auto'; reason: string } | null;
}

export interface Plan {
  /** Execute in order. Starts come after every stop of the same plan. */
  actions: Action[];
  role: NodeRole;
  peer: PeerStatus;
  /** Publish in every heartbeat (the state after the actions were accepted). */
  publish: PublishedView;
  groups: Record<GroupName, GroupVerdict>;
  /** Transient moves that are done (the group is active on its target): the agent deletes these intents. */
  movesDone: GroupName[];
}

/** What decide() remembers between calls: pass back the memory it returned. Plain JSON. */
export interface CoreMemory {
  /** `now` of the previous call: a gap over dead_after_ms / 2 is a pause of this process. */
  lastDecideAt: number | null;
  /** When the last pause ended: like a boot, the peer gets a fresh dead_after_ms before it may be called dead. */
  wokeAt: number | null;
  /** Highest epoch seen per group (own claims, the peer's claims and wants). */
  maxEpoch: Record<GroupName, number>;
  /** This node's standing wants: the epoch stays the same until the want is dropped. */
  wants: Record<GroupName, number>;
  /** Raised alert conditions (keys), for edge triggering. */
  alerts: Record<string, true>;
  /** Automatic locks in force, with their reason. */
  autoLocks: Record<GroupName, string>;
  /** Monotonic ms of the failovers of each group this node took part in (stopped for, or took over). */
  failovers: Record<GroupName, number[]>;
  /**
   * Since when this node's own disk path has worked (null: broken). The disk link's silence only
   * vouches for a dead peer once this node has been able to read the peer's slot for dead_after_ms.
   */
  storageOkSince?: number | null;
}

export const initialMemory: CoreMemory = {
  lastDecideAt: null,
  wokeAt: null,
  maxEpoch: {},
  wants: {},
  alerts: {},
  autoLocks: {},
  failovers: {},
};


// ---------------------------------------------------------------------------------------------
// The rules. Safety first (pause, self-fence, claim conflict, failed), then placement.
//
// Starting a group needs one of the two things DESIGN.md allows:
//  (a) handover: the peer is alive and grants it. The taker publishes a *want* with the epoch it
//      will claim; the peer grants a want only while it does not hold the group and does not want
//      it with a higher priority (higher epoch, then preference order, then name). A node starts
//      only on a grant read from the peer's latest summary, so two nodes never both start on a
//      stale view.
//  (b) the peer is dead (silent on every link, own disk path working, past the boot/wake wait)
//      and this node is eligible (healthy, not drained, not failed).
// A node whose own disk path is broken keeps its groups only while the peer confirms hearing it
// (its lease, DecisionInput.peerHeardUsAt): past fence_after_ms it stops them, before the peer's
// dead_after_ms can run out (rule g, self-fencing).

const holding = (phase: GroupPhase | undefined): boolean => phase === 'starting' || phase === 'active' || phase === 'stopping';

const stoppedState: LocalGroupState = { phase: 'stopped', epoch: 0, failed: false };

/** "window HH-HH": failback allowed from HH (inclusive) to HH (exclusive), wrapping past midnight. */
export function failbackAllowed(failback: Failback, wallHour: number): boolean {
  if (failback === 'auto') return true;
  const m = /^window (\d{2})-(\d{2})$/.exec(failback);
  if (!m) return false;
  const from = Number(m[1]);
  const to = Number(m[2]);
  return from <= to ? wallHour >= from && wallHour < to : wallHour >= from || wallHour < to;
}

/** Does `a` (claiming or wanting with epoch ea) win the group over `b` (eb)? Higher epoch, then preference order, then name. */
export function outranks(group: GroupSpec, a: NodeName, ea: number, b: NodeName, eb: number): boolean {
  if (ea !== eb) return ea > eb;
  const rank = (n: NodeName): number => {
    const i = group.nodes.indexOf(n);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  if (rank(a) !== rank(b)) return rank(a) < rank(b);
  return a < b;
}

type Ineligible = 'not-alive' | 'not-in-group' | 'standby' | 'public-down' | 'storage-broken' | 'failed';
type TargetReason = 'stay' | 'failback' | 'move' | 'failover' | 'drain' | 'placement' | 'none';

interface Target {
  node: NodeName | null;
  reason: TargetReason;
}

interface Condition {
  code: string;
  severity: AlertSeverity;
  text: string;
  group?: GroupName;
}

function pruneFailovers(times: number[] | undefined, now: number, periodMs: number): number[] {
  return (times ?? []).filter((t) => now - t < periodMs);
}

export function decide(input: DecisionInput, memory: CoreMemory): { plan: Plan; memory: CoreMemory } {
  const { now, self, peer } = input;
  const deadAfter = input.timing.dead_after_ms;
  const fenceAfter = input.timing.fence_after_ms ?? Math.floor(deadAfter / 2);
  const mem: CoreMemory = {
    lastDecideAt: now,
    wokeAt: memory.wokeAt,
    maxEpoch: { ...memory.maxEpoch },
    wants: { ...memory.wants },
    alerts: { ...memory.alerts },
    autoLocks: { ...memory.autoLocks },
    failovers: { ...memory.failovers },
    storageOkSince: input.health.storageOk === false ? null : memory.storageOkSince === undefined ? input.bootedAt : (memory.storageOkSince ?? now),
  };
  const stops: Action[] = [];
  const starts: Action[] = [];
  const locks: Action[] = [];
  const events: Action[] = [];
  const conditions = new Map<string, Condition>();
  const raise = (key: string, c: Condition): void => void conditions.set(key, c);
  const event = (code: string, severity: AlertSeverity, text: string, group?: GroupName): void =>
    void events.push({ type: 'alert', code, severity, text, ...(group === undefined ? {} : { group }) });

  // A gap since the previous call means this process did not run: whatever it holds may already
  // run on the peer (rule j). Release at once, and give the peer a fresh deadline before calling it dead.
  // The first call counts from the worker's start: a worker stopped right after starting has not listened either.
  const previous = memory.lastDecideAt ?? input.bootedAt;
  const paused = now - previous > deadAfter / 2;
  if (paused) {
    mem.wokeAt = now;
    event('RHA-W2510', 'warning', `This node did not run for ${now - previous} ms (paused); it releases its groups.`);
  }
  const waitFrom = Math.max(input.bootedAt, mem.wokeAt ?? Number.NEGATIVE_INFINITY);
  const inWait = now - waitFrom < deadAfter;

  // What the links say about the peer.
  const diskConfigured = input.links.disk.configured;
  const storageBroken = input.health.storageOk === false;
  const netLinks = (['private', 'public'] as const).filter((l) => input.links[l].configured);
  const anyUp = linkNames.some((l) => input.links[l].configured && input.links[l].up);
  let peerStatus: PeerStatus;
  if (anyUp) peerStatus = input.peerSummary ? 'alive' : 'unknown';
  else if (inWait) peerStatus = 'unknown';
  else if (diskConfigured && (storageBroken || now - (mem.storageOkSince ?? now) < deadAfter)) peerStatus = 'cut-off';
  else peerStatus = 'dead';
  const peerSum = peerStatus === 'alive' ? input.peerSummary!.summary : null;
  const lastPeerSum = input.peerSummary?.summary ?? null;

  if (peerStatus === 'alive') {
    for (const l of linkNames) {
      if (input.links[l].configured && !input.links[l].up && !inWait) raise(`link-down:${l}`, { code: 'RHA-W2502', severity: 'warning', text: `The ${l} heartbeat link to ${peer} is silent; the peer is still heard on another link.` });
    }
    if (netLinks.length > 0 && netLinks.every((l) => !input.links[l].up) && input.links.disk.up) {
      raise('partition', { code: 'RHA-W2501', severity: 'warning', text: `${peer} is heard only on the disk link: network partition, no takeover.` });
    }
  }
  if (peerStatus === 'dead') raise('peer-dead', { code: 'RHA-W2505', severity: 'warning', text: `${peer} is silent on every link: considered dead.` });
  if (peerStatus === 'cut-off') raise('cut-off', { code: 'RHA-W2506', severity: 'error', text: `${peer} is silent on every link and this node's disk path is broken (or only just repaired): it cannot tell a dead peer from its own isolation, so it takes nothing over.` });
  if (!input.health.publicOk) raise('public-down', { code: 'RHA-W2503', severity: 'warning', text: `This node's public network does not reach the gateway.` });
  if (storageBroken) raise('storage-broken', { code: 'RHA-W2504', severity: 'warning', text: `This node's shared-disk path is broken.` });

  const maintenance = input.intents.maintenance !== null || peerSum?.maintenance === true;
  if (maintenance) raise('maintenance', { code: 'RHA-I2517', severity: 'info', text: 'Maintenance mode: nothing is started, stopped or moved.' });
  const selfStandby = input.intents.standby[self] !== undefined;
  const peerStandby = input.intents.standby[peer] !== undefined || peerSum?.standby === true;

  // The lease: with a broken disk path, the peer's word that it hears us is all that keeps it from calling us dead.
  const leaseBase = input.peerHeardUsAt ?? input.bootedAt;
  const leaseExpired = diskConfigured && storageBroken && now - leaseBase >= fenceAfter;

  // After a pause, summaries that queued up while this node did not run are read one by one: a grant
  // among them may predate the peer calling this node dead and taking over. A grant counts again only
  // once the peer has confirmed hearing something this node sent after waking.
  const staleAfterPause = mem.wokeAt !== null && (input.peerHeardUsAt ?? Number.NEGATIVE_INFINITY) < mem.wokeAt;

  const publish: PublishedView = { groups: {}, wants: {}, grants: {}, standby: selfStandby, maintenance };
  const verdicts: Record<GroupName, GroupVerdict> = {};
  const movesDone: GroupName[] = [];
  let holdsAny = false;
  let anyFailed = false;

  for (const g of input.groups) {
    const name = g.name;
    const local = input.local[name] ?? stoppedState;
    const iHold = holding(local.phase);
    const peerClaim = peerSum?.groups[name];
    const peerHolds = holding(peerClaim?.phase);
    anyFailed ||= local.failed || local.phase === 'failed';

    const seen = [mem.maxEpoch[name] ?? 0, local.epoch, lastPeerSum?.groups[name]?.epoch ?? 0, lastPeerSum?.wants?.[name] ?? 0, lastPeerSum?.grants?.[name] ?? 0];
    mem.maxEpoch[name] = Math.max(...seen);
    mem.failovers[name] = pruneFailovers(mem.failovers[name], now, g.failoverPeriodMs);
    const limitReached = mem.failovers[name]!.length >= g.failoverThreshold;
    const recordFailover = (): void => void mem.failovers[name]!.push(now);

    const selfWhy = ((): Ineligible | null => {
      if (!g.nodes.includes(self)) return 'not-in-group';
      if (selfStandby) return 'standby';
      if (local.failed || local.phase === 'failed') return 'failed';
      if (!input.health.publicOk) return 'public-down';
      if (g.hasVolume && storageBroken) return 'storage-broken';
      return null;
    })();
    const peerWhy = ((): Ineligible | null => {
      if (!peerSum) return 'not-alive';
      if (!g.nodes.includes(peer)) return 'not-in-group';
      if (peerStandby) return 'standby';
      if (peerClaim?.phase === 'failed') return 'failed';
      if (!peerSum.health.publicOk) return 'public-down';
      if (g.hasVolume && peerSum.health.storageOk === false) return 'storage-broken';
      return null;
    })();
    const why = (n: NodeName): Ineligible | null => (n === self ? selfWhy : peerWhy);
    const ok = (n: NodeName): boolean => (n === self || n === peer) && why(n) === null;

    // Both hold: the lower claim yields (rule j); the winner is the holder.
    const iLoseConflict = iHold && peerHolds && peerClaim!.phase !== 'stopping' && outranks(g, peer, peerClaim!.epoch, self, local.epoch);
    const holder: NodeName | null = iHold && !iLoseConflict ? self : peerHolds ? peer : null;

    const move = input.intents.moves[name];
    const moveTo = move && (move.to === self || move.to === peer) ? move.to : null;
    const opLock = input.intents.locks[name];
    const locked = opLock !== undefined;

    const target = ((): Target => {
      if (moveTo && ok(moveTo)) return { node: moveTo, reason: 'move' };
      const prefs = g.nodes.filter(ok);
      if (holder) {
        if (ok(holder)) {
          const best = prefs[0];
          if (best && best !== holder && failbackAllowed(g.failback, input.wallHour)) return { node: best, reason: 'failback' };
          return { node: holder, reason: 'stay' };
        }
        const other = prefs.find((n) => n !== holder);
        const holderWhy = why(holder);
        if (other) return { node: other, reason: holderWhy === 'standby' || holderWhy === 'not-in-group' ? 'drain' : 'failover' };
        // Nowhere better: a drained, failed or removed holder lets go; an unhealthy one keeps serving.
        if (holderWhy === 'standby' || holderWhy === 'not-in-group' || holderWhy === 'failed') return { node: null, reason: 'drain' };
        return { node: holder, reason: 'stay' };
      }
      return prefs[0] ? { node: prefs[0], reason: 'placement' } : { node: null, reason: 'none' };
    })();

    let stop: StopReason | null = null;
    let start: { epoch: number; reason: StartReason } | null = null;
    let note = target.reason as string;

    if (maintenance) {
      note = 'maintenance';
      delete mem.wants[name];
    } else {
      // Safety: these override locks and policies.
      if (iHold && local.phase !== 'stopping') {
        if (paused) stop = 'pause';
        else if (leaseExpired) {
          stop = 'self-fence';
          event('RHA-E2511', 'error', `Cut off from ${peer} with a broken disk path: stopping ${name} before the peer may take it over.`, name);
        } else if (iLoseConflict) {
          stop = 'conflict';
          event('RHA-W2514', 'warning', `${peer} claims ${name} with epoch ${peerClaim!.epoch} (ours ${local.epoch}): this node yields.`, name);
        } else if (local.failed) {
          stop = 'failed';
          recordFailover();
          event('RHA-W2515', 'warning', `${name} failed on this node (start failed or restarts exhausted): stopping it so that it can fail over.`, name);
        }
      }

      // Placement: move a held group away when the target is elsewhere.
      if (iHold && local.phase !== 'stopping' && stop === null && target.node !== self) {
        if (target.reason === 'drain') stop = 'drain';
        else if (locked && target.reason !== 'move') note = 'locked';
        else if (target.reason === 'move') stop = 'move';
        else if (target.reason === 'failback') stop = 'failback';
        else if (target.reason === 'failover') {
          if (limitReached) note = 'failover-limit';
          else {
            stop = 'failover';
            recordFailover();
            event('RHA-I2513', 'info', `${name} fails over from this node to ${peer} (this node: ${selfWhy}).`, name);
          }
        }
      }

      // Starting: only on a grant (peer alive) or with the peer dead.
      const blockedByLock = !iHold && target.node === self && locked && target.reason !== 'move';
      if (blockedByLock && !peerHolds) {
        // The operator said never move it automatically: say so once, loudly, while it runs nowhere.
        note = 'locked';
        raise(`locked-nowhere:${name}`, {
          code: 'RHA-W2516',
          severity: 'warning',
          text: `${name} is locked by an operator (${opLock!.reason ?? opLock!.by}): it runs nowhere and ${self} does not take it over. Run \`roseha unlock ${name}\` or \`roseha move ${name} ${self}\`.`,
          group: name,
        });
      }
      const mayStart = !iHold && !paused && !leaseExpired && target.node === self && !blockedByLock;
      // The peer ran the group last (its claim is the newest) and stopped it: taking it is a handover,
      // and a failover when the peer stopped because it is unhealthy or the group failed there.
      const peerRanItLast = (peerClaim?.epoch ?? 0) > 0 && (peerClaim?.epoch ?? 0) >= local.epoch;
      const peerFaulty = peerWhy === 'public-down' || peerWhy === 'storage-broken' || peerWhy === 'failed';
      const isFailover =
        target.reason === 'failover' ||
        (target.reason === 'placement' && peerRanItLast && peerFaulty) ||
        (peerStatus === 'dead' && holding(lastPeerSum?.groups[name]?.phase));
      if (mayStart && isFailover && limitReached) note = 'failover-limit';
      else if (mayStart && peerStatus === 'dead') {
        const takeover = holding(lastPeerSum?.groups[name]?.phase);
        start = { epoch: mem.maxEpoch[name]! + 1, reason: takeover ? 'takeover' : 'placement' };
        if (takeover) {
          recordFailover();
          event('RHA-I2512', 'info', `${peer} is dead: taking over ${name}.`, name);
        }
      } else if (mayStart && peerStatus === 'alive') {
        // A standing want keeps its epoch until a newer claim shows up. A node does not raise a new
        // want against the peer's standing one (that would outbid it forever): it grants instead.
        const theirs = peerSum!.wants?.[name];
        const claimSeen = Math.max(local.epoch, lastPeerSum?.groups[name]?.epoch ?? 0);
        let mine = mem.wants[name];
        if (mine !== undefined && mine <= claimSeen) mine = undefined;
        if (mine === undefined && theirs === undefined) mine = mem.maxEpoch[name]! + 1;
        if (mine !== undefined && theirs !== undefined && outranks(g, peer, theirs, self, mine)) mine = undefined;
        if (mine !== undefined) mem.wants[name] = mine;
        if (mine === undefined) {
          delete mem.wants[name];
          note = 'yields to the peer';
        } else if (!peerHolds && peerSum!.grants?.[name] === mine && !staleAfterPause) {
          const reason: StartReason =
            target.reason === 'move' ? 'move' : target.reason === 'failback' ? 'failback' : isFailover || peerRanItLast ? 'handover' : 'placement';
          start = { epoch: mine, reason };
          if (isFailover) recordFailover();
        } else note = staleAfterPause ? 'woke from a pause: waiting for the peer to hear this node' : 'waiting for the peer to grant';
      } else if (mayStart) note = `waiting to hear ${peer}`;
      if (!mayStart || start !== null || peerStatus !== 'alive') delete mem.wants[name];
      else if (mem.wants[name] !== undefined) publish.wants[name] = mem.wants[name]!;
      if (start) mem.maxEpoch[name] = Math.max(mem.maxEpoch[name]!, start.epoch);

      // Grant the peer's want when this node neither holds the group nor wants it more.
      const theirWant = peerSum?.wants?.[name];
      const holdsAfter = iHold || start !== null;
      if (theirWant !== undefined && !holdsAfter && !(publish.wants[name] !== undefined && outranks(g, self, publish.wants[name]!, peer, theirWant))) {
        publish.grants[name] = theirWant;
      }
    }

    if (stop) stops.push({ type: 'stop', group: name, reason: stop });
    if (start) starts.push({ type: 'start', group: name, epoch: start.epoch, reason: start.reason });

    // Automatic locks (edge-triggered): this node cannot stand by for the group, or too many failovers.
    const unhealthyStandby = !iHold && g.nodes.includes(self) && (selfWhy === 'public-down' || selfWhy === 'storage-broken');
    const autoLock = limitReached ? 'failover-limit' : unhealthyStandby ? `standby-${selfWhy}` : null;
    if (autoLock && !mem.autoLocks[name]) locks.push({ type: 'lock', group: name, reason: autoLock });
    if (!autoLock && mem.autoLocks[name]) locks.push({ type: 'unlock', group: name, reason: `${mem.autoLocks[name]} cleared` });
    if (autoLock) mem.autoLocks[name] = autoLock;
    else delete mem.autoLocks[name];
    if (autoLock === 'failover-limit') raise(`failover-limit:${name}`, { code: 'RHA-E2508', severity: 'error', text: `${name} failed over ${g.failoverThreshold} times within ${g.failoverPeriodMs / 1000} s: it stays put and is locked.`, group: name });
    else if (autoLock) raise(`standby-lock:${name}`, { code: 'RHA-W2507', severity: 'warning', text: `This node cannot stand by for ${name} (${selfWhy}): its failover is locked until it recovers.`, group: name });

    const phaseAfter: GroupPhase = start ? 'starting' : stop ? 'stopping' : local.failed && local.phase === 'stopped' ? 'failed' : local.phase;
    publish.groups[name] = { phase: phaseAfter, epoch: start ? start.epoch : local.epoch };
    holdsAny ||= holding(phaseAfter);
    if (!maintenance && target.node === null && !iHold && !peerHolds && (peerStatus === 'alive' || peerStatus === 'dead')) {
      raise(`nowhere:${name}`, { code: 'RHA-E2509', severity: 'error', text: `${name} can run on no node (${self}: ${selfWhy ?? 'ok'}, ${peer}: ${peerWhy ?? 'ok'}).`, group: name });
    }

    if (move && !move.pin && ((move.to === self && local.phase === 'active') || (move.to === peer && peerClaim?.phase === 'active'))) movesDone.push(name);
    verdicts[name] = {
      target: target.node,
      why: note,
      lock: opLock ? { kind: 'operator', reason: opLock.reason ?? `locked by ${opLock.by}` } : mem.autoLocks[name] ? { kind: 'auto', reason: mem.autoLocks[name]! } : null,
    };
  }

  // Edge-triggered conditions: raise once, clear once.
  const alerts: Action[] = [];
  for (const [key, c] of conditions) {
    if (!mem.alerts[key]) alerts.push({ type: 'alert', ...c });
    mem.alerts[key] = true;
  }
  for (const key of Object.keys(mem.alerts)) {
    if (conditions.has(key)) continue;
    delete mem.alerts[key];
    const code = conditionCodes[key.split(':')[0]!];
    if (code) alerts.push({ type: 'alert', code, severity: 'info', text: `Cleared: ${key}.`, cleared: true });
  }

  const role: NodeRole =
    peerStatus === 'unknown' && now - input.bootedAt < deadAfter ? 'booting'
    : !input.health.publicOk || storageBroken || anyFailed ? 'faulted'
    : holdsAny ? 'active'
    : 'standby';

  return {
    plan: { actions: [...stops, ...starts, ...locks, ...events, ...alerts], role, peer: peerStatus, publish, groups: verdicts, movesDone },
    memory: mem,
  };
}

/** Condition key prefix -> its code, to clear a condition whose text is gone. */
const conditionCodes: Record<string, string> = {
  'link-down': 'RHA-W2502',
  partition: 'RHA-W2501',
  'peer-dead': 'RHA-W2505',
  'cut-off': 'RHA-W2506',
  'public-down': 'RHA-W2503',
  'storage-broken': 'RHA-W2504',
  maintenance: 'RHA-I2517',
  'failover-limit': 'RHA-E2508',
  'standby-lock': 'RHA-W2507',
  nowhere: 'RHA-E2509',
  'locked-nowhere': 'RHA-W2516',
};
