// Builders for decide() inputs: a healthy two-node cluster (node-a preferred) with one group "erp"
// that holds a volume, all three links up, seen from node-a unless told otherwise.
import { initialMemory, noIntents, type Action, type CoreMemory, type DecisionInput, type GroupSpec, type LocalGroupState } from '../../src/core/decide.js';
import type { GroupClaim, NodeSummary } from '../../src/core/types.js';

export const A = 'node-a';
export const B = 'node-b';
export const NOW = 100_000;

export const erp: GroupSpec = { name: 'erp', nodes: [A, B], failback: 'manual', hasVolume: true, failoverThreshold: 3, failoverPeriodMs: 3_600_000 };

export function summary(node: string, groups: Record<string, GroupClaim> = {}, extra: Partial<NodeSummary> = {}): NodeSummary {
  return {
    node,
    incarnation: `${node}-1`,
    seq: 10,
    configGeneration: 1,
    configHash: 'h',
    health: { publicOk: true, storageOk: true },
    standby: false,
    maintenance: false,
    groups,
    ...extra,
  };
}

export const active = (epoch: number): GroupClaim => ({ phase: 'active', epoch });
export const stopped = (epoch = 0): GroupClaim => ({ phase: 'stopped', epoch });
export const local = (phase: LocalGroupState['phase'], epoch = 0, failed = false): LocalGroupState => ({ phase, epoch, failed });

/** node-a's view: everything healthy, booted long ago, node-b heard on every link a moment ago. */
export function input(over: Partial<DecisionInput> = {}): DecisionInput {
  const heard = { configured: true, up: true, lastHeardAt: NOW - 50 };
  return {
    now: NOW,
    wallHour: 12,
    self: A,
    peer: B,
    timing: { heartbeat_ms: 200, dead_after_ms: 1000 },
    bootedAt: 0,
    groups: [erp],
    links: { private: heard, public: heard, disk: heard },
    peerSummary: { summary: summary(B, { erp: stopped() }), link: 'private', receivedAt: NOW - 50 },
    peerHeardUsAt: NOW - 100,
    health: { publicOk: true, storageOk: true },
    local: { erp: local('stopped') },
    intents: noIntents,
    ...over,
  };
}

/** Swap the point of view: node-b deciding (same shape, names exchanged). */
export function asB(over: Partial<DecisionInput> = {}): DecisionInput {
  return input({ self: B, peer: A, peerSummary: { summary: summary(A, { erp: stopped() }), link: 'private', receivedAt: NOW - 50 }, ...over });
}

export const silent = { configured: true, up: false, lastHeardAt: NOW - 2000 };

/** Memory of a node that has been deciding every heartbeat (no pause detected on this call). */
export const steady = (over: Partial<CoreMemory> = {}): CoreMemory => ({ ...initialMemory, lastDecideAt: NOW - 200, ...over });

/** One action as a line of a scenario summary (Pacemaker's .summary files): alerts by code. */
export function show(a: Action): string {
  switch (a.type) {
    case 'start':
      return `start ${a.group} epoch=${a.epoch} (${a.reason})`;
    case 'stop':
      return `stop ${a.group} (${a.reason})`;
    case 'lock':
    case 'unlock':
      return `${a.type} ${a.group} (${a.reason})`;
    case 'alert':
      return `${a.cleared ? 'clear' : 'alert'} ${a.code}`;
  }
}
