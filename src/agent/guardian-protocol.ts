// Messages between the guardian (`roseha agent`) and its worker, over the fork IPC channel.

/** Worker → guardian, every keepAliveMs: "I am running, and I hold these groups". */
export interface KeepAlive {
  type: 'alive';
  configGeneration: number;
  /** Groups this node holds (starting, active or stopping) with their claim epochs. */
  held: Array<{ group: string; epoch: number }>;
}

/** Guardian → worker. */
export type GuardianMessage = { type: 'shutdown' };

/** Passed to a restarted worker (env ROSEHA_ADOPT) so that it adopts what its predecessor ran. */
export interface AdoptState {
  held: Array<{ group: string; epoch: number }>;
}

/**
 * The guardian's deadline: well inside dead_after_ms, so that a hung worker's groups are released
 * before the peer may take them; but a few keep-alives long so a GC pause does not trip it.
 */
export function guardianTiming(t: { heartbeat_ms: number; dead_after_ms: number }): { keepAliveMs: number; deadlineMs: number } {
  const deadlineMs = Math.max(60, Math.round(t.dead_after_ms * 0.4));
  const keepAliveMs = Math.max(10, Math.min(Math.round(t.heartbeat_ms / 2), Math.round(deadlineMs / 4)));
  return { keepAliveMs, deadlineMs };
}
