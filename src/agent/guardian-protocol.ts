// Messages between the guardian (`roseha agent`) and its worker, over the fork IPC channel.

/** Worker → guardian, every keepAliveMs: "I am running, and I hold these groups". */
export interface KeepAlive {
  type: 'alive';
  configGeneration: number;
  /** Groups this node holds (starting, active or stopping) with their claim epochs. */
  held: Array<{ group: string; epoch: number }>;
}

/** Worker → guardian while it loads: not hung, but not yet heard by the peer either. */
export interface StartingPing {
  type: 'starting';
}

/** Guardian → worker. `activate` turns a waiting spare into the worker; `reopen-log` follows a log rotation. */
export type GuardianMessage = { type: 'shutdown' } | { type: 'activate'; adopt: AdoptState } | { type: 'reopen-log' };

/** Spare → guardian: loaded, waiting for `activate`. */
export interface SpareReady {
  type: 'spare-ready';
}

/** The armed watchdog (JSON WatchdogState), told to the worker by the guardian that holds it: status shows it. */
export const watchdogEnv = 'ROSEHA_WATCHDOG';

/** Set in a spare worker's environment. */
export const spareEnv = 'ROSEHA_SPARE';

/** Passed to a restarted worker (env ROSEHA_ADOPT) so that it adopts what its predecessor ran. */
export interface AdoptState {
  held: Array<{ group: string; epoch: number }>;
}

/**
 * The guardian's deadline: well inside dead_after_ms, so that a hung worker's groups are released
 * before the peer may take them; but a few keep-alives long so a GC pause does not trip it.
 */
export function guardianTiming(t: { heartbeat_ms: number; dead_after_ms: number }): { keepAliveMs: number; deadlineMs: number; adoptMs: number } {
  const deadlineMs = Math.max(100, Math.round(t.dead_after_ms * 0.5));
  const keepAliveMs = Math.max(10, Math.min(Math.round(t.heartbeat_ms / 2), Math.round(deadlineMs / 4)));
  // A restarted worker needs a Node start-up before its first keep-alive; the release that follows
  // a miss must still end before the peer's dead_after_ms.
  const adoptMs = Math.max(deadlineMs, Math.round(t.dead_after_ms * 0.6));
  return { keepAliveMs, deadlineMs, adoptMs };
}

/** Env var that marks the worker process, and the early keep-alive it sends before anything loads. */
export const workerRoleEnv = 'ROSEHA_AGENT_ROLE';
export const adoptEnv = 'ROSEHA_ADOPT';

/**
 * Sent by a worker from its first line of code, until the worker proper takes over: a restarted
 * worker must tell its guardian it lives (and what it adopts) before a Node start-up completes.
 */
let earlyStop: (() => void) | undefined;
export function startEarlyKeepAlive(env: NodeJS.ProcessEnv = process.env): (() => void) | undefined {
  if (earlyStop) return earlyStop;
  // A spare is not starting anything yet: it pings once it is activated.
  if (env[workerRoleEnv] !== 'worker' || env[spareEnv] === '1' || !process.send) return undefined;
  let held: AdoptState['held'] = [];
  try {
    const parsed = JSON.parse(env[adoptEnv] ?? '{}') as Partial<AdoptState>;
    if (Array.isArray(parsed.held)) held = parsed.held;
  } catch {
    // a malformed adopt list adopts nothing
  }
  void held;
  const send = () => process.connected && process.send!({ type: 'starting' } satisfies StartingPing);
  send();
  const timer = setInterval(send, 20);
  earlyStop = () => clearInterval(timer);
  return earlyStop;
}
