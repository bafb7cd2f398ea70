// Keeps the config file the same on both nodes (DESIGN.md "Configuration and sync").
// - A push is a two-phase commit over the peer's API (HTTPS, the token, the cluster's certificate
//   pinned): prepare = validate + write a temp file on both nodes; commit = rename on both. A peer
//   that cannot be reached does not block the push: it pulls the newer generation when it returns.
// - Heartbeats carry each node's generation and hash: a higher generation on the peer is pulled
//   (validated, written atomically); the same generation with another hash is a conflict (both
//   edited during a partition), refused and shown until `roseha config push --force`.
// - The running config is never replaced by an invalid one, and a config that no longer names this
//   node is refused. After a commit the worker restarts (the guardian adopts the running groups).
// - Node-local settings (cluster.state_dir, cluster.log_file) are not synced: each node keeps its own.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { EffectiveConfig } from '../config/load.js';
import { parseConfigText } from '../config/load.js';
import type { NodeSummary } from '../core/types.js';
import { RosehaError, isRosehaError, type Problem } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { EventInput } from './events.js';

/** The same hash the worker puts in its heartbeats: the config without the node-local settings. */
export { configHash } from '../config/hash.js';
import { configHash } from '../config/hash.js';

const localKeys = ['state_dir', 'log_file'] as const;
export type LocalSettings = Partial<Record<(typeof localKeys)[number], string>>;

/** This node's own values of the settings that are not synced, read from its config text. */
export function localSettingsOf(text: string): LocalSettings {
  const raw = parseToml(text) as { cluster?: Record<string, unknown> };
  const out: LocalSettings = {};
  for (const k of localKeys) if (typeof raw.cluster?.[k] === 'string') out[k] = raw.cluster[k] as string;
  return out;
}

/**
 * Puts this node's local settings into a config text from the other node, line by line in the
 * [cluster] table, so that comments and layout survive.
 */
export function withLocalSettings(text: string, local: LocalSettings): string {
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((l) => /^\s*\[cluster\]\s*(#.*)?$/.test(l));
  if (header < 0) return text;
  let end = lines.findIndex((l, i) => i > header && /^\s*\[/.test(l));
  if (end < 0) end = lines.length;
  for (const k of localKeys) {
    const re = new RegExp(`^\\s*${k}\\s*=`);
    const at = lines.findIndex((l, i) => i > header && i < end && re.test(l));
    const value = local[k];
    if (value !== undefined) {
      const line = `${k} = ${JSON.stringify(value)}`;
      if (at >= 0) lines[at] = line;
      else {
        lines.splice(header + 1, 0, line);
        end += 1;
      }
    } else if (at >= 0) {
      lines.splice(at, 1);
      end -= 1;
    }
  }
  return lines.join('\n');
}

/** Sets the top-level `generation = N` (before the first table, where TOML wants it). */
export function withGeneration(text: string, generation: number): string {
  const lines = text.split(/\r?\n/);
  const firstTable = lines.findIndex((l) => /^\s*\[/.test(l));
  const limit = firstTable < 0 ? lines.length : firstTable;
  const at = lines.findIndex((l, i) => i < limit && /^\s*generation\s*=/.test(l));
  if (at >= 0) lines[at] = `generation = ${generation}`;
  else lines.splice(0, 0, `generation = ${generation}`);
  return lines.join('\n');
}

export interface ConfigState {
  node: string;
  generation: number;
  hash: string;
  text: string;
}

export interface PushRequest {
  text: string;
  force?: boolean;
  dryRun?: boolean;
  by: string;
}

export interface PushResult {
  generation: number;
  hash: string;
  /** What happened on the peer. */
  peer: 'committed' | 'unreachable' | 'commit-failed' | 'dry-run';
  message: string;
  warnings: Problem[];
}

export interface PrepareRequest {
  txid: string;
  text: string;
  generation: number;
  force?: boolean;
  from: string;
}

/** The peer's API, as far as config sync needs it (an AgentClient in the agent, a fake in tests). */
export interface PeerApi {
  call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
}

export interface ConfigSyncLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ConfigSyncOptions {
  config: EffectiveConfig;
  self: string;
  /** The peer's API; null when this node has no token (then sync is off). */
  peer: PeerApi | null;
  log: ConfigSyncLogger;
  /** Into the worker's event stream (and so to the alerts). */
  emit(e: EventInput): void;
  /** Restart the worker with the committed config. */
  reload(reason: string): void;
  /** Monotonic ms. */
  now?: () => number;
  /** Minimum time between two pulls (or two failed ones). */
  pullEveryMs?: number;
}

interface Prepared {
  tmp: string;
  generation: number;
  hash: string;
  at: number;
}

const unreachable = (err: unknown) => isRosehaError(err) && err.exitCode === ExitCode.unreachable;

export class ConfigSync {
  private readonly file: string;
  private readonly hash: string;
  private readonly prepared = new Map<string, Prepared>();
  private conflict: { peerGeneration: number; peerHash: string } | null = null;
  private peerSeen: { generation: number; hash: string } | null = null;
  private pulling = false;
  private lastPullAt = -Infinity;
  private committed = false;
  private readonly now: () => number;

  constructor(private readonly opts: ConfigSyncOptions) {
    this.file = opts.config.paths.config;
    this.hash = configHash(opts.config);
    this.now = opts.now ?? (() => performance.now());
    this.dropStalePrepared();
  }

  /** Temp files of transactions an earlier worker prepared and never committed (it restarted). */
  private dropStalePrepared(): void {
    const prefix = `.${basename(this.file)}.pending-`;
    try {
      for (const f of readdirSync(dirname(this.file))) if (f.startsWith(prefix)) rmSync(join(dirname(this.file), f), { force: true });
    } catch {
      // An unreadable folder is reported when the config is written, not here.
    }
  }

  get generation(): number {
    return this.opts.config.generation;
  }

  current(): ConfigState {
    return { node: this.opts.self, generation: this.generation, hash: this.hash, text: readFileSync(this.file, 'utf8') };
  }

  /** For `status`: a conflict is a problem with a code until it is resolved. */
  problems(): Array<{ code: string; message: string }> {
    if (!this.conflict) return [];
    return [
      {
        code: 'RHA-E5241',
        message: `config conflict: both nodes have generation ${this.generation} with different content (edited during a partition); resolve with \`roseha config diff\`, then \`roseha config push --force\` from the node whose config is right`,
      },
    ];
  }

  // ---- push (the coordinator) ------------------------------------------------------------------

  async push(req: PushRequest): Promise<PushResult> {
    if (this.conflict && !req.force) {
      throw new RosehaError('RHA-E5242', `refused: the nodes' configs conflict (both at generation ${this.generation}, different content); check \`roseha config diff\`, then push again with --force to make this one win`, { exitCode: ExitCode.refused });
    }
    const peerGen = this.peerSeen?.generation ?? 0;
    if (peerGen > this.generation && !req.force) {
      throw new RosehaError('RHA-E5249', `refused: the peer has a newer config (generation ${peerGen}, this node ${this.generation}) that this node has not pulled yet; wait a moment and edit again, or push with --force to override it`, { exitCode: ExitCode.refused });
    }
    const generation = Math.max(this.generation, peerGen) + 1;
    const { text, hash, warnings } = this.check(withGeneration(req.text, generation));
    if (req.dryRun) {
      // The peer validates too (it writes nothing): a config valid here but not there is found now.
      let there = 'the peer was not reached';
      if (this.opts.peer) {
        try {
          await this.opts.peer.call('POST', '/v1/config/txn', { phase: 'prepare', txid: '0000000000000000', text, generation, force: req.force === true, from: this.opts.self, dryRun: true });
          there = 'valid on the peer too';
        } catch (err) {
          if (!unreachable(err)) throw new RosehaError('RHA-E5244', `the peer would refuse it: ${(err as RosehaError).code ?? ''} ${(err as Error).message}`, { exitCode: ExitCode.refused });
        }
      }
      return { generation, hash, peer: 'dry-run', message: `valid here, ${there}; would commit generation ${generation} on both nodes`, warnings };
    }
    const txid = randomBytes(8).toString('hex');
    this.prepareLocal(txid, text, generation, hash);
    let peer: PushResult['peer'] = 'unreachable';
    if (this.opts.peer) {
      try {
        await this.opts.peer.call('POST', '/v1/config/txn', { phase: 'prepare', txid, text, generation, force: req.force === true, from: this.opts.self } satisfies PrepareRequest & { phase: string });
        peer = 'committed';
      } catch (err) {
        if (!unreachable(err)) {
          this.abort(txid);
          const e = err as RosehaError;
          throw new RosehaError('RHA-E5244', `the peer refused the new config, nothing was changed on either node: ${e.code ?? ''} ${e.message}`, { exitCode: ExitCode.refused, details: { peerCode: e.code } });
        }
      }
      if (peer === 'committed') {
        try {
          await this.opts.peer.call('POST', '/v1/config/txn', { phase: 'commit', txid });
        } catch (err) {
          // Prepared there, committed here: the peer pulls this generation when it hears it.
          peer = 'commit-failed';
          this.opts.log.warn({ code: 'RHA-W5245', err: (err as Error).message }, 'the peer did not confirm the commit: it will pull the new config');
        }
      }
    }
    this.commit({ txid }, req.by);
    const where = peer === 'committed' ? 'on both nodes' : `on ${this.opts.self} only: the peer was not reached and pulls it when it returns (RHA-W5245)`;
    return { generation, hash, peer, message: `config generation ${generation} committed ${where}`, warnings };
  }

  // ---- the participant's side (also used by the coordinator for itself) ------------------------

  /** Phase one on the peer: validate, write the temp file. */
  prepare(req: PrepareRequest & { dryRun?: boolean }): { ok: true; generation: number; hash: string } {
    if (req.generation <= this.generation && !req.force) {
      throw new RosehaError('RHA-E5249', `refused: ${this.opts.self} already has generation ${this.generation} (the push would be ${req.generation}); push again`, { exitCode: ExitCode.refused });
    }
    if (this.conflict && !req.force) {
      throw new RosehaError('RHA-E5242', `refused: ${this.opts.self} sees a config conflict; push with --force to resolve it`, { exitCode: ExitCode.refused });
    }
    const { text, hash } = this.check(withGeneration(req.text, req.generation));
    if (req.dryRun) return { ok: true, generation: req.generation, hash };
    this.prepareLocal(req.txid, text, req.generation, hash);
    this.opts.log.info({ code: 'RHA-I5251', generation: req.generation, from: req.from }, `config generation ${req.generation} from ${req.from} prepared`);
    return { ok: true, generation: req.generation, hash };
  }

  /** Phase two: the rename. */
  commit(req: { txid: string }, by = 'peer'): { ok: true; generation: number } {
    const p = this.prepared.get(req.txid);
    if (!p) throw new RosehaError('RHA-E5248', `no prepared config with transaction ${req.txid} (expired, or this agent restarted): push again`, { exitCode: ExitCode.refused });
    renameSync(p.tmp, this.file);
    this.prepared.delete(req.txid);
    this.installed(p.generation, p.hash, `committed by ${by}`);
    return { ok: true, generation: p.generation };
  }

  abort(txid: string): { ok: true } {
    const p = this.prepared.get(txid);
    if (p) rmSync(p.tmp, { force: true });
    this.prepared.delete(txid);
    return { ok: true };
  }

  /** The peer's config as it runs there (`roseha config diff`). */
  async peerConfig(): Promise<ConfigState> {
    if (!this.opts.peer) throw new RosehaError('RHA-E5252', 'this node has no API token, so it cannot reach the peer\'s API (remote API off): run `roseha config init` and copy api.token, api.crt and api.key to both nodes', { exitCode: ExitCode.refused });
    return this.opts.peer.call<ConfigState>('GET', '/v1/config');
  }

  // ---- catching up ------------------------------------------------------------------------------

  /** Every heartbeat from the peer: pull a newer generation, flag a conflict. */
  onPeerSummary(s: Pick<NodeSummary, 'configGeneration' | 'configHash'>): void {
    this.peerSeen = { generation: s.configGeneration, hash: s.configHash };
    if (this.committed) return;
    if (s.configGeneration === this.generation && s.configHash !== this.hash) {
      if (!this.conflict) {
        this.conflict = { peerGeneration: s.configGeneration, peerHash: s.configHash };
        this.emit({ code: 'RHA-E5241', severity: 'error', message: `config conflict: this node and the peer both have generation ${this.generation} with different content; nothing is pulled until \`roseha config push --force\`` });
      }
      return;
    }
    if (this.conflict) {
      this.conflict = null;
      this.emit({ code: 'RHA-I5250', severity: 'info', message: 'config conflict resolved' });
    }
    if (s.configGeneration > this.generation) void this.pull(s.configGeneration);
  }

  private async pull(wanted: number): Promise<void> {
    if (this.pulling || !this.opts.peer || this.now() - this.lastPullAt < (this.opts.pullEveryMs ?? 3000)) return;
    this.pulling = true;
    this.lastPullAt = this.now();
    try {
      const theirs = await this.opts.peer.call<ConfigState>('GET', '/v1/config');
      if (theirs.generation <= this.generation) return;
      const { text, hash } = this.check(theirs.text);
      if (hash !== theirs.hash) {
        throw new RosehaError('RHA-E5246', `the peer's config did not arrive intact (hash ${hash}, announced ${theirs.hash})`);
      }
      writeFileAtomic(this.file, text);
      this.installed(theirs.generation, hash, `pulled from ${theirs.node}`, 'RHA-I5247');
    } catch (err) {
      const e = err as RosehaError;
      this.opts.log.error({ code: 'RHA-E5246', wanted, cause: e.code, err: e.message }, `cannot take the peer's config generation ${wanted}: ${e.message}; the running config stays`);
    } finally {
      this.pulling = false;
    }
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /** Localises, validates, and checks that the result still names this node. */
  private check(incoming: string): { text: string; hash: string; warnings: Problem[] } {
    let text: string;
    try {
      text = withLocalSettings(incoming, localSettingsOf(readFileSync(this.file, 'utf8')));
    } catch (err) {
      throw new RosehaError('RHA-E5243', `cannot read this node's running config to keep its local settings: ${(err as Error).message}`);
    }
    const { config, problems } = parseConfigText(text, this.file);
    const errors = problems.filter((p) => p.severity === 'error');
    if (!config || errors.length > 0) {
      throw new RosehaError('RHA-E5243', `the new config is invalid, nothing was changed: ${errors.map((e) => `${e.where ? e.where + ': ' : ''}${e.message} (${e.code})`).join('; ')}`, {
        exitCode: ExitCode.usage,
        details: { problems },
      });
    }
    if (!config.node.some((n) => n.name === this.opts.self)) {
      throw new RosehaError('RHA-E5243', `the new config has no [[node]] named ${this.opts.self}: this node could not run with it`, { exitCode: ExitCode.usage });
    }
    return { text, hash: configHash(config), warnings: problems.filter((p) => p.severity === 'warning') };
  }

  private prepareLocal(txid: string, text: string, generation: number, hash: string): void {
    for (const [id, p] of this.prepared) if (this.now() - p.at > 60_000) this.abort(id);
    const tmp = join(dirname(this.file), `.${basename(this.file)}.pending-${txid}`);
    writeFileAtomic(tmp, text);
    this.prepared.set(txid, { tmp, generation, hash, at: this.now() });
  }

  private emit(e: EventInput): void {
    this.opts.emit(e);
    const line = { code: e.code, ...(e.data ? { data: e.data } : {}) };
    if (e.severity === 'error') this.opts.log.error(line, e.message);
    else if (e.severity === 'warning') this.opts.log.warn(line, e.message);
    else this.opts.log.info(line, e.message);
  }

  private installed(generation: number, hash: string, how: string, code = 'RHA-I5240'): void {
    this.committed = true;
    this.conflict = null;
    this.emit({ code, severity: 'info', message: `config generation ${generation} ${how} (was ${this.generation}): restarting the worker to apply it`, data: { generation, hash } });
    this.opts.reload(`config generation ${generation}`);
  }
}

/** The status report with the sync's problems added (a conflict makes the cluster degraded). */
export function withSyncProblems<T extends { problems: Array<{ code: string; message: string }>; degraded: boolean }>(report: T, sync: Pick<ConfigSync, 'problems'>): T {
  const extra = sync.problems();
  if (extra.length === 0) return report;
  return { ...report, problems: [...report.problems, ...extra], degraded: true };
}
