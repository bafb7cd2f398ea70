// The pure decision core: decide(input, memory) -> { plan, memory } (Pacemaker's scheduler model).
// No I/O, no clock reads: time is input.now (monotonic ms). The worker calls it every heartbeat tick
// and after every event, executes plan.actions, publishes plan.publish in its NodeSummary and passes
// the returned memory to the next call.
// The types below are a contract with the agent's worker: add fields, never rename.
import type { LinkView } from './detector.js';
import type { GroupClaim, GroupName, GroupPhase, LinkName, NodeName, NodeRole, NodeSummary } from './types.js';

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

/** Who set an operator intent and when (wall-clock ISO time, for `status` only: never compared). */
export interface IntentStamp {
  by: string;
  at: string;
}

export interface MoveIntent extends IntentStamp {
  to: NodeName;
  /** Pinned: stays a preference until cleared. Transient: satisfied once the group is active on `to` (see Plan.movesDone). */
  pin: boolean;
}

/** What the operator asked for (pcs-style constraints that decide() honours, listed by `status`). */
export interface Intents {
  /** Cluster-wide maintenance: nothing is started, stopped or moved (the peer's flag counts too). */
  maintenance: IntentStamp | null;
  /** Drained nodes (`roseha node standby`): they run no group. */
  standby: Partial<Record<NodeName, IntentStamp>>;
  /** Operator locks: a locked group is never started, stopped or moved automatically (explicit moves still apply). */
  locks: Partial<Record<GroupName, IntentStamp & { reason?: string }>>;
  moves: Partial<Record<GroupName, MoveIntent>>;
}

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

/** Not implemented yet (first commit: the types only). */
export function decide(input: DecisionInput, memory: CoreMemory): { plan: Plan; memory: CoreMemory } {
  void input;
  void memory;
  throw new Error('decide(): not implemented yet');
}
