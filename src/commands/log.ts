import { defineCommand } from './types.js';
import type { CommandContext } from './types.js';
import { connect, peerTarget, type OperatorClient } from './act.js';
import type { LogRecord } from '../agent/api/routes.js';

export default defineCommand({
  name: 'log',
  summary: "Both nodes' logs merged by time (this node's file, the peer's through its API); --follow for live events",
  options: [
    { flags: '-f, --follow', description: 'after the history, print events as they happen (Ctrl-C to stop)' },
    { flags: '--since <time>', description: 'from this time (2026-11-25T08:00:00Z) or this long ago (90s, 15m, 2h, 1d); default 1h' },
    { flags: '--node <node>', description: "only this node's lines" },
    { flags: '-n, --lines <count>', description: 'at most this many lines of history per node', default: '1000' },
  ],
  examples: ['roseha log', 'roseha log --since 2h --node node-b', 'roseha log --follow', 'roseha log --json | jq .records[].msg'],
  async run(ctx, _args, opts) {
    const { parseSince, mergeByTime, formatRecord, eventToRecord } = await import('../agent/log-reader.js');
    const sinceMs = parseSince(typeof opts.since === 'string' ? opts.since : '1h', Date.now());
    const limit = Math.max(1, Number(opts.lines) || 1000);
    const only = typeof opts.node === 'string' ? opts.node : undefined;
    const sources = await logSources(ctx);
    const report: Array<{ node: string; via: string; lines: number; error?: string }> = [];
    const lists: LogRecord[][] = [];
    for (const src of sources) {
      if (only && src.node && src.node !== only) continue;
      try {
        const records = (await src.read(sinceMs, limit)).filter((r) => !only || r.node === undefined || r.node === only);
        lists.push(records);
        report.push({ node: src.node ?? '?', via: src.via, lines: records.length });
      } catch (err) {
        report.push({ node: src.node ?? '?', via: src.via, lines: 0, error: (err as Error).message });
      }
    }
    const merged = mergeByTime(lists);
    const unreachable = report.filter((r) => r.error);
    if (!opts.follow && ctx.globals.json) {
      ctx.out.data({ sources: report, records: merged });
      return;
    }
    for (const r of unreachable) ctx.out.problem({ code: 'RHA-W5012', severity: 'warning', message: `the log of ${r.node} (${r.via}) is not reachable: ${r.error}; showing the other node's only` });
    for (const r of merged) ctx.out.line(ctx.globals.json ? JSON.stringify(r) : formatRecord(r));
    if (!opts.follow) return;

    // Live: every reachable agent's event stream, printed as it comes (each line is one event).
    const abort = new AbortController();
    const onInt = () => abort.abort();
    process.once('SIGINT', onInt);
    try {
      await Promise.all(
        sources
          .filter((s) => s.client && (!only || s.node === only) && !report.find((r) => r.via === s.via)?.error)
          .map(async (s) => {
            try {
              // The ring first (since 0), less what the history already showed: no gap, no repeat.
              const shownUntil = merged.reduce((t, r) => (r.node === s.node && r.time > t ? r.time : t), sinceMs - 1);
              for await (const e of s.client!.events({ since: 0, signal: abort.signal })) {
                if (Date.parse(e.at) <= shownUntil) continue;
                const rec = eventToRecord(e);
                ctx.out.line(ctx.globals.json ? JSON.stringify(rec) : formatRecord(rec));
              }
            } catch (err) {
              if (!abort.signal.aborted) ctx.out.problem({ code: 'RHA-W5012', severity: 'warning', message: `lost the event stream of ${s.node ?? s.via}: ${(err as Error).message}` });
            }
          }),
      );
    } finally {
      process.removeListener('SIGINT', onInt);
    }
  },
});

interface LogSource {
  node: string | undefined;
  via: string;
  read(sinceMs: number, limit: number): Promise<LogRecord[]>;
  /** For --follow: the agent whose events continue the history. */
  client?: OperatorClient;
}


const viaApi = (node: string | undefined, via: string, client: OperatorClient): LogSource => ({
  node,
  via,
  client,
  read: async (sinceMs, limit) => {
    const r = await client.call<{ node: string; records: LogRecord[] }>('GET', `/v1/log?since=${encodeURIComponent(new Date(sinceMs).toISOString())}&limit=${limit}`);
    return r.records;
  },
});

/**
 * Where the lines come from. With --host: that agent's API. Otherwise this node's log file, read
 * directly (works with the agent down), and the peer's API (peerTarget).
 */
async function logSources(ctx: CommandContext): Promise<LogSource[]> {
  if (ctx.globals.host) return [viaApi(undefined, ctx.globals.host, await connect(ctx))];
  const { locateConfig } = await import('../config/locate.js');
  const { loadConfigOrThrow } = await import('../config/load.js');
  const { readLogFile } = await import('../agent/log-reader.js');
  const { join } = await import('node:path');
  const { config } = loadConfigOrThrow(locateConfig(ctx.globals.config, ctx.env));
  const file = config.cluster.log_file ?? join(config.paths.state_dir, 'roseha.log');
  const local = await connect(ctx).catch(() => undefined);
  let self: string | undefined;
  try {
    self = (await local?.status())?.node;
  } catch {
    self = undefined;
  }
  if (!self) {
    const { identifyNode } = await import('../agent/node-identity.js');
    try {
      self = identifyNode(config, ctx.env.ROSEHA_NODE);
    } catch {
      self = undefined;
    }
  }
  const sources: LogSource[] = [
    { node: self, via: file, read: async (sinceMs, limit) => readLogFile(file, { sinceMs, limit }), ...(local && self ? { client: local } : {}) },
  ];
  const peer = await peerTarget(ctx, config, self);
  if (!peer) return sources;
  if (!peer.target) return [...sources, { node: peer.node, via: peer.via, read: async () => Promise.reject(new Error(peer.error ?? 'no way to reach it')) }];
  return [...sources, viaApi(peer.node, peer.via, await connect(ctx, peer.target))];
}
