// The guardian: a small loop that starts the worker, restarts it if it dies (the new worker adopts
// the running groups), and if the worker hangs, kills it and releases this node's groups before
// the peer's dead_after_ms can elapse (DESIGN.md "Fault model").
import type { EventEmitter } from 'node:events';
import type { AdoptState, GuardianMessage, KeepAlive, StartingPing } from './guardian-protocol.js';

export interface WorkerHandle extends EventEmitter {
  pid?: number | undefined;
  send?(message: GuardianMessage): boolean;
  connected?: boolean;
}

export interface GuardianDeps {
  spawnWorker(adopt: AdoptState | null): WorkerHandle;
  /**
   * Starts a spare worker: it loads everything, says `spare-ready`, and waits for `activate`. A
   * crashed worker is then replaced in milliseconds instead of a Node start-up, so the peer keeps
   * hearing this node and the running groups are adopted. Optional: without it, a fresh worker is forked.
   */
  spawnSpare?(): WorkerHandle;
  killWorker(pid: number): void;
  /** Stops the given groups' resources (reverse order, hard). Must not throw. */
  release(held: KeepAlive['held']): Promise<void>;
  /** Monotonic milliseconds. */
  now(): number;
  log(level: 'info' | 'warn' | 'error', code: string, msg: string, extra?: Record<string, unknown>): void;
  keepAliveMs: number;
  deadlineMs: number;
  /**
   * How long a worker restarted to adopt running groups may take to send its first keep-alive: the
   * peer stops hearing us during the restart, so this must end well before its dead_after_ms.
   */
  adoptMs?: number;
  /** After releasing a hung worker's groups, how long to wait before a fresh worker starts. */
  sitOutMs?: number;
  /** How long a worker that holds no group may take to send its first keep-alive. */
  startupMs?: number;
  /** Crash loop guard: at most this many restarts per minute, then wait. */
  maxRestartsPerMinute?: number;
  /**
   * The hardware watchdog (heartbeat.watchdog), armed: kept alive on every tick of this loop, so a
   * node whose guardian stops running (frozen whole, hung kernel, killed guardian) is reset by the
   * hardware. Not kept alive while a release has run past deadlineMs: a node that cannot stop its
   * groups before the peer takes them over is reset, as Pacemaker fences a node whose stop failed.
   * Disarmed when a stop has handed everything over.
   */
  watchdog?: { pet(): void; disarm(): void };
}

export class Guardian {
  private worker: WorkerHandle | null = null;
  private lastAlive = 0;
  private lastTick = 0;
  private held: KeepAlive['held'] = [];
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  private releasing = false;
  private restarts: number[] = [];
  /** The current worker has not sent its first keep-alive yet. */
  private starting = false;
  private launchedAt = 0;
  private exited: Promise<void> = Promise.resolve();
  private spare: WorkerHandle | null = null;
  private spareReady = false;
  /** When the release under way began (monotonic ms). */
  private releaseStartedAt: number | undefined;
  private watchdogStarved = false;
  private petFailed = false;

  constructor(private readonly deps: GuardianDeps) {}

  start(): void {
    this.launch(null);
    this.lastTick = this.deps.now();
    this.timer = setInterval(() => this.tick(), Math.max(5, Math.floor(this.deps.keepAliveMs / 2)));
  }

  /** Clean stop: the worker hands its groups over and exits; a worker that does not is killed and its groups released. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.dropSpare();
    const w = this.worker;
    if (w && w.pid !== undefined) {
      if (w.connected && w.send) w.send({ type: 'shutdown' });
      // The loop keeps ticking meanwhile (it only keeps the watchdog alive now): a stop takes up to the longest stop timeout.
      let timer: NodeJS.Timeout | undefined;
      const done = await Promise.race([this.exited.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs)))]);
      // A pending timer would keep the process alive for the whole stop timeout after a clean stop.
      clearTimeout(timer);
      if (!done) {
        this.deps.log('warn', 'RHA-W2001', 'worker did not stop in time: killing it and releasing its groups', { timeoutMs });
        this.deps.killWorker(w.pid);
        await this.release(this.held);
      }
    }
    if (this.timer) clearInterval(this.timer);
    if (this.deps.watchdog) {
      this.deps.watchdog.disarm();
      this.deps.log('info', 'RHA-I2019', 'watchdog disarmed: everything was handed over');
    }
  }

  /** Tells the running worker (if any, and reachable) something that is no order: a log rotation. */
  tellWorker(message: GuardianMessage): void {
    const w = this.worker;
    if (w?.send && w.connected !== false) w.send(message);
  }

  /** deps.release, timed for the watchdog. */
  private async release(held: KeepAlive['held']): Promise<void> {
    this.releaseStartedAt = this.deps.now();
    try {
      await this.deps.release(held);
    } finally {
      this.releaseStartedAt = undefined;
      this.watchdogStarved = false;
    }
  }

  private petWatchdog(now: number): void {
    const watchdog = this.deps.watchdog;
    if (!watchdog) return;
    if (this.releaseStartedAt !== undefined && now - this.releaseStartedAt > this.deps.deadlineMs) {
      if (!this.watchdogStarved) {
        this.deps.log('error', 'RHA-E2018', 'the groups are not released before the peer takes them over: the watchdog is no longer kept alive and will reset this node', {
          releasingMs: Math.round(now - this.releaseStartedAt),
        });
      }
      this.watchdogStarved = true;
      return;
    }
    try {
      watchdog.pet();
      this.petFailed = false;
    } catch (err) {
      if (!this.petFailed) this.deps.log('warn', 'RHA-W2017', `the watchdog cannot be kept alive: ${(err as Error).message}`);
      this.petFailed = true;
    }
  }

  private launch(adopt: AdoptState | null): void {
    const spare = this.spareReady ? this.spare : null;
    let w: WorkerHandle;
    if (spare?.send && spare.connected !== false) {
      this.spare = null;
      this.spareReady = false;
      spare.removeAllListeners('message');
      spare.removeAllListeners('exit');
      spare.send({ type: 'activate', adopt: adopt ?? { held: [] } });
      w = spare;
    } else {
      w = this.deps.spawnWorker(adopt);
    }
    this.worker = w;
    this.lastAlive = this.deps.now();
    this.launchedAt = this.lastAlive;
    this.starting = true;
    this.exited = new Promise<void>((resolve) => {
      w.once('exit', (code: number | null, signal: string | null) => {
        resolve();
        if (this.worker === w) this.onExit(code, signal);
      });
    });
    w.on('message', (m: KeepAlive | StartingPing) => {
      if (this.worker !== w) return;
      if (m?.type === 'starting') {
        this.lastAlive = this.deps.now();
        return;
      }
      if (m?.type !== 'alive') return;
      this.lastAlive = this.deps.now();
      if (this.starting) this.ensureSpare();
      this.starting = false;
      this.held = m.held;
    });
  }

  /** Forks a spare once the active worker runs (not before: the two would compete for the CPU). */
  private ensureSpare(): void {
    if (!this.deps.spawnSpare || this.spare || this.stopping) return;
    const s = this.deps.spawnSpare();
    this.spare = s;
    s.on('message', (m: { type?: string }) => {
      if (this.spare === s && m?.type === 'spare-ready') this.spareReady = true;
    });
    s.once('exit', () => {
      if (this.spare !== s) return;
      this.spare = null;
      this.spareReady = false;
    });
  }

  private dropSpare(): void {
    const s = this.spare;
    this.spare = null;
    this.spareReady = false;
    if (s?.pid !== undefined) this.deps.killWorker(s.pid);
  }

  private onExit(code: number | null, signal: string | null): void {
    this.worker = null;
    if (this.stopping || this.releasing) return;
    const now = this.deps.now();
    this.restarts = this.restarts.filter((t) => now - t < 60_000);
    this.restarts.push(now);
    const limit = this.deps.maxRestartsPerMinute ?? 10;
    if (this.restarts.length > limit) {
      this.deps.log('error', 'RHA-E2002', 'worker keeps crashing: releasing this node\'s groups and waiting before the next start', { restarts: this.restarts.length });
      void this.releaseThenLaunch(10_000);
      return;
    }
    this.deps.log('warn', 'RHA-W2003', 'worker exited: restarting it, it adopts the running groups', { exitCode: code, signal, held: this.held });
    this.launch({ held: this.held });
  }

  private tick(): void {
    const now = this.deps.now();
    const gap = now - this.lastTick;
    this.lastTick = now;
    this.petWatchdog(now);
    if (this.stopping || this.releasing || !this.worker) return;
    if (gap > this.deps.deadlineMs) {
      // The guardian itself was frozen: the worker's silence says nothing yet. If the whole node
      // was frozen the worker detects its own pause and releases; give it one deadline.
      this.lastAlive = now;
      return;
    }
    // A restarted worker adopting running groups must be heard by the peer again before the peer's
    // dead_after_ms: its first real keep-alive (sent once its links run) must come within adoptMs of
    // the launch, or the groups are released. A worker that holds nothing may take its time.
    if (this.starting) {
      const adopting = this.held.length > 0;
      const late = adopting ? now - this.launchedAt > (this.deps.adoptMs ?? this.deps.deadlineMs) : now - this.lastAlive > (this.deps.startupMs ?? 30_000);
      if (!late) return;
    } else if (now - this.lastAlive <= this.deps.deadlineMs) return;
    this.deps.log('error', 'RHA-E2004', this.starting ? 'worker too slow to start: killing it and releasing this node\'s groups before the peer takes over' : 'worker hung: killing it and releasing this node\'s groups before the peer takes over', {
        silentMs: Math.round(now - this.lastAlive),
      held: this.held,
    });
    // Forget the worker before killing it, so that its exit is not taken for a crash to adopt from.
    const pid = this.worker.pid;
    this.worker = null;
    this.releasing = true;
    if (pid !== undefined) this.deps.killWorker(pid);
    // Sit out one detection period before a fresh worker starts: the peer sees this node silent and
    // takes the groups over, rather than a node that just hung winning them back at once.
    void this.releaseThenLaunch(this.deps.sitOutMs ?? 2 * this.deps.deadlineMs);
  }

  private async releaseThenLaunch(waitMs: number): Promise<void> {
    this.releasing = true;
    const held = this.held;
    this.worker = null;
    const started = this.deps.now();
    await this.release(held);
    this.held = [];
    this.deps.log('info', 'RHA-I2005', 'groups released', { groups: held.map((h) => h.group), ms: Math.round(this.deps.now() - started) });
    if (waitMs) await new Promise((r) => setTimeout(r, waitMs));
    this.releasing = false;
    if (!this.stopping) this.launch(null);
  }
}
