// Shared vocabulary of the core, the links and the status API. The decision function's own
// input and output types live beside it (src/core/decide.ts); this file holds what travels
// between nodes and what the API reports.

export type NodeName = string;
export type GroupName = string;
export type LinkName = 'private' | 'public' | 'disk';
export const linkNames: readonly LinkName[] = ['private', 'public', 'disk'];

/** A group's phase on one node. */
export type GroupPhase = 'stopped' | 'starting' | 'active' | 'stopping' | 'failed';

/** The node-level role the monitor colours (§4.1): booting blue, active green, standby grey, faulted red. */
export type NodeRole = 'booting' | 'active' | 'standby' | 'faulted';

export interface GroupClaim {
  phase: GroupPhase;
  /**
   * Claim epoch: a taker uses one more than the highest epoch it has seen for the group. When both
   * nodes claim a group, the lower epoch yields (a node that woke from a pause holds the older one);
   * equal epochs fall back to the group's preference order.
   */
  epoch: number;
}

/** What a node says about itself in every heartbeat: in each UDP datagram and in its disk slot. */
export interface NodeSummary {
  node: NodeName;
  /** Random per worker start: a restarted worker is a new incarnation, its sequence restarts at 1. */
  incarnation: string;
  seq: number;
  configGeneration: number;
  /** Short hash of the running config, to spot two configs with one generation (partition edits). */
  configHash: string;
  health: {
    /** The public network reaches the gateway. */
    publicOk: boolean;
    /** The shared disk heartbeat area reads and writes; null when no disk is configured. */
    storageOk: boolean | null;
  };
  /** The operator drained this node (`roseha node standby`). */
  standby: boolean;
  /** The cluster is in maintenance: nothing is started, stopped or moved. */
  maintenance: boolean;
  groups: Record<GroupName, GroupClaim>;
  /**
   * Handover handshake (src/core/decide.ts): the groups this node asks to start while the peer is
   * alive, each with the epoch it will claim. Absent = none.
   */
  wants?: Record<GroupName, number>;
  /**
   * The peer's wants this node grants (group -> the peer's wanted epoch). A grant says: I do not
   * hold the group and I will not start it while your want stands. A node starts a group while the
   * peer is alive only with the peer's grant.
   */
  grants?: Record<GroupName, number>;
  /**
   * The automatic locks in force on this node (group -> reason: it cannot stand by for the group,
   * or the group failed over too often), so that the peer's status shows them too. Absent = none.
   */
  autoLocks?: Record<GroupName, string>;
  /**
   * The newest summary this node has heard from the peer, on any link: the peer's lease. The peer
   * looks up when it sent that seq (DecisionInput.peerHeardUsAt) to know how long the other side will
   * still wait before it may call it dead (self-fencing when its own disk path is broken).
   */
  heard?: { incarnation: string; seq: number } | null;
}
