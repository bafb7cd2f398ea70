// The two-node lab on one machine (DESIGN.md "Testing on one machine"): `Lab.up()` builds it,
// `lab.down()` (or `labDown()` from another process, after a crash) removes every trace, and
// `withLab()` wraps both around a test or a bench run, also on SIGINT/SIGTERM.
import { mkdir, rm, writeFile, readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Runner } from '../platform/types.js';
import { createExecaRunner } from '../platform/execa-runner.js';
import { RosehaError } from '../errors.js';
import type { TimingProfile } from '../config/timing.js';
import { must, tryRun, sleep } from './exec.js';
import { allNamespaces, labNames, labNodeNames, type LabNames, type LabNodeName } from './names.js';
import { topologyDownCommands, topologyUpCommands } from './topology.js';
import { createDisks, detachLoop, findLabLoopDevices, type LabDisks } from './disk.js';
import { readLabState, writeLabState, type LabState } from './state.js';
import { renderRosehaConfig } from './config-render.js';
import { SplitBrainChecker } from './checker.js';
import { Prober } from './prober.js';
import { Faults } from './faults.js';
import { helperScript, labServiceCommand } from './paths.js';
import { defaultAgentCommand, startKeepalived, type AgentCommand } from './agents.js';
import type { KeepalivedSetting } from './keepalived-render.js';
import { cmdlineOf, descendantsOf } from './proc-usage.js';

export interface LabOptions {
  /** Namespaces are `<prefix>-a`, `-b`, `-client`, `-sw`; one prefix per concurrently running lab. Default "rha". */
  prefix?: string;
  /** Default: $TMPDIR/roseha-lab-<prefix>. */
  runDir?: string;
  runner?: Runner;
  /** Timing profile written into the roseha configs. Default "balanced". */
  timing?: TimingProfile;
  /** Put the raw loop device in the roseha config as the disk heartbeat. Default true. */
  diskHeartbeat?: boolean;
  /** How the roseha agent is started (default: node bin/roseha agent --config FILE --node NAME). */
  agentCommand?: AgentCommand;
  /** Split-brain sampler period per node, ms (≤ 10). Default 10: every 5 ms the two samplers and the client took a core between them, starving what they measure. */
  samplerIntervalMs?: number;
  /** Client connection attempt period (≤ 10) and timeout, ms. Defaults 10 and 100. */
  proberIntervalMs?: number;
  proberTimeoutMs?: number;
  /** Start the checker and the prober with the lab. Default true. */
  observe?: boolean;
  /** withLab only: clean up on SIGINT/SIGTERM, then exit. Default true. */
  handleSignals?: boolean;
  /** A lab with the same prefix left over from a crash is removed first. Default true. */
  replaceStale?: boolean;
  /**
   * Write an API token, which turns on the remote API and config sync. Default false: two more
   * listeners and the sync per node, which the benchmarks do not want. (The two configs are one
   * config but for each node's own folders, its devices in on.node-b tables: sync sees no conflict.)
   */
  remoteApi?: boolean;
}

export class Lab {
  readonly faults: Faults;
  readonly checker: SplitBrainChecker;
  readonly prober: Prober;
  private readonly agentCommand: AgentCommand;
  private downDone = false;

  private constructor(
    readonly names: LabNames,
    readonly disks: LabDisks,
    readonly runner: Runner,
    private readonly opts: LabOptions,
  ) {
    this.checker = new SplitBrainChecker(runner, names, disks, opts.samplerIntervalMs ?? 10);
    this.prober = new Prober(runner, names, { intervalMs: opts.proberIntervalMs ?? 10, timeoutMs: opts.proberTimeoutMs ?? 100 });
    this.faults = new Faults(runner, names, disks, () => this.observerPids());
    this.agentCommand = opts.agentCommand ?? defaultAgentCommand;
  }

  /** Builds the lab. On failure everything created so far is removed before the error is thrown. */
  static async up(opts: LabOptions = {}): Promise<Lab> {
    const runner = opts.runner ?? createExecaRunner();
    const names = labNames(opts.prefix ?? 'rha', opts.runDir);
    await assertCanRunLab(runner);
    if (opts.replaceStale !== false) await labDown(names, runner);
    const existing = await runner.run({ file: 'ip', args: ['netns', 'list'] });
    const taken = allNamespaces(names).filter((ns) => new RegExp(`^${ns}( |$)`, 'm').test(existing.stdout));
    if (taken.length) throw new RosehaError('RHA-E4003', `lab "${names.prefix}" is already up (namespaces ${taken.join(', ')}); run its down first`);

    // Logs of the previous lab with this prefix stay until the next `up`; observers' data must not mix.
    // Only what the lab itself creates there: a run dir given by the caller may hold other things.
    for (const sub of [names.nodes['node-a'].dir, names.nodes['node-b'].dir, join(names.runDir, 'client')]) await rm(sub, { recursive: true, force: true });
    await mkdir(names.runDir, { recursive: true });
    for (const node of labNodeNames) await mkdir(names.nodes[node].mountPoint, { recursive: true });
    await mkdir(join(names.runDir, 'client'), { recursive: true });
    const state: LabState = { prefix: names.prefix, runDir: names.runDir, namespaces: [], loopDevices: [], pids: [], ownerPid: process.pid, createdAt: new Date().toISOString() };
    await writeLabState(names.stateFile, state);
    try {
      for (const spec of topologyUpCommands(names)) {
        await must(runner, spec);
        if (spec.args[0] === 'netns' && spec.args[1] === 'add') {
          state.namespaces.push(spec.args[2]!);
          await writeLabState(names.stateFile, state);
        }
      }
      const disks = await createDisks(runner, names, async (dev) => {
        state.loopDevices.push(dev);
        await writeLabState(names.stateFile, state);
      });
      const lab = new Lab(names, disks, runner, opts);
      await lab.writeRosehaConfigs(opts.timing ?? 'balanced');
      await writeFile(join(names.runDir, 'disks.json'), JSON.stringify(disks, null, 2) + '\n');
      if (opts.observe !== false) {
        await lab.checker.start();
        await lab.prober.start();
      }
      return lab;
    } catch (err) {
      await labDown(names, runner);
      throw err;
    }
  }

  configFile(node: LabNodeName): string {
    return join(this.names.nodes[node].dir, 'roseha.toml');
  }

  /** (Re)writes both nodes' roseha configs, for instance with another timing profile. */
  async writeRosehaConfigs(timing: TimingProfile): Promise<void> {
    const key = randomBytes(32);
    const token = randomBytes(24).toString('hex');
    for (const node of labNodeNames) {
      const dir = this.names.nodes[node].dir;
      await mkdir(join(dir, 'state'), { recursive: true });
      await writeFile(join(dir, 'cluster.key'), key, { mode: 0o600 });
      if (this.opts.remoteApi) await writeFile(join(dir, 'api.token'), token + '\n', { mode: 0o600 });
      else await rm(join(dir, 'api.token'), { force: true });
      const text = renderRosehaConfig(this.names, this.disks, node, {
        timing,
        serviceCommand: (n) => this.serviceCommand(n),
        diskHeartbeat: this.opts.diskHeartbeat,
      });
      await writeFile(this.configFile(node), text);
    }
  }

  /** Starts the roseha agent in the node's namespace; returns the guardian's pid. */
  async startAgent(node: LabNodeName): Promise<number> {
    const { file, args } = this.agentCommand({ node, configFile: this.configFile(node) });
    const n = this.names.nodes[node];
    const { pid } = await this.runner.spawnDetached({ file: 'ip', args: ['netns', 'exec', n.netns, file, ...args], logFile: join(n.dir, 'agent.log'), cwd: n.dir });
    return pid;
  }

  async startKeepalived(node: LabNodeName, setting: KeepalivedSetting): Promise<number> {
    return startKeepalived(this.runner, this.names, node, setting);
  }

  /** The lab's TCP service on 0.0.0.0, run by hand (for keepalived, which manages only the address). */
  async startService(node: LabNodeName): Promise<number> {
    const n = this.names.nodes[node];
    const command = this.serviceCommand(node);
    const { pid } = await this.runner.spawnDetached({ file: 'ip', args: ['netns', 'exec', n.netns, ...command], logFile: join(n.dir, 'service.log') });
    return pid;
  }

  /** On 0.0.0.0 for both: keepalived's runs all along, roseha's starts before the VIP arrives. */
  private serviceCommand(node: LabNodeName): string[] {
    return labServiceCommand({ name: node, host: '0.0.0.0', port: this.names.servicePort });
  }

  /** Runs a command inside a node's (or the client's) namespace. */
  exec(where: LabNodeName | 'client', file: string, args: string[], timeoutMs = 10_000) {
    const netns = where === 'client' ? this.names.clientNetns : this.names.nodes[where].netns;
    return this.runner.run({ file, args, netns, timeoutMs });
  }

  /**
   * After a power loss: what a reboot gives back. The node's RAM state is gone, so addresses an
   * agent had added (the VIP) are removed before the interfaces come up; its processes stay dead.
   */
  async powerOn(node: LabNodeName): Promise<void> {
    const n = this.names.nodes[node];
    await tryRun(this.runner, { file: 'ip', args: ['-n', n.netns, 'addr', 'del', `${this.names.vip}/${this.names.vipPrefixLen}`, 'dev', n.publicIf] });
    await this.faults.powerOn(node);
  }

  /** Processes of a node that belong to the agent under test (not the lab's observers, not the service). */
  async agentPids(node: LabNodeName): Promise<number[]> {
    const out: number[] = [];
    for (const pid of await this.faults.processesOf(node)) {
      const argv = await cmdlineOf(pid);
      if (argv.some((a) => /tcp-server\.(mjs|pl)$/.test(a))) continue;
      if (argv.length) out.push(pid);
    }
    return out;
  }

  /**
   * Processes started by `pid` (the guardian from startAgent: its children are the worker and what the
   * worker runs), with their command lines, to pick a worker or a service to signal.
   */
  async childrenOf(pid: number): Promise<Array<{ pid: number; argv: string[] }>> {
    return Promise.all((await descendantsOf(pid)).map(async (p) => ({ pid: p, argv: await cmdlineOf(p) })));
  }

  observerPids(): number[] {
    return [...this.checker.observerPids(), ...this.prober.observerPids()];
  }

  async down(): Promise<void> {
    if (this.downDone) return;
    this.downDone = true;
    await labDown(this.names, this.runner);
  }
}

/** RHA-E4002 unless this process is root and `ip netns` works. */
export async function assertCanRunLab(runner: Runner): Promise<void> {
  const why = await labUnavailableReason(runner);
  if (why) throw new RosehaError('RHA-E4002', why);
}

/** Why the lab cannot run here (not root, no `ip netns`, not Linux), or undefined when it can. */
export async function labUnavailableReason(runner?: Runner): Promise<string | undefined> {
  if (process.platform !== 'linux') return `the lab needs Linux network namespaces; this is ${process.platform}`;
  if (process.getuid?.() !== 0) return 'the lab needs root (network namespaces, loop devices, mounts)';
  const r = await (runner ?? createExecaRunner()).run({ file: 'ip', args: ['netns', 'list'], timeoutMs: 10_000 });
  if (r.exitCode !== 0) return `\`ip netns\` does not work here: ${r.stderr.trim() || `exit ${r.exitCode}`}`;
  return undefined;
}

export interface DownReport {
  killed: number;
  namespaces: string[];
  loopDevices: string[];
}

/**
 * Removes a lab (idempotent; safe on a lab that is half up or whose owner crashed): kills every
 * process in its namespaces, which also drops their mounts (each lived in its own mount namespace),
 * deletes the namespaces, detaches its loop devices and deletes the disk images. Logs stay.
 */
export async function labDown(names: LabNames, runner: Runner = createExecaRunner()): Promise<DownReport> {
  const state = await readLabState(names.stateFile);
  const namespaces = [...new Set([...(state?.namespaces ?? []), ...allNamespaces(names)])];
  let killed = 0;
  for (let round = 0; round < 50; round++) {
    let left = 0;
    for (const ns of namespaces) {
      const r = await runner.run({ file: 'ip', args: ['netns', 'pids', ns], timeoutMs: 10_000 });
      if (r.exitCode !== 0) continue;
      for (const pid of r.stdout.split(/\s+/).filter(Boolean).map(Number)) {
        if (pid === process.pid) continue;
        left++;
        try {
          process.kill(pid, 'SIGKILL');
          if (round === 0) killed++;
        } catch {
          // gone
        }
      }
    }
    if (left === 0) break;
    await sleep(20);
  }
  for (const pid of state?.pids ?? []) {
    try {
      process.kill(pid, 'SIGKILL');
      killed++;
    } catch {
      // gone
    }
  }
  // Mounts in the root mount namespace under the run dir (none unless made by hand), lazily.
  const mounts = await readFile('/proc/self/mounts', 'utf8').catch(() => '');
  for (const line of mounts.split('\n')) {
    const target = line.split(' ')[1];
    if (target && target.startsWith(names.runDir + '/')) await tryRun(runner, { file: 'umount', args: ['-l', target] });
  }
  const removed: string[] = [];
  const listed = await runner.run({ file: 'ip', args: ['netns', 'list'], timeoutMs: 10_000 });
  for (const spec of topologyDownCommands({ ...names })) {
    const ns = spec.args[2]!;
    if (!new RegExp(`^${ns}( |$)`, 'm').test(listed.stdout) && !namespaces.includes(ns)) continue;
    if (await tryRun(runner, spec)) removed.push(ns);
  }
  for (const ns of state?.namespaces ?? []) {
    if (!allNamespaces(names).includes(ns) && (await tryRun(runner, { file: 'ip', args: ['netns', 'del', ns] }))) removed.push(ns);
  }
  const loops = [...new Set([...(state?.loopDevices ?? []), ...(await findLabLoopDevices(runner, names))])];
  const detached: string[] = [];
  for (const dev of loops) {
    // Only a device still backed by our image: a recorded number may have been reused by someone else.
    const back = await runner.run({ file: 'losetup', args: ['--noheadings', '--output', 'BACK-FILE', dev], timeoutMs: 10_000 });
    const file = back.stdout.trim().replace(/ \(deleted\)$/, '');
    if (back.exitCode !== 0 || (file !== names.heartbeatImage && file !== names.dataImage)) continue;
    if (await detachLoop(runner, dev)) detached.push(dev);
  }
  await rm(names.heartbeatImage, { force: true });
  await rm(names.dataImage, { force: true });
  await rm(names.stateFile, { force: true });
  return { killed, namespaces: removed, loopDevices: detached };
}

/**
 * Brings a lab up, runs `fn`, and always brings it down: after an exception, and on SIGINT/SIGTERM
 * (then the process exits 130/143 once the lab is gone).
 */
export async function withLab<T>(opts: LabOptions, fn: (lab: Lab) => Promise<T>): Promise<T> {
  const names = labNames(opts.prefix ?? 'rha', opts.runDir);
  const runner = opts.runner ?? createExecaRunner();
  let lab: Lab | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    const code = sig === 'SIGINT' ? 130 : 143;
    void (lab ? lab.down() : labDown(names, runner).then(() => undefined)).finally(() => process.exit(code));
  };
  const handle = opts.handleSignals !== false;
  if (handle) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  try {
    lab = await Lab.up({ ...opts, runner });
    return await fn(lab);
  } finally {
    try {
      if (lab) await lab.down();
    } finally {
      if (handle) {
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
      }
    }
  }
}

