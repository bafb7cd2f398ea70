// The worker: feeds what the links, the gateway probe and the executor observe into the pure core,
// carries out the plan it returns, publishes its summary on every link, and serves the API.
// Decisions are made only by decide(); this file only gathers facts and acts.
import { performance } from 'node:perf_hooks';
import { configHash } from '../config/hash.js';
import { configuredLinks, groupSpecs } from '../core/from-config.js';
import type { EffectiveConfig } from '../config/load.js';
import type { GroupConfig } from '../config/schema.js';
import { decide, initialMemory, type CoreMemory, type DecisionInput, type GroupSpec, type Plan, type PeerSummaryView, type Action } from '../core/decide.js';
import { initialDetector, linkViews, step as detectorStep, type DetectorState, type DetectorEffect } from '../core/detector.js';
import { diskHeardAt, networkBeatHeard, noNetworkBeats, type NetworkBeats } from '../core/disk-credit.js';
import type { ClusterIntents } from '../core/intents.js';
import type { GroupClaim, LinkName, NodeSummary } from '../core/types.js';
import type { AgentEvent, StatusReport, StepTiming as StatusStep, WatchdogState } from '../core/status.js';
import type { GroupExecutor, GroupReport, ExecutorEvent } from '../actions/executor.js';
import type { HeartbeatEvent, LinksCounters } from './links/index.js';
import type { AdoptState, KeepAlive } from './guardian-protocol.js';
import { EventLog, type EventInput } from './events.js';
import { IntentsStore } from './intents-store.js';
import { FailoverHistory } from './failover-history.js';
import { buildStatus } from './status-report.js';
import { isRosehaError } from '../errors.js';

/** What the worker needs of the links (the real Links, or a fake in tests). */
export interface LinksPort {
  readonly peer: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  send(summary: NodeSummary): void;
  /** Reads the peer's disk slot between heartbeats. */
  pollDisk?(): void;
  counters(): LinksCounters;
  storageOk(): boolean | null;
  checkGateway(timeoutMs?: number): Promise<{ ok: boolean; output: string }>;
  /** True when a gateway check costs no process (it can run every beat). */
  gatewayCheckIsCheap?(): boolean;
  on(event: 'heartbeat', listener: (e: HeartbeatEvent) => void): unknown;
  on(event: 'storage', listener: (ok: boolean) => void): unknown;
}

export interface WorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface WorkerOptions {
  config: EffectiveConfig;
  self: string;
  incarnation: string;
  links: LinksPort;
  executor: GroupExecutor;
  log: WorkerLogger;
  adopt: AdoptState | null;
  /** Keep-alives to the guardian (absent when run without one, e.g. in tests). */
  keepAlive?: (m: KeepAlive) => void;
  keepAliveMs?: number;
  /** Monotonic ms. */
  now?: () => number;
  wallClock?: () => Date;
  /** How many decision inputs to keep for `roseha simulate --input`. */
  decisionRing?: number;
  /** The watchdog this node's guardian keeps alive, for the status. */
  watchdog?: WatchdogState;
}

interface Transition {
  at: string;
  from: string | null;
  to: string;
  reason: string;
  steps: StatusStep[];
  totalMs: number;
}

export class Worker {
  readonly events: EventLog;
  readonly intents: IntentsStore;
  private readonly now: () => number;
  private readonly wall: () => Date;
  private readonly bootedAt: number;
  private detector: DetectorState;
  private memory: CoreMemory;
  private readonly failoverHistory: FailoverHistory;
  private local: DecisionInput['local'] = {};
  private busy = new Set<string>();
  private peerView: PeerSummaryView | null = null;
  private networkBeats: NetworkBeats = noNetworkBeats;
  private seq = 0;
  /** seq -> monotonic ms sent, to learn how recently the peer heard us (its lease on us). */
  private sentAt = new Map<number, number>();
  private publicOk = true;
  /** The disk link has once reported working: from then on its every failure is news. */
  private diskWorkedOnce = false;
  /** When the links (the disk heartbeat's first I/O among them) started: null before. */
  private linksStartedAt: number | null = null;
  private gatewayInFlight = false;
  private lastGatewayAt = -Infinity;
  private lastPlan: Plan | null = null;
  private transitions = new Map<string, Transition>();
  private ring: unknown[] = [];
  private timers: NodeJS.Timeout[] = [];
  private diskReadPending: NodeJS.Timeout | undefined;
  private expiryCheck: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly configHash: string;
  private readonly groupSpecs: GroupSpec[];

  constructor(private readonly opts: WorkerOptions) {
    this.now = opts.now ?? (() => performance.now());
    this.wall = opts.wallClock ?? (() => new Date());
    this.bootedAt = this.now();
    const c = opts.config;
    this.configHash = configHash(c);
    this.events = new EventLog(opts.self);
    this.intents = new IntentsStore(c.paths.state_dir, opts.self, (next, prev) => this.onIntentsChanged(next, prev));
    this.failoverHistory = new FailoverHistory(c.paths.state_dir, { now: this.now, wall: this.wall });
    this.memory = { ...initialMemory, failovers: this.failoverHistory.load() };
    this.detector = initialDetector(c.timing.dead_after_ms, configuredLinks(c), this.bootedAt);
    this.groupSpecs = groupSpecs(c);
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  async start(): Promise<void> {
    const { links } = this.opts;
    links.on('heartbeat', (e) => this.onHeartbeat(e));
    links.on('storage', (ok) => {
      if (ok) this.diskWorkedOnce = true;
      this.emit({ code: ok ? 'RHA-I2030' : 'RHA-E2031', severity: ok ? 'info' : 'error', message: ok ? 'storage path works' : 'storage path broken: the disk heartbeat cannot be read or written' });
    });
    // Claim what we adopt before the first heartbeat goes out, so that the peer never sees this node
    // holding nothing while its predecessor's resources still run; reconcile once the links are up.
    for (const { group, epoch } of this.opts.adopt?.held ?? []) {
      if (this.opts.config.group[group]) this.local[group] = { phase: 'active', epoch, failed: false };
    }
    for (const group of Object.keys(this.opts.config.group)) this.busy.add(group);
    await links.start();
    this.linksStartedAt = this.now();
    this.emit({ code: 'RHA-I2032', severity: 'info', message: `agent started (incarnation ${this.opts.incarnation})`, data: { adopted: this.opts.adopt?.held ?? [] } });
    const hb = this.opts.config.timing.heartbeat_ms;
    this.timers.push(setInterval(() => this.tick(), hb));
    // Silence is checked more often than we send, so that a dead peer is seen within a few ms of
    // dead_after_ms rather than up to a heartbeat later.
    this.timers.push(setInterval(() => this.checkSilence(), Math.max(10, Math.round(hb / 4))));
    const ka = this.opts.keepAliveMs;
    if (this.opts.keepAlive && ka) this.timers.push(setInterval(() => this.sendKeepAlive(), ka));
    this.tick();
    await this.reconcileAtBoot();
    this.tick();
  }

  /** Clean stop: hand every held group over (stop here, the peer sees it and starts it), then leave. */
  async stop(opts: { handOver: boolean } = { handOver: true }): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    clearTimeout(this.diskReadPending);
    clearTimeout(this.expiryCheck);
    if (opts.handOver) {
      for (const [group, st] of Object.entries(this.local)) {
        if (st && st.phase !== 'stopped') await this.stopGroup(group, 'shutdown');
      }
      // Let the peer hear that we stopped before the sockets close.
      this.publish();
    }
    this.sendKeepAlive();
    await this.opts.links.stop();
  }

  // ---- facts in --------------------------------------------------------------------------------

  private onHeartbeat(e: HeartbeatEvent): void {
    const beat = { incarnation: e.summary.incarnation, seq: e.summary.seq };
    if (e.link !== 'disk') this.networkBeats = networkBeatHeard(this.networkBeats, beat, e.receivedAt);
    const at = e.link === 'disk' ? diskHeardAt(this.networkBeats, beat, e.receivedAt) : e.receivedAt;
    this.applyDetector({ type: 'heartbeat-received', link: e.link, at });
    this.checkWhenSilenceExpires();
    const prev = this.peerView;
    const s = e.summary;
    const newer = !prev || prev.summary.incarnation !== s.incarnation || s.seq > prev.summary.seq;
    if (!newer) return;
    this.peerView = { summary: s, link: e.link, receivedAt: e.receivedAt };
    if (e.link !== 'disk') this.readDiskAfterPeerBeat();
    const intents = (s as NodeSummary & { intents?: ClusterIntents }).intents;
    if (intents) this.intents.merge(intents);
    // A change in what the peer holds or asks for is decided on at once, not at the next tick.
    if (!prev || claimsDiffer(prev.summary, s)) this.decideAndAct();
  }

  /**
   * A check at the very moment the last link heard would pass dead_after_ms: the peer is then
   * declared dead on time, not at the next quarter-beat check (up to hb/4 later, hb/8 on average).
   */
  private checkWhenSilenceExpires(): void {
    const silentSince = Math.max(...Object.values(this.detector.links).map((l) => (l.state === 'unconfigured' ? -Infinity : l.silentSince)));
    if (!Number.isFinite(silentSince)) return;
    clearTimeout(this.expiryCheck);
    const dueInMs = silentSince + this.opts.config.timing.dead_after_ms - this.now();
    this.expiryCheck = setTimeout(() => this.checkSilence(), Math.max(0, Math.ceil(dueInMs)) + 1);
  }

  /**
   * The peer writes its disk slot right after sending a beat: reading the slot a moment after the beat
   * arrives sees each write within a few ms. Read only on our own beat, the last write before a power
   * loss was seen up to a whole heartbeat late, and the peer declared dead that much later (measured:
   * +50 ms on average with `fast`). What counts as heard is the beat's network arrival
   * (core/disk-credit.ts), not the read, so the read's own delay does not count; hb/20 gives the
   * peer's write time to land, so that the read finds it.
   */
  private readDiskAfterPeerBeat(): void {
    if (!this.opts.links.pollDisk || this.diskReadPending) return;
    this.diskReadPending = setTimeout(() => {
      this.diskReadPending = undefined;
      if (!this.stopped) this.opts.links.pollDisk?.();
    }, Math.max(2, Math.round(this.opts.config.timing.heartbeat_ms / 20)));
  }

  private applyDetector(event: Parameters<typeof detectorStep>[1]): void {
    const { state, effects } = detectorStep(this.detector, event, this.now());
    this.detector = state;
    for (const fx of effects) this.onDetectorEffect(fx);
  }

  private onDetectorEffect(fx: DetectorEffect): void {
    switch (fx.type) {
      case 'link-up':
        this.emit({ code: 'RHA-I2040', severity: 'info', message: `${fx.link} link up`, link: fx.link });
        break;
      case 'link-down':
        this.emit({ code: 'RHA-W2041', severity: 'warning', message: `${fx.link} link down: no valid heartbeat for ${Math.round(fx.silentForMs)} ms`, link: fx.link });
        break;
      case 'peer-alive':
        this.emit({ code: 'RHA-I2042', severity: 'info', message: `${this.opts.links.peer} is alive` });
        break;
      case 'peer-dead':
        this.emit({ code: 'RHA-W2043', severity: 'warning', message: `${this.opts.links.peer} is silent on every link` });
        break;
      case 'pause-detected':
        this.emit({ code: 'RHA-W2044', severity: 'warning', message: `this agent was not running for ${Math.round(fx.gapMs)} ms (paused or starved)` });
        break;
    }
  }

  private tick(): void {
    if (this.stopped) return;
    this.applyDetector({ type: 'tick', now: this.now() });
    this.probeGateway();
    this.decideAndAct(false);
    this.publish();
    this.sendKeepAlive();
    this.armForTakeover();
  }

  /** The groups this node may have to start and holds nothing of: their first commands forked ahead. */
  private armForTakeover(): void {
    // Mid-start or mid-stop, leave the armory alone: a start takes its armed commands one by one,
    // and re-arming then would kill those not yet taken (they ran cold) or fork in its way.
    if (this.busy.size > 0) return;
    const ready = Object.entries(this.opts.config.group)
      .filter(([name, g]) => g.nodes.includes(this.opts.self) && (this.local[name]?.phase ?? 'stopped') === 'stopped');
    this.opts.executor.keepArmed(ready);
  }

  /**
   * Between heartbeats: expire silent links and decide again. Deciding every quarter heartbeat also
   * keeps the gap between decisions short, so that an event loop that stalls for a moment is not
   * mistaken for a pause of the whole node (which would release its groups).
   */
  private checkSilence(): void {
    if (this.stopped) return;
    // Once the networks fall silent, no peer beat brings a disk read (readDiskAfterPeerBeat): the
    // slot is read here then, since its counter decides how soon the peer is declared dead.
    const now = this.now();
    const heardRecently = (l: 'private' | 'public') => {
      const at = this.detector.links[l].lastHeardAt;
      return at !== null && now - at < 2 * this.opts.config.timing.heartbeat_ms;
    };
    if (!heardRecently('private') && !heardRecently('public')) this.opts.links.pollDisk?.();
    this.applyDetector({ type: 'tick', now });
    // Publishes at once only when the decision changed what we tell the peer.
    this.decideAndAct();
  }

  private probeGateway(): void {
    // A one-shot ICMP check is a `ping` process: once a second, as keepalived's track scripts and
    // Pacemaker's ping agent do. Reading the long-lived ping's state costs nothing: every beat.
    const hb = this.opts.config.timing.heartbeat_ms;
    const every = this.opts.links.gatewayCheckIsCheap?.() ? hb : Math.max(hb, 1000);
    if (this.gatewayInFlight || this.now() - this.lastGatewayAt < every) return;
    this.gatewayInFlight = true;
    this.lastGatewayAt = this.now();
    this.opts.links
      .checkGateway()
      .then((r) => this.notePublic(r))
      .catch(() => undefined)
      .finally(() => {
        this.gatewayInFlight = false;
      });
  }

  /** A gateway check's answer: publicOk, and an event when it changes. */
  private notePublic(r: { ok: boolean; output: string }): void {
    if (r.ok !== this.publicOk) {
      this.emit({
        code: r.ok ? 'RHA-I2045' : 'RHA-E2046',
        severity: r.ok ? 'info' : 'error',
        message: r.ok ? 'public network reaches the gateway again' : `public network cannot reach the gateway: ${r.output}`,
      });
    }
    this.publicOk = r.ok;
  }

  // ---- deciding and acting ---------------------------------------------------------------------

  private decisionInput(): DecisionInput {
    const now = this.now();
    const wall = this.wall();
    const heard = this.peerView?.summary.heard;
    const peerHeardUsAt = heard && heard.incarnation === this.opts.incarnation ? (this.sentAt.get(heard.seq) ?? null) : null;
    const intents = this.intents.get();
    return {
      now,
      wallHour: wall.getHours(),
      self: this.opts.self,
      peer: this.opts.links.peer,
      timing: { heartbeat_ms: this.opts.config.timing.heartbeat_ms, dead_after_ms: this.opts.config.timing.dead_after_ms },
      bootedAt: this.bootedAt,
      groups: this.groupSpecs,
      links: linkViews(this.detector),
      peerSummary: this.peerView,
      peerHeardUsAt,
      health: { publicOk: this.publicOk, storageOk: this.storageOk() },
      local: this.local,
      intents: { maintenance: intents.maintenance, standby: intents.standby, locks: intents.locks, moves: intents.moves },
    };
  }

  /** Decides now; publishes at once when what we tell the peer changed (wants, grants, claims), so a handover does not wait for the next tick. */
  private decideAndAct(publishChanges = true): void {
    if (this.stopped) return;
    const input = this.decisionInput();
    const before = this.memory;
    const { plan, memory } = decide(input, before);
    this.memory = memory;
    this.failoverHistory.save(memory.failovers); // writes only when the counts changed
    const changed = JSON.stringify(plan.publish) !== JSON.stringify(this.lastPlan?.publish);
    this.lastPlan = plan;
    if (changed && publishChanges) this.publish();
    if (plan.actions.length > 0) this.remember(input, before, plan);
    for (const g of plan.movesDone) this.intents.apply({ kind: 'clear-move', group: g }, { by: 'roseha', at: this.wall().toISOString() });
    for (const a of plan.actions) this.act(a);
  }

  /** The memory decide() was given, not the one it returned: `simulate --input` replays from it. */
  private remember(input: DecisionInput, memoryBefore: CoreMemory, plan: Plan): void {
    this.ring.push({ input, memoryBefore, actions: plan.actions });
    const cap = this.opts.decisionRing ?? 200;
    if (this.ring.length > cap) this.ring.splice(0, this.ring.length - cap);
  }

  private act(a: Action): void {
    switch (a.type) {
      case 'start':
        if (this.busy.has(a.group)) return;
        void this.startGroup(a.group, a.epoch, a.reason);
        break;
      case 'stop':
        if (this.busy.has(a.group)) return;
        void this.stopGroup(a.group, a.reason);
        break;
      case 'lock':
        this.emit({ code: 'RHA-W2050', severity: 'warning', message: `group ${a.group} locked: ${a.reason}`, group: a.group });
        break;
      case 'unlock':
        this.emit({ code: 'RHA-I2051', severity: 'info', message: `group ${a.group} unlocked: ${a.reason}`, group: a.group });
        break;
      case 'alert':
        this.emit({ code: a.code, severity: a.severity, message: a.text, ...(a.group ? { group: a.group } : {}), data: a.cleared ? { cleared: true } : undefined });
        break;
    }
  }

  private groupConfig(group: string): GroupConfig | undefined {
    return this.opts.config.group[group];
  }

  private async startGroup(group: string, epoch: number, reason: string): Promise<void> {
    const cfg = this.groupConfig(group);
    if (!cfg) return;
    this.busy.add(group);
    this.local[group] = { phase: 'starting', epoch, failed: false };
    // Claim first, then act: the peer must see the claim before anything of ours appears.
    this.publish();
    this.emit({ code: 'RHA-I2100', severity: 'info', message: `starting group ${group} (${reason})`, group });
    const startedWall = this.wall().toISOString();
    try {
      const report = await this.opts.executor.start(group, cfg);
      if (this.stopped) return;
      this.local[group] = { phase: 'active', epoch, failed: false };
      this.opts.executor.watch(group, cfg);
      this.record(group, startedWall, this.opts.self, reason, report);
      this.emit({ code: 'RHA-I2101', severity: 'info', message: `group ${group} active on ${this.opts.self} after ${report.ms} ms (${reason})`, group, data: { steps: report.steps } });
    } catch (err) {
      this.local[group] = { phase: 'stopped', epoch, failed: true };
      const steps = (isRosehaError(err) ? (err.details?.steps as GroupReport['steps'] | undefined) : undefined) ?? [];
      this.emit({
        code: 'RHA-E2102',
        severity: 'error',
        message: `group ${group} failed to start here: ${(err as Error).message}`,
        group,
        data: { cause: isRosehaError(err) ? err.code : undefined, steps },
      });
    } finally {
      this.busy.delete(group);
      this.publish();
    }
  }

  private async stopGroup(group: string, reason: string): Promise<void> {
    const cfg = this.groupConfig(group);
    const st = this.local[group];
    if (!cfg || !st) return;
    this.busy.add(group);
    this.local[group] = { ...st, phase: 'stopping' };
    this.opts.executor.unwatch(group);
    this.publish();
    this.emit({ code: 'RHA-I2103', severity: 'info', message: `stopping group ${group} (${reason})`, group });
    const startedWall = this.wall().toISOString();
    const hard = reason === 'self-fence' || reason === 'pause' || reason === 'conflict';
    try {
      const report = await this.opts.executor.stop(group, cfg, { hard });
      this.local[group] = { ...st, phase: 'stopped' };
      this.record(group, startedWall, null, reason, report);
      this.emit({ code: 'RHA-I2104', severity: 'info', message: `group ${group} stopped on ${this.opts.self} after ${report.ms} ms (${reason})`, group, data: { steps: report.steps } });
    } catch (err) {
      // A resource that would not stop may still be live: keep the claim so the peer never starts
      // the group beside it, and say so loudly.
      this.local[group] = { ...st, phase: 'stopping', failed: true };
      this.emit({ code: 'RHA-E2105', severity: 'error', message: `group ${group} did not stop cleanly: ${(err as Error).message}; it stays claimed here until \`roseha cleanup ${group}\``, group });
    } finally {
      this.busy.delete(group);
      this.publish();
    }
  }

  private record(group: string, at: string, to: string | null, reason: string, report: GroupReport): void {
    const prev = this.transitions.get(group);
    this.transitions.set(group, {
      at,
      from: to === null ? this.opts.self : (prev?.to ?? null),
      to: to ?? 'stopped',
      reason,
      totalMs: report.ms,
      steps: report.steps.map((s) => ({ resource: s.resource, op: s.op, ms: s.ms, ok: s.ok })),
    });
  }

  /** Executor events: a failed resource past its restarts fails the group here; decide() moves it. */
  onExecutorEvent(e: ExecutorEvent): void {
    switch (e.type) {
      case 'resource-failed':
        this.emit({ code: 'RHA-W2110', severity: 'warning', message: `resource ${e.resource} of ${e.group} failed its monitor (${e.failures} failures)${e.willRestart ? ', restarting it here' : ''}: ${e.output ?? ''}`, group: e.group });
        break;
      case 'resource-restarted':
        this.emit({ code: 'RHA-I2111', severity: 'info', message: `resource ${e.resource} of ${e.group} restarted ${e.ok ? 'ok' : 'and failed'}`, group: e.group });
        break;
      case 'group-failed':
        void this.onGroupFailed(e.group, e.reason);
        break;
      case 'warning':
        this.emit({ code: e.code, severity: 'warning', message: e.message, group: e.group });
        break;
    }
  }

  /**
   * A group whose resource failed while this node's public network was down (the VIP's interface
   * went down: its monitor can fire before the next gateway check) is the public rule's business:
   * it is handed over, and the node stands by again once its network is back, without a cleanup.
   */
  private async onGroupFailed(group: string, reason: string): Promise<void> {
    if (this.opts.links.gatewayCheckIsCheap?.()) {
      const r = await this.opts.links.checkGateway().catch(() => null);
      if (r) this.notePublic(r);
    }
    if (!this.publicOk) {
      this.emit({ code: 'RHA-W2113', severity: 'warning', message: `group ${group} failed here while the public network is down (${reason}): handed over, not held against this node`, group });
    } else {
      const st = this.local[group];
      if (st) this.local[group] = { ...st, failed: true };
      this.emit({ code: 'RHA-E2112', severity: 'error', message: `group ${group} failed here (${reason}): failing over`, group });
    }
    this.decideAndAct();
  }

  // ---- boot ------------------------------------------------------------------------------------

  /**
   * A restarted worker adopts the groups its predecessor held if every resource still runs; anything
   * else found half-running is stopped, so that a fresh start begins from a clean node.
   */
  private async reconcileAtBoot(): Promise<void> {
    const held = new Map((this.opts.adopt?.held ?? []).map((h) => [h.group, h.epoch]));
    for (const [group, cfg] of Object.entries(this.opts.config.group)) {
      try {
        await this.reconcileGroup(group, cfg, held.get(group));
      } finally {
        this.busy.delete(group);
      }
    }
  }

  private async reconcileGroup(group: string, cfg: GroupConfig, epoch: number | undefined): Promise<void> {
    if (epoch !== undefined) {
      const report = await this.opts.executor.adopt(group, cfg);
      if (report.running) {
        this.local[group] = { phase: 'active', epoch, failed: false };
        this.opts.executor.watch(group, cfg);
        this.emit({ code: 'RHA-I2033', severity: 'info', message: `adopted running group ${group}`, group });
        return;
      }
    }
    try {
      await this.opts.executor.stop(group, cfg, { hard: true });
    } catch (err) {
      this.emit({ code: 'RHA-E2105', severity: 'error', message: `group ${group} could not be cleaned up at start: ${(err as Error).message}`, group });
      this.local[group] = { phase: 'stopping', epoch: epoch ?? 0, failed: true };
      return;
    }
    this.local[group] = { phase: 'stopped', epoch: epoch ?? 0, failed: false };
  }

  // ---- facts out -------------------------------------------------------------------------------

  summary(): NodeSummary & { intents: ClusterIntents } {
    const plan = this.lastPlan;
    const groups: Record<string, GroupClaim> = {};
    for (const [g, st] of Object.entries(this.local)) if (st) groups[g] = { phase: st.phase, epoch: st.epoch };
    const intents = this.intents.get();
    const peer = this.peerView?.summary;
    return {
      node: this.opts.self,
      incarnation: this.opts.incarnation,
      seq: this.seq,
      configGeneration: this.opts.config.generation,
      configHash: this.configHash,
      health: { publicOk: this.publicOk, storageOk: this.storageOk() },
      standby: intents.standby[this.opts.self] !== undefined,
      maintenance: intents.maintenance !== null,
      groups,
      wants: plan?.publish.wants ?? {},
      grants: plan?.publish.grants ?? {},
      ...(Object.keys(this.memory.autoLocks).length ? { autoLocks: { ...this.memory.autoLocks } } : {}),
      heard: peer ? { incarnation: peer.incarnation, seq: peer.seq } : null,
      intents,
    };
  }

  private publish(): void {
    this.seq += 1;
    const at = this.now();
    this.sentAt.set(this.seq, at);
    // Keep enough history to cover dead_after_ms of heartbeats several times over.
    const keep = Math.ceil((this.opts.config.timing.dead_after_ms / this.opts.config.timing.heartbeat_ms) * 8) + 16;
    if (this.sentAt.size > keep) this.sentAt.delete(this.seq - keep);
    this.opts.links.send(this.summary());
  }

  private sendKeepAlive(): void {
    if (!this.opts.keepAlive) return;
    const held = Object.entries(this.local)
      .filter(([, st]) => st && st.phase !== 'stopped')
      .map(([group, st]) => ({ group, epoch: st!.epoch }));
    this.opts.keepAlive({ type: 'alive', configGeneration: this.opts.config.generation, held });
  }

  private emit(e: EventInput): AgentEvent {
    const ev = this.events.emit(e);
    const line = { code: ev.code, ...(ev.group ? { group: ev.group } : {}), ...(ev.link ? { link: ev.link } : {}), ...(ev.data ? { data: ev.data } : {}) };
    if (ev.severity === 'error') this.opts.log.error(line, ev.message);
    else if (ev.severity === 'warning') this.opts.log.warn(line, ev.message);
    else this.opts.log.info(line, ev.message);
    return ev;
  }

  private onIntentsChanged(next: ClusterIntents, prev: ClusterIntents): void {
    if (next.rev !== prev.rev) this.emit({ code: 'RHA-I2060', severity: 'info', message: `operator constraints changed (revision ${next.rev} from ${next.origin})` });
  }

  private storageOk(): boolean | null {
    const ok = this.opts.links.storageOk();
    if (ok !== false || this.diskWorkedOnce) return ok;
    const grace = this.opts.config.heartbeat.disk_timeout_ms ?? 2 * this.opts.config.timing.heartbeat_ms;
    // Until the disk has once been seen working, and within the first I/O's time, say "healthy"
    // rather than raise a false alarm at every start: a node just started whose first write ran late
    // (a starved start, the lab's console test with Chromium beside it) said broken for 50 ms, and a
    // move to it was refused. Counted from when the links started, which is when that I/O begins.
    const since = this.linksStartedAt ?? this.now();
    return this.now() - since <= grace + this.opts.config.timing.heartbeat_ms;
  }

  // ---- for the API -----------------------------------------------------------------------------

  status(): StatusReport {
    return buildStatus({
      config: this.opts.config,
      self: this.opts.self,
      peer: this.opts.links.peer,
      now: this.now(),
      wall: this.wall(),
      detector: this.detector,
      counters: this.opts.links.counters(),
      peerView: this.peerView,
      plan: this.lastPlan,
      local: this.local,
      publicOk: this.publicOk,
      storageOk: this.storageOk(),
      intents: this.intents.get(),
      failures: this.opts.executor.failures(),
      transitions: this.transitions,
      ...(this.opts.watchdog ? { watchdog: this.opts.watchdog } : {}),
    });
  }

  decisions(): unknown[] {
    return [...this.ring];
  }

  /** Forces a decision now (after an operator intent changed). */
  nudge(): void {
    this.decideAndAct();
    this.publish();
  }

  clearFailures(group?: string): void {
    this.opts.executor.clearFailures(group);
    for (const [g, st] of Object.entries(this.local)) {
      if (st && (group === undefined || g === group)) this.local[g] = { ...st, failed: false };
    }
  }
}

function claimsDiffer(a: NodeSummary, b: NodeSummary): boolean {
  return (
    JSON.stringify([a.groups, a.wants ?? {}, a.grants ?? {}, a.standby, a.maintenance, a.health]) !==
    JSON.stringify([b.groups, b.wants ?? {}, b.grants ?? {}, b.standby, b.maintenance, b.health])
  );
}
