// The group executor: starts a group's resources in order and stops them in reverse, each
// operation bounded by its timeout; a failed start rolls back what had started; per-step timings
// come back so that failover reports show the slow step. It also watches running groups: one
// monitor loop per resource (first run jittered, runs never overlap), local restarts up to
// max_restarts within restart_period_s, then a "group failed" event so that the agent fails over.
import { RosehaError, isRosehaError } from '../errors.js';
import type { GroupConfig, ResourceConfig, ResourceType } from '../config/schema.js';
import { groupOn } from '../config/per-node.js';
import type { Runner } from '../platform/types.js';
import type { DriverContext, DriverTable, MonitorResult, MonitorStatus, ResourceDriver, TargetPlatform } from './types.js';

export type Op = 'start' | 'stop' | 'monitor';

export interface StepTiming {
  resource: string;
  type: ResourceType;
  op: Op;
  ms: number;
  ok: boolean;
  /** Part of rolling back a failed start. */
  rollback?: boolean;
  code?: string;
  error?: string;
}

export interface GroupReport {
  group: string;
  op: 'start' | 'stop';
  ok: boolean;
  ms: number;
  steps: StepTiming[];
}

export interface AdoptReport {
  group: string;
  /** Every resource's monitor says running: the group can be adopted as is. */
  running: boolean;
  /** Every resource's monitor says stopped. */
  stopped: boolean;
  resources: Array<{ resource: string; type: ResourceType; status: MonitorStatus; output?: string; ms: number }>;
}

export interface FailureCount {
  group: string;
  resource: string;
  /** Monitor failures within the group's restart_period_s (what max_restarts is compared with). */
  count: number;
  lastAt?: number;
  lastOutput?: string;
}

/** Each event carries the catalogued code the agent logs it with (RHA-W3110, RHA-I3112, RHA-E3111, or the driver's warning). */
export type ExecutorEvent =
  | { type: 'resource-failed'; code: 'RHA-W3110'; group: string; resource: string; output?: string; failures: number; willRestart: boolean; at: number }
  | { type: 'resource-restarted'; code: 'RHA-I3112' | 'RHA-E3113'; group: string; resource: string; ok: boolean; steps: StepTiming[]; at: number }
  | { type: 'group-failed'; code: 'RHA-E3111'; group: string; resource: string; reason: string; failures: number; at: number }
  | { type: 'warning'; code: string; message: string; group: string; resource: string; at: number };

/** Time, injected so that restart windows and monitor intervals can be tested with a fake clock. */
export interface ExecutorClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

// Reads the globals at call time so that vitest's fake timers apply.
export const systemClock: ExecutorClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface ExecutorOptions {
  drivers: DriverTable;
  runner: Runner;
  platform: TargetPlatform;
  stateDir: string;
  node?: DriverContext['node'];
  gateway?: string;
  clock?: ExecutorClock;
  /** In [0, 1): spreads the first monitor runs. */
  random?: () => number;
  onEvent?: (event: ExecutorEvent) => void;
  /** Past its own timeout, how long a driver may take to notice before the executor stops waiting. Default 2 s. */
  overrunMs?: number;
}

export interface GroupExecutor {
  /** Starts in order; on failure stops what had started (in reverse) and throws RHA-E3100 (or E3102). */
  start(group: string, config: GroupConfig): Promise<GroupReport>;
  /**
   * Ends the group's monitors, then stops in reverse, going on past failures (releasing as much as
   * possible); throws RHA-E3101 if any failed. `hard`: processes get SIGKILL at once (ctx.signal aborted).
   */
  stop(group: string, config: GroupConfig, opts?: { hard?: boolean }): Promise<GroupReport>;
  /** Probes every resource (for a restarted worker): is the group fully running here? */
  adopt(group: string, config: GroupConfig): Promise<AdoptReport>;
  /** Starts the monitor loops of a running group (replacing any for the same group). */
  watch(group: string, config: GroupConfig): void;
  unwatch(group?: string): void;
  watching(): string[];
  failures(group?: string): FailureCount[];
  /** `roseha cleanup [GROUP]`: forgets monitor failures. */
  clearFailures(group?: string): void;
  /** Keeps the cold-start commands of exactly these groups armed (those this node may have to take over). */
  keepArmed(groups: ReadonlyArray<readonly [name: string, config: GroupConfig]>): void;
}

type AnyDriver = ResourceDriver<ResourceConfig>;

const timeoutOf = (r: ResourceConfig, op: Op) =>
  op === 'start' ? r.start_timeout_ms : op === 'stop' ? r.stop_timeout_ms : r.monitor_timeout_ms;

export function createExecutor(opts: ExecutorOptions): GroupExecutor {
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? Math.random;
  const overrun = opts.overrunMs ?? 2000;
  const emit = (e: ExecutorEvent) => opts.onEvent?.(e);

  const driverFor = (r: ResourceConfig): AnyDriver => {
    const d = (opts.drivers as unknown as Record<string, AnyDriver | undefined>)[r.type];
    if (!d) throw new RosehaError('RHA-E3104', `no ${opts.platform} driver for resource type ${r.type}`);
    return d;
  };

  const contextFor = (group: string, r: ResourceConfig, op: Op, signal?: AbortSignal): DriverContext => ({
    runner: opts.runner,
    platform: opts.platform,
    timeoutMs: timeoutOf(r, op),
    stateDir: opts.stateDir,
    ...(opts.node ? { node: opts.node } : {}),
    ...(opts.gateway ? { gateway: opts.gateway } : {}),
    ...(signal ? { signal } : {}),
    warn: (code, message) => emit({ type: 'warning', code, message, group, resource: r.name, at: clock.now() }),
  });

  /** The driver call, bounded: a driver that overruns its timeout is abandoned with RHA-E3103. */
  function bounded<T>(r: ResourceConfig, op: Op, call: () => Promise<T>): { result: Promise<T>; settled: Promise<unknown> } {
    const inner = call();
    const limit = timeoutOf(r, op) + overrun;
    let handle: unknown;
    const timer = new Promise<never>((_, reject) => {
      handle = clock.setTimeout(
        () => reject(new RosehaError('RHA-E3103', `${r.name}: ${op} did not finish within ${timeoutOf(r, op)} ms`, { details: { resource: r.name, op } })),
        limit,
      );
    });
    const result = Promise.race([inner, timer]).finally(() => clock.clearTimeout(handle));
    return { result, settled: inner.catch(() => undefined) };
  }

  async function step(group: string, r: ResourceConfig, op: 'start' | 'stop', steps: StepTiming[], extra: { rollback?: boolean; signal?: AbortSignal } = {}): Promise<unknown> {
    const t0 = clock.now();
    const driver = driverFor(r);
    const ctx = contextFor(group, r, op, extra.signal);
    try {
      await bounded(r, op, () => (op === 'start' ? driver.start(r, ctx) : driver.stop(r, ctx))).result;
      steps.push({ resource: r.name, type: r.type, op, ms: clock.now() - t0, ok: true, ...(extra.rollback ? { rollback: true } : {}) });
      return undefined;
    } catch (e) {
      steps.push({
        resource: r.name,
        type: r.type,
        op,
        ms: clock.now() - t0,
        ok: false,
        ...(extra.rollback ? { rollback: true } : {}),
        code: isRosehaError(e) ? e.code : 'RHA-E3105',
        error: e instanceof Error ? e.message : String(e),
      });
      return e ?? new Error('unknown failure');
    }
  }

  /** Stops resources in reverse order, going on past failures; returns the failures. */
  async function stopAll(group: string, resources: readonly ResourceConfig[], steps: StepTiming[], extra: { rollback?: boolean; signal?: AbortSignal } = {}) {
    const failed: Array<{ resource: string; error: unknown }> = [];
    for (const r of [...resources].reverse()) {
      const err = await step(group, r, 'stop', steps, extra);
      if (err) failed.push({ resource: r.name, error: err });
    }
    return failed;
  }

  /**
   * A hard stop (self-fencing, a woken pause, a conflict) races the peer: everything but the volumes
   * goes at once — the virtual IP comes down while processes are killed — and then the volumes, which
   * must wait for the processes that had files open on them.
   */
  async function stopAllHard(group: string, resources: readonly ResourceConfig[], steps: StepTiming[], signal: AbortSignal) {
    const failed: Array<{ resource: string; error: unknown }> = [];
    const wave = async (rs: readonly ResourceConfig[]) => {
      const errors = await Promise.all(rs.map((r) => step(group, r, 'stop', steps, { signal })));
      errors.forEach((err, i) => err && failed.push({ resource: rs[i]!.name, error: err }));
    };
    const reversed = [...resources].reverse();
    const volumes = reversed.filter((r) => r.type === 'volume');
    // Volumes try at once too (killed processes let go within milliseconds); one that is still busy
    // is tried again once the rest is down.
    const firstTry = Promise.all(volumes.map(async (v) => ({ v, err: await step(group, v, 'stop', steps, { signal }) })));
    await wave(reversed.filter((r) => r.type !== 'volume'));
    for (const { v, err } of await firstTry) if (err) await wave([v]);
    return failed;
  }

  async function startRange(group: string, resources: readonly ResourceConfig[]): Promise<{ steps: StepTiming[]; failure?: RosehaError }> {
    const steps: StepTiming[] = [];
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i] as ResourceConfig;
      const err = await step(group, r, 'start', steps);
      if (!err) continue;
      // Stop the failed one too (it may be half-started; stop is idempotent), then the rest in reverse.
      const rollbackFailed = await stopAll(group, resources.slice(0, i + 1), steps, { rollback: true });
      const why = err instanceof Error ? err.message : String(err);
      const rolledBack = resources.slice(0, i).map((x) => x.name);
      const code = rollbackFailed.length ? 'RHA-E3102' : 'RHA-E3100';
      const tail = rollbackFailed.length
        ? `; rollback incomplete: ${rollbackFailed.map((f) => `${f.resource} (${f.error instanceof Error ? f.error.message : String(f.error)})`).join(', ')}`
        : rolledBack.length
          ? `; rolled back ${rolledBack.join(', ')}`
          : '';
      const failure = new RosehaError(code, `group ${group}: ${r.name} failed to start: ${why}${tail}`, {
        cause: err,
        details: { group, resource: r.name, causeCode: isRosehaError(err) ? err.code : undefined, steps, rollbackFailed: rollbackFailed.map((f) => f.resource) },
      });
      return { steps, failure };
    }
    return { steps };
  }

  async function start(group: string, config: GroupConfig): Promise<GroupReport> {
    const t0 = clock.now();
    const { steps, failure } = await startRange(group, config.resource);
    if (failure) throw failure;
    return { group, op: 'start', ok: true, ms: clock.now() - t0, steps };
  }

  async function stop(group: string, config: GroupConfig, stopOpts: { hard?: boolean } = {}): Promise<GroupReport> {
    // A group being stopped is no longer watched: its monitors would see it stop and "restart" it.
    endWatch(group);
    const t0 = clock.now();
    const steps: StepTiming[] = [];
    let signal: AbortSignal | undefined;
    if (stopOpts.hard) {
      const ac = new AbortController();
      ac.abort();
      signal = ac.signal;
    }
    const failed = signal ? await stopAllHard(group, config.resource, steps, signal) : await stopAll(group, config.resource, steps);
    const report: GroupReport = { group, op: 'stop', ok: failed.length === 0, ms: clock.now() - t0, steps };
    if (failed.length) {
      const list = failed.map((f) => `${f.resource}: ${f.error instanceof Error ? f.error.message : String(f.error)}`).join('; ');
      throw new RosehaError('RHA-E3101', `group ${group}: could not stop ${failed.map((f) => f.resource).join(', ')}: ${list}`, {
        cause: failed[0]?.error,
        details: { group, resources: failed.map((f) => f.resource), report, steps },
      });
    }
    return report;
  }

  async function probe(group: string, r: ResourceConfig): Promise<{ result: MonitorResult; ms: number; settled: Promise<unknown> }> {
    const t0 = clock.now();
    const driver = driverFor(r);
    const call = bounded(r, 'monitor', () => driver.monitor(r, contextFor(group, r, 'monitor')));
    try {
      return { result: await call.result, ms: clock.now() - t0, settled: call.settled };
    } catch (e) {
      return { result: { status: 'failed', output: e instanceof Error ? e.message : String(e) }, ms: clock.now() - t0, settled: call.settled };
    }
  }

  async function adopt(group: string, config: GroupConfig): Promise<AdoptReport> {
    const resources: AdoptReport['resources'] = [];
    for (const r of config.resource) {
      const { result, ms } = await probe(group, r);
      resources.push({ resource: r.name, type: r.type, status: result.status, ...(result.output ? { output: result.output } : {}), ms });
    }
    return {
      group,
      running: resources.every((x) => x.status === 'running'),
      stopped: resources.every((x) => x.status === 'stopped'),
      resources,
    };
  }

  // ---- monitoring ----

  interface Watch {
    config: GroupConfig;
    timers: Map<string, unknown>;
    /** A local restart is under way: monitors wait (the restart stops and starts resources). */
    busy: boolean;
    ended: boolean;
  }
  const watches = new Map<string, Watch>();
  /** group -> resource -> failure times (clock ms) and the last output. */
  const failureLog = new Map<string, { periodMs: number; resources: Map<string, { times: number[]; lastOutput?: string }> }>();

  function recordFailure(group: string, config: GroupConfig, resource: string, output: string | undefined): number {
    const now = clock.now();
    const periodMs = config.restart_period_s * 1000;
    const log = failureLog.get(group) ?? { periodMs, resources: new Map() };
    log.periodMs = periodMs;
    failureLog.set(group, log);
    const byResource = log.resources;
    const entry = byResource.get(resource) ?? { times: [] };
    entry.times = entry.times.filter((t: number) => now - t < periodMs);
    entry.times.push(now);
    if (output !== undefined) entry.lastOutput = output;
    byResource.set(resource, entry);
    return entry.times.length;
  }

  function schedule(group: string, w: Watch, r: ResourceConfig, delay: number) {
    if (w.ended) return;
    w.timers.set(r.name, clock.setTimeout(() => void tick(group, w, r), delay));
  }

  async function tick(group: string, w: Watch, r: ResourceConfig) {
    if (w.ended) return;
    if (w.busy) return schedule(group, w, r, r.monitor_interval_ms);
    try {
      const { result, settled } = await probe(group, r);
      if (w.ended) return;
      if (result.status !== 'running' && !w.busy) await onFailure(group, w, r, result);
      // Never overlap: the next run waits for this one's driver call to finish, even past its timeout.
      await settled;
    } catch (e) {
      // Not expected (probe and restarts catch their own errors), but a monitor loop must not die silently.
      emit({ type: 'warning', code: 'RHA-E3105', message: `monitor of ${r.name}: ${e instanceof Error ? e.message : String(e)}`, group, resource: r.name, at: clock.now() });
    }
    schedule(group, w, r, r.monitor_interval_ms);
  }

  async function onFailure(group: string, w: Watch, r: ResourceConfig, result: MonitorResult) {
    const output = result.output ?? result.status;
    const count = recordFailure(group, w.config, r.name, output);
    const willRestart = count <= w.config.max_restarts;
    emit({ type: 'resource-failed', code: 'RHA-W3110', group, resource: r.name, output, failures: count, willRestart, at: clock.now() });
    if (!willRestart) return groupFailed(group, w, r.name, `${r.name}: ${output} (${count} failures within ${w.config.restart_period_s} s, max_restarts ${w.config.max_restarts})`, count);
    // Restart it and everything after it in the group (they may depend on it), like a group restart in Pacemaker.
    const i = w.config.resource.findIndex((x) => x.name === r.name);
    const tail = w.config.resource.slice(i);
    w.busy = true;
    const steps: StepTiming[] = [];
    try {
      const stopFailed = await stopAll(group, tail, steps);
      const started = stopFailed.length ? { steps: [], failure: new RosehaError('RHA-E3101', `could not stop ${stopFailed.map((f) => f.resource).join(', ')}`) } : await startRange(group, tail);
      steps.push(...started.steps);
      if (w.ended) return;
      emit({ type: 'resource-restarted', code: started.failure ? 'RHA-E3113' : 'RHA-I3112', group, resource: r.name, ok: !started.failure, steps, at: clock.now() });
      if (started.failure) groupFailed(group, w, r.name, `${r.name}: restart failed: ${started.failure.message}`, count);
    } finally {
      w.busy = false;
    }
  }

  function groupFailed(group: string, w: Watch, resource: string, reason: string, failures: number) {
    // A watch that was ended or replaced meanwhile (stop, a new watch) reports nothing.
    if (w.ended || watches.get(group) !== w) return;
    // The agent takes it from here (fail over): this node stops watching the group.
    endWatch(group);
    emit({ type: 'group-failed', code: 'RHA-E3111', group, resource, reason, failures, at: clock.now() });
  }

  function endWatch(group: string) {
    const w = watches.get(group);
    if (!w) return;
    w.ended = true;
    for (const h of w.timers.values()) clock.clearTimeout(h);
    w.timers.clear();
    watches.delete(group);
  }

  function watch(group: string, config: GroupConfig) {
    endWatch(group);
    const w: Watch = { config, timers: new Map(), busy: false, ended: false };
    watches.set(group, w);
    for (const r of config.resource) schedule(group, w, r, Math.floor(random() * r.monitor_interval_ms));
  }

  function failures(group?: string): FailureCount[] {
    const now = clock.now();
    const out: FailureCount[] = [];
    for (const [g, log] of failureLog) {
      if (group !== undefined && g !== group) continue;
      for (const [resource, entry] of log.resources) {
        const recent = entry.times.filter((t) => now - t < log.periodMs);
        out.push({ group: g, resource, count: recent.length, ...(entry.times.length ? { lastAt: entry.times[entry.times.length - 1] as number } : {}), ...(entry.lastOutput ? { lastOutput: entry.lastOutput } : {}) });
      }
    }
    return out;
  }

  // Every resource as this node runs it: its `on.NODE` values over the shared ones.
  const here = (g: GroupConfig) => groupOn(g, opts.node?.name);
  return {
    start: (group, config) => start(group, here(config)),
    stop: (group, config, stopOpts) => stop(group, here(config), stopOpts),
    adopt: (group, config) => adopt(group, here(config)),
    watch: (group, config) => watch(group, here(config)),
    unwatch: (group) => (group === undefined ? [...watches.keys()].forEach(endWatch) : endWatch(group)),
    watching: () => [...watches.keys()],
    failures,
    clearFailures: (group) => (group === undefined ? failureLog.clear() : void failureLog.delete(group)),
    keepArmed(groups) {
      if (!opts.runner.keepArmed) return;
      const cold = groups.flatMap(([name, g]) => here(g).resource.map((r) => driverFor(r).coldStart?.(r, contextFor(name, r, 'start')) ?? {}));
      opts.runner.keepArmed({ run: cold.flatMap((c) => c.run ?? []), detached: cold.flatMap((c) => c.detached ?? []) });
    },
  };
}
