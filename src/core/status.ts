// The status report: what `GET /v1/status` returns, `roseha status` prints and the web console
// draws. Field names never change meaning (scripts parse them); add fields, never repurpose.
import type { GroupPhase, LinkName, NodeRole } from './types.js';

export interface StatusReport {
  cluster: string;
  /** The node that answered. */
  node: string;
  generatedAt: string;
  configGeneration: number;
  timing: { profile: string; heartbeat_ms: number; dead_after_ms: number };
  maintenance: boolean;
  nodes: NodeStatus[];
  links: LinkStatus[];
  groups: GroupStatus[];
  /** Every lock, pin, standby and maintenance flag, with who set it and when. */
  intents: IntentStatus[];
  /** Counted, never thrown: forged, replayed, truncated or unknown-sender datagrams. */
  dropped: Record<string, number>;
  /** Why the cluster is degraded; empty when all is well. */
  problems: Array<{ code: string; message: string }>;
  degraded: boolean;
}

export interface NodeStatus {
  name: string;
  self: boolean;
  role: NodeRole;
  /** For the peer: heard on at least one link within dead_after_ms. */
  alive: boolean;
  incarnation?: string;
  publicOk: boolean | null;
  storageOk: boolean | null;
  standby: boolean;
  configGeneration?: number;
  /** This node's hardware watchdog, kept alive by its guardian (heartbeat.watchdog); absent when none is armed. */
  watchdog?: WatchdogState;
}

export interface WatchdogState {
  device: string;
  /** Seconds from the guardian's last write to the reset; null when the device does not say. */
  timeoutS: number | null;
}

export interface LinkStatus {
  name: LinkName;
  configured: boolean;
  up: boolean;
  /** Milliseconds since the last valid heartbeat from the peer on this link; null if never. */
  lastHeardMsAgo: number | null;
  accepted: number;
  dropped: number;
}

export interface StepTiming {
  resource: string;
  op: 'start' | 'stop' | 'monitor';
  ms: number;
  ok: boolean;
}

export interface GroupStatus {
  name: string;
  /** The node running it (phase active), or null. */
  activeNode: string | null;
  phases: Record<string, GroupPhase | 'unknown'>;
  preferred: string[];
  failback: string;
  locked: { code: string; reason: string; by: string; at: string } | null;
  resources: Array<{ name: string; type: string; state: 'running' | 'stopped' | 'failed' | 'unknown'; failures: number }>;
  lastTransition?: { at: string; from: string | null; to: string; reason: string; steps: StepTiming[]; totalMs: number };
}

export interface IntentStatus {
  kind: 'lock' | 'move' | 'pin' | 'standby' | 'maintenance';
  target: string;
  detail?: string;
  by: string;
  at: string;
}

/** An event on the agent's stream (`GET /v1/events`): state changes, each with its code. */
export interface AgentEvent {
  id: number;
  at: string;
  node: string;
  code: string;
  severity: 'info' | 'warning' | 'error';
  message: string;
  group?: string;
  link?: string;
  data?: Record<string, unknown>;
}
