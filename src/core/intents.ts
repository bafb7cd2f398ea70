// Operator intents (locks, moves, pins, standby, maintenance) are cluster-wide: each node keeps a
// copy, every heartbeat carries it, and the copy with the higher revision wins (ties: the lower
// node name, so both sides pick the same one). An intent is data the decision core honours, not a
// command that bypasses it (Pacemaker's cli-prefer/cli-ban constraints).
import type { GroupName, NodeName } from './types.js';
import type { IntentStatus } from './status.js';

export interface Stamp {
  by: string;
  /** Wall-clock ISO time, for people. */
  at: string;
}

export interface ClusterIntents {
  rev: number;
  /** The node that made this revision. */
  origin: NodeName;
  locks: Record<GroupName, Stamp & { reason?: string }>;
  /** Where the operator asked a group to run; transient (cleared once it runs there) unless pinned. */
  moves: Record<GroupName, Stamp & { to: NodeName; pin: boolean }>;
  standby: Record<NodeName, Stamp>;
  maintenance: Stamp | null;
}

export type IntentChange =
  | { kind: 'lock'; group: GroupName; reason?: string }
  | { kind: 'unlock'; group: GroupName }
  | { kind: 'move'; group: GroupName; to: NodeName; pin: boolean }
  | { kind: 'clear-move'; group: GroupName }
  | { kind: 'standby'; node: NodeName }
  | { kind: 'online'; node: NodeName }
  | { kind: 'maintenance'; on: boolean };

export const emptyIntents = (origin: NodeName): ClusterIntents => ({ rev: 0, origin, locks: {}, moves: {}, standby: {}, maintenance: null });

/** A new revision with the change applied; the input is not modified. */
export function applyIntent(cur: ClusterIntents, change: IntentChange, self: NodeName, stamp: Stamp): ClusterIntents {
  const next: ClusterIntents = {
    rev: cur.rev + 1,
    origin: self,
    locks: { ...cur.locks },
    moves: { ...cur.moves },
    standby: { ...cur.standby },
    maintenance: cur.maintenance,
  };
  switch (change.kind) {
    case 'lock':
      next.locks[change.group] = { ...stamp, ...(change.reason ? { reason: change.reason } : {}) };
      break;
    case 'unlock':
      delete next.locks[change.group];
      break;
    case 'move':
      next.moves[change.group] = { ...stamp, to: change.to, pin: change.pin };
      break;
    case 'clear-move':
      delete next.moves[change.group];
      break;
    case 'standby':
      next.standby[change.node] = stamp;
      break;
    case 'online':
      delete next.standby[change.node];
      break;
    case 'maintenance':
      next.maintenance = change.on ? stamp : null;
      break;
  }
  return next;
}

/** Which copy both nodes keep: the higher revision; on a tie the one made by the lower node name. */
export function mergeIntents(mine: ClusterIntents, theirs: ClusterIntents | undefined): ClusterIntents {
  if (!theirs) return mine;
  if (theirs.rev > mine.rev) return theirs;
  if (theirs.rev === mine.rev && theirs.origin < mine.origin) return theirs;
  return mine;
}

export function listIntents(i: ClusterIntents): IntentStatus[] {
  const out: IntentStatus[] = [];
  if (i.maintenance) out.push({ kind: 'maintenance', target: 'cluster', by: i.maintenance.by, at: i.maintenance.at });
  for (const [node, s] of Object.entries(i.standby)) out.push({ kind: 'standby', target: node, by: s.by, at: s.at });
  for (const [group, s] of Object.entries(i.locks)) out.push({ kind: 'lock', target: group, ...(s.reason ? { detail: s.reason } : {}), by: s.by, at: s.at });
  for (const [group, s] of Object.entries(i.moves)) {
    out.push({ kind: s.pin ? 'pin' : 'move', target: group, detail: `to ${s.to}`, by: s.by, at: s.at });
  }
  return out;
}
