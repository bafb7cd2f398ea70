// `roseha agent`: the guardian process, which forks the worker (the same binary with
// ROSEHA_AGENT_ROLE=worker) and watches it. Both are wired here from the real parts.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { loadConfigOrThrow, type EffectiveConfig } from '../config/load.js';
import { readClusterKey } from '../config/key.js';
import { RosehaError } from '../errors.js';
import { createExecaRunner } from '../platform/execa-runner.js';
import { forkWorker, killWorkerGroup } from '../platform/worker-process.js';
import { openWatchdog, type Watchdog } from '../platform/watchdog.js';
import type { Runner } from '../platform/types.js';
import { createExecutor, type ExecutorEvent, type GroupExecutor } from '../actions/executor.js';
import type { DriverTable } from '../actions/types.js';
import { Guardian } from './guardian.js';
import { adoptEnv, guardianTiming, spareEnv, startEarlyKeepAlive, watchdogEnv, workerRoleEnv, type AdoptState, type GuardianMessage, type KeepAlive, type SpareReady } from './guardian-protocol.js';
import { createLogger } from './log.js';
import { rotateIfLarge } from './log-rotation.js';
import { heartbeatOn } from '../config/per-node.js';
import { identifyNode } from './node-identity.js';
import type { WatchdogState } from '../core/status.js';

export interface AgentOptions {
  configFile: string;
  node?: string;
  /** Where the JSON log goes (default: cluster.log_file, else STATE_DIR/roseha.log). */
  logFile?: string;
  /** argv to start the worker with (the guardian re-runs its own command line). */
  entry: string;
  argv: readonly string[];
}

export { workerRoleEnv } from './guardian-protocol.js';

async function drivers(): Promise<DriverTable> {
  if (process.platform === 'win32') {
    const { windowsDrivers } = await import('../actions/windows/index.js');
    return windowsDrivers;
  }
  const { linuxDrivers } = await import('../actions/linux/index.js');
  return linuxDrivers();
}

async function setup(opts: AgentOptions, role: 'guardian' | 'worker') {
  const { config, warnings } = loadConfigOrThrow(opts.configFile);
  const self = identifyNode(config, opts.node ?? process.env.ROSEHA_NODE);
  const logFile = opts.logFile ?? config.cluster.log_file ?? join(config.paths.state_dir, 'roseha.log');
  const log = await createLogger({ file: logFile, node: self, pretty: process.stderr.isTTY === true });
  const logger = log.logger.child({ role });
  if (role === 'guardian') for (const w of warnings) logger.warn({ code: w.code, where: w.where }, w.message);
  const runner = createExecaRunner();
  const me = config.node.find((n) => n.name === self)!;
  const executorFor = async (onEvent?: (e: ExecutorEvent) => void): Promise<GroupExecutor> =>
    createExecutor({
      drivers: await drivers(),
      runner,
      platform: process.platform === 'win32' ? 'windows' : 'linux',
      stateDir: config.paths.state_dir,
      node: { name: me.name, public: me.public, private: me.private },
      ...(config.heartbeat.gateway ? { gateway: config.heartbeat.gateway } : {}),
      ...(onEvent ? { onEvent } : {}),
    });
  return { config, self, logger, runner, executorFor, logFile, reopenLog: log.reopen };
}

/**
 * The config file as it is now, with the groups of the one the guardian started with added back:
 * a push may have changed a group or removed one that still runs, and a release must stop it all.
 */
function freshConfig(file: string, started: EffectiveConfig): EffectiveConfig {
  try {
    const now = loadConfigOrThrow(file).config;
    return { ...now, group: { ...started.group, ...now.group } };
  } catch {
    return started;
  }
}

/** Stops the given groups hard, in reverse resource order; logs instead of throwing. */
async function releaseGroups(config: EffectiveConfig, executor: GroupExecutor, held: KeepAlive['held'], logger: Logger): Promise<void> {
  await Promise.all(
    held.map(async ({ group }) => {
      const cfg = config.group[group];
      if (!cfg) return;
      try {
        await executor.stop(group, cfg, { hard: true });
      } catch (err) {
        logger.error({ code: 'RHA-E2105', group, err: (err as Error).message }, `group ${group} did not stop cleanly during release`);
      }
    }),
  );
}

/** The guardian's armed watchdog as the worker's environment tells it (nothing when absent or unreadable). */
function watchdogState(text: string | undefined): { watchdog?: WatchdogState } {
  if (!text) return {};
  try {
    const w = JSON.parse(text) as WatchdogState;
    return typeof w.device === 'string' ? { watchdog: { device: w.device, timeoutS: typeof w.timeoutS === 'number' ? w.timeoutS : null } } : {};
  } catch {
    return {};
  }
}

/** heartbeat.watchdog opened (and so armed), or undefined when none is configured; throws RHA-E2015. */
function armWatchdog(device: string | undefined, logger: Logger): Watchdog | undefined {
  if (!device) return undefined;
  if (process.platform === 'win32') throw new RosehaError('RHA-E2015', `heartbeat.watchdog: Windows has no watchdog device roseha can drive (${device}); remove the key`);
  let watchdog: Watchdog;
  try {
    watchdog = openWatchdog(device);
  } catch (err) {
    throw new RosehaError('RHA-E2015', `heartbeat.watchdog: cannot open ${device}: ${(err as Error).message}`, { cause: err });
  }
  const timeout = watchdog.timeoutS === undefined ? 'the device\'s timeout is not known' : `reset ${watchdog.timeoutS} s after the guardian stops`;
  logger.info({ code: 'RHA-I2016', device, timeoutS: watchdog.timeoutS }, `watchdog armed: ${device} (${timeout})`);
  if (!watchdog.isDevice) logger.warn({ code: 'RHA-W2021', device }, `heartbeat.watchdog: ${device} is not a character device: nothing resets this node`);
  return watchdog;
}

/** Checks the log's size every few seconds and rotates it past cluster.log_max_mb (src/agent/log-rotation.ts). */
function watchLogSize(file: string, cluster: EffectiveConfig['cluster'], on: { rotated(): void; failed(err: Error): void }): NodeJS.Timeout {
  const maxBytes = cluster.log_max_mb * 1024 * 1024;
  let failing = false;
  const timer = setInterval(() => {
    try {
      if (rotateIfLarge(file, maxBytes, cluster.log_keep)) on.rotated();
      failing = false;
    } catch (err) {
      // tried again at the next check (a reader holding the file on Windows refuses the rename); said once
      if (!failing) on.failed(err as Error);
      failing = true;
    }
  }, 5000);
  timer.unref();
  return timer;
}

export async function runGuardian(opts: AgentOptions): Promise<number> {
  const { config, self, logger, executorFor, logFile, reopenLog } = await setup(opts, 'guardian');
  const executor = await executorFor();
  const { keepAliveMs, deadlineMs, adoptMs } = guardianTiming(config.timing);
  // Armed last, once nothing else can fail: a guardian that exits without disarming it resets the node.
  const watchdog = armWatchdog(heartbeatOn(config.heartbeat, self).watchdog, logger);
  // What every worker (a spare too) is started with; the guardian's watchdog, for the worker's status.
  const workerEnv: Record<string, string> = {
    [workerRoleEnv]: 'worker',
    ROSEHA_NODE: self,
    ROSEHA_KEEPALIVE_MS: String(keepAliveMs),
    ...(watchdog ? { [watchdogEnv]: JSON.stringify({ device: watchdog.device, timeoutS: watchdog.timeoutS ?? null } satisfies WatchdogState) } : {}),
  };
  const guardian = new Guardian({
    spawnWorker: (adopt: AdoptState | null) =>
      forkWorker({
        entry: opts.entry,
        args: opts.argv,
        env: { ...workerEnv, [adoptEnv]: JSON.stringify(adopt ?? { held: [] }) },
      }),
    spawnSpare: () =>
      forkWorker({
        entry: opts.entry,
        args: opts.argv,
        env: { ...workerEnv, [spareEnv]: '1' },
      }),
    killWorker: killWorkerGroup,
    // The config may have been pushed since the guardian started: release what the newest one says.
    release: (held) => releaseGroups(freshConfig(opts.configFile, config), executor, held, logger),
    now: () => performance.now(),
    log: (level, code, msg, extra) => logger[level]({ code, ...extra }, msg),
    keepAliveMs,
    deadlineMs,
    adoptMs,
    ...(watchdog ? { watchdog } : {}),
  });
  logger.info({ code: 'RHA-I2006', node: self, keepAliveMs, deadlineMs }, `guardian started for ${self}`);
  guardian.start();
  const rotation = watchLogSize(logFile, config.cluster, {
    rotated() {
      reopenLog();
      guardian.tellWorker({ type: 'reopen-log' });
      logger.info({ code: 'RHA-I2022', file: logFile }, `log rotated: the older records are in ${logFile}.1`);
    },
    failed: (err) => logger.warn({ code: 'RHA-W2023', file: logFile, err: err.message }, `the log cannot be rotated: ${err.message}`),
  });
  const stopTimeout = Math.max(...Object.values(config.group).flatMap((g) => g.resource.map((r) => r.stop_timeout_ms)), 10_000) + 5000;
  await new Promise<void>((resolve) => {
    const onSignal = (sig: string) => {
      logger.info({ code: 'RHA-I2007', signal: sig }, 'stopping: handing the groups over');
      void guardian.stop(stopTimeout).then(resolve);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  clearInterval(rotation);
  logger.info({ code: 'RHA-I2008' }, 'guardian stopped');
  logger.flush?.();
  return 0;
}

/** The modules a worker needs, loaded before it is activated when it starts as a spare. */
const loadWorkerModules = () =>
  Promise.all([
    import('./links/index.js'),
    import('./worker.js'),
    import('./api/server.js'),
    import('./operator.js'),
    import('./log-reader.js'),
    import('../client/locate.js'),
    import('../console/handler.js'),
    import('../actions/index.js'),
    import('../config/load.js'),
    import('pino'),
    drivers(),
  ]);

/** A spare worker: everything loaded, waiting for the guardian's `activate` with what to adopt. */
async function waitAsSpare(): Promise<AdoptState> {
  await loadWorkerModules();
  return new Promise<AdoptState>((resolve) => {
    process.on('message', function onMessage(m: GuardianMessage) {
      if (m?.type !== 'activate') return;
      process.off('message', onMessage);
      resolve(m.adopt);
    });
    process.once('disconnect', () => process.exit(0));
    process.send?.({ type: 'spare-ready' } satisfies SpareReady);
  });
}

export async function runWorker(opts: AgentOptions): Promise<number> {
  const adopt = process.env[spareEnv] === '1' ? await waitAsSpare() : parseAdopt(process.env[adoptEnv]);
  // Tell the guardian at once that we live (usually already running: the CLI entry starts it).
  const stopEarlyKeepAlive = startEarlyKeepAlive({ ...process.env, [spareEnv]: '' });
  const { config, self, logger, runner, executorFor, logFile, reopenLog } = await setup(opts, 'worker');
  process.on('message', (m: GuardianMessage) => m?.type === 'reopen-log' && reopenLog());
  const key = readKey(config.paths.key_file);
  const { Links, newIncarnation } = await import('./links/index.js');
  const { Worker } = await import('./worker.js');
  const { ApiServer } = await import('./api/server.js');
  const { planRequest, withCommands } = await import('./operator.js');
  const { readLogFile } = await import('./log-reader.js');
  const { socketPathFor } = await import('../client/locate.js');
  const { createConsoleHandler } = await import('../console/handler.js');
  const admin = await adminParts(config, self, logger);
  const incarnation = newIncarnation();
  const links = new Links({ config, self, key, runner: runner as Runner, logger: logger.child({ part: 'links' }) });
  let worker!: InstanceType<typeof Worker>;
  const executor = await executorFor((e) => worker.onExecutorEvent(e));
  const keepAliveMs = Number(process.env.ROSEHA_KEEPALIVE_MS) || undefined;
  worker = new Worker({
    config,
    self,
    incarnation,
    links,
    executor,
    log: logger,
    adopt,
    ...watchdogState(process.env[watchdogEnv]),
    ...(process.send ? { keepAlive: (m: KeepAlive) => process.connected && process.send!(m), keepAliveMs: keepAliveMs ?? 50 } : {}),
  });
  // Alerts hang off the event stream; config sync listens to the peer's heartbeats (issue 6).
  const alerts = admin.createAlerts({ config, node: self, runner, log: logger.child({ part: 'alerts' }) });
  worker.events.subscribe((e) => alerts.onEvent(e));
  alerts.start();
  const sync = admin.configSync(worker, () => restartForConfig());
  if (admin.creds) links.on('heartbeat', (e) => sync.onPeerSummary(e.summary));
  const api = new ApiServer({
    socketPath: socketPathFor(config.paths.state_dir, config.cluster.name),
    ...(admin.tcp ? { tcp: admin.tcp } : {}),
    onListenError: ({ host, port, error }) => logger.error({ code: 'RHA-E5208', host, port, err: error.code }, `remote API cannot listen on ${host}:${port}: ${error.code ?? error.message}`),
    api: {
      config: sync,
      testAlerts: (req) => admin.testAlerts(alerts, req),
      status: () => admin.withSyncProblems(worker.status(), sync),
      recentEvents: (since) => worker.events.recent(since),
      subscribe: (l) => worker.events.subscribe(l),
      decisions: () => worker.decisions(),
      act: async (req) => {
        const { change, response } = planRequest(req, { config, self, status: worker.status() });
        const eventId = worker.events.recent().at(-1)?.id ?? 0;
        if (req.dryRun) {
          const platform = process.platform === 'win32' ? 'windows' : 'linux';
          const { driversFor } = await import('../actions/index.js');
          return withCommands({ ...response, eventId }, config, req, { platform, drivers: await driversFor(platform), stateDir: config.paths.state_dir });
        }
        if (req.kind === 'cleanup') worker.clearFailures(req.group);
        if (change) worker.intents.apply(change, { by: req.by, at: new Date().toISOString() });
        worker.nudge();
        return { ...response, eventId };
      },
      log: async ({ since, limit }) => readLogFile(logFile, { ...(since ? { sinceMs: Date.parse(since) } : {}), limit }),
    },
    // The web console (issue 7): its page and assets, and the data routes it needs behind the token.
    extraHandler: createConsoleHandler({ config, self }),
    onUnauthorized: ({ remote, path, reason, failures }) => logger.warn({ code: 'RHA-W2013', remote, path, reason, failures }, `API request from ${remote} with a ${reason} token refused (${failures} in a row)`),
  });
  // The worker's parts (the guardian's IPC channel, alert timers, the gateway's ping) would keep the
  // process alive after a stop: it ends itself once its log is flushed. Without this a clean stop
  // waited for the guardian's stop timeout and a kill.
  const exitSoon = () => {
    logger.flush?.();
    setTimeout(() => process.exit(0), 50);
  };
  // After a config commit: stop without handing over; the guardian restarts us and we adopt.
  const restartForConfig = () => {
    if (!process.send) return logger.warn({ code: 'RHA-I5240' }, 'no guardian: restart the agent to apply the new config');
    setTimeout(() => void worker.stop({ handOver: false }).then(() => api.stop()).finally(exitSoon), 200);
  };
  await worker.start();
  stopEarlyKeepAlive?.();
  await api.start();
  admin.announce(api.tcpPorts());
  await new Promise<void>((resolve) => {
    const shutdown = () => {
      void worker
        .stop({ handOver: true })
        .then(() => api.stop())
        .then(resolve);
    };
    process.on('message', (m: GuardianMessage) => m?.type === 'shutdown' && shutdown());
    // Under a guardian, signals go to the guardian, which asks us; alone, we stop ourselves.
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', () => (process.send ? undefined : shutdown()));
    process.once('disconnect', () => {
      // The guardian is gone: a worker without its guardian must not keep groups unwatched.
      logger.error({ code: 'RHA-E2009' }, 'guardian gone: handing the groups over and stopping');
      shutdown();
    });
  });
  exitSoon();
  return 0;
}

/** The remote API's credentials and listener, alert and config-sync wiring (issue 6). */
async function adminParts(config: EffectiveConfig, self: string, logger: Logger) {
  const { apiPaths, readApiCredentials, listenHosts, peerCaller } = await import('./api/tls.js');
  const { createAlerts } = await import('./alerts/index.js');
  const { ConfigSync, withSyncProblems } = await import('./config-sync.js');
  const me = config.node.find((n) => n.name === self)!;
  const peer = config.node.find((n) => n.name !== self)!;
  let creds: ReturnType<typeof readApiCredentials> = null;
  try {
    creds = readApiCredentials(apiPaths(config.paths.config, config.api));
  } catch (err) {
    logger.error({ code: (err as RosehaError).code ?? 'RHA-E5202' }, (err as Error).message);
  }
  if (!creds) logger.warn({ code: 'RHA-W5207' }, 'remote API off (no token file): `roseha --host` and config sync cannot reach this node');
  const hosts = listenHosts(config.api.bind, me);
  return {
    creds,
    createAlerts,
    withSyncProblems,
    tcp: creds ? { hosts, port: config.api.port, token: creds.token, tls: { cert: creds.cert, key: creds.key } } : undefined,
    configSync: (worker: { events: { emit(e: import('./events.js').EventInput): unknown } }, reload: () => void) =>
      new ConfigSync({ config, self, peer: creds ? peerCaller(peer, config.api.port, creds) : null, log: logger.child({ part: 'config-sync' }), emit: (e) => worker.events.emit(e), reload }),
    testAlerts: async (alerts: import('./alerts/index.js').AlertDispatcher, req: { by: string; dryRun: boolean }) => {
      if (alerts.channels.length === 0) throw new RosehaError('RHA-E5224', 'no alert channel is configured ([alerts] email, sound, eventlog or script)', { exitCode: 5 });
      if (req.dryRun) return { channels: alerts.channels.map((c) => ({ channel: c.name, ok: true, detail: 'would send a test alert' })) };
      return { channels: await alerts.test(req.by) };
    },
    announce: (ports: number[]) => {
      if (creds && ports.length > 0) logger.info({ code: 'RHA-I5206', hosts, port: config.api.port, fingerprint: creds.fingerprint }, `remote API on ${hosts.join(', ')} port ${config.api.port} over TLS (certificate SHA-256 ${creds.fingerprint})`);
    },
  };
}

function readKey(file: string): Buffer {
  try {
    return readClusterKey(file);
  } catch (err) {
    if (err instanceof RosehaError) throw err;
    throw new RosehaError('RHA-E2014', `cannot read the cluster key ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}; create it with \`roseha config init\` and copy it to both nodes`);
  }
}

function parseAdopt(text: string | undefined): AdoptState | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as AdoptState;
    return Array.isArray(v.held) ? v : null;
  } catch {
    return null;
  }
}
