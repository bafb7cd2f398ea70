// The agent's API as one table: each route says whether it writes, so that a read-only token
// (or the console's login) can never reach a write by accident.
import type { AgentEvent, StatusReport } from '../../core/status.js';
import { RosehaError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import type { ConfigState, PrepareRequest, PushRequest, PushResult } from '../config-sync.js';

export interface ConfigApi {
  current(): ConfigState;
  push(req: PushRequest): Promise<PushResult>;
  prepare(req: PrepareRequest & { dryRun?: boolean }): unknown;
  commit(req: { txid: string }): unknown;
  abort(txid: string): unknown;
  /** The peer's config, fetched by this agent over the peer's API. */
  peerConfig(): Promise<ConfigState>;
}

/** What the worker offers the API; the API knows nothing else of the agent. */
export interface AgentApi {
  status(): StatusReport;
  /** Recent events (ring), newest last, then live ones through subscribe. */
  recentEvents(sinceId?: number): AgentEvent[];
  subscribe(listener: (e: AgentEvent) => void): () => void;
  /** The bounded ring of decision inputs, for `roseha simulate --input`. */
  decisions(): unknown[];
  act(action: ActionRequest): Promise<ActionResponse>;
  /** Config sync (src/agent/config-sync.ts); absent in fakes. */
  config?: ConfigApi;
  /** `roseha alert test`: every configured channel, past the throttle (dryRun: just list them). */
  testAlerts?(req: { by: string; dryRun: boolean }): Promise<{ channels: Array<{ channel: string; ok: boolean; detail: string }> }>;
  /** This node's log records (JSON lines of its log file), oldest first; for `roseha log` on the peer. */
  log?(query: { since?: string; limit: number }): Promise<LogRecord[]>;
}

/** One line of the agent's JSON log (pino): time in ms since the epoch, level, code, msg, and more. */
export type LogRecord = { time: number; level: number; node?: string; code?: string; msg?: string } & Record<string, unknown>;

export type ActionRequest =
  | { kind: 'move'; group: string; node?: string; pin?: boolean; dryRun?: boolean; by: string }
  | { kind: 'lock' | 'unlock'; group: string; dryRun?: boolean; by: string; reason?: string }
  /** Drops a move constraint (a pin, or a move not done yet): pcs `resource clear`. */
  | { kind: 'clear'; group: string; dryRun?: boolean; by: string }
  | { kind: 'standby' | 'online'; node: string; dryRun?: boolean; by: string }
  | { kind: 'maintenance'; on: boolean; dryRun?: boolean; by: string }
  | { kind: 'cleanup'; group?: string; dryRun?: boolean; by: string };

export interface ActionResponse {
  accepted: boolean;
  /** What will happen (or would, with dryRun), in order, per node. */
  plan: Array<{ node: string; step: string; commands?: string[] }>;
  message: string;
  /** The node that answered. */
  node?: string;
  /** For a move: the group, where it runs and where it goes (`roseha move` waits on these). */
  group?: string;
  from?: string | null;
  to?: string;
  /** Constraints left behind and how to lift them (a pin: `roseha clear GROUP`). */
  hints?: string[];
  /** The id of this node's newest event when the request was taken: follow `/v1/events?since=` from it. */
  eventId?: number;
}

export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** Who asked: "local" (socket) or the token's name. */
  by: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  write: boolean;
  /** Server-sent events instead of one JSON answer. */
  stream?: boolean;
  handle(api: AgentApi, req: RouteRequest): Promise<unknown> | unknown;
}

const str = (v: unknown, field: string): string => {
  if (typeof v !== 'string' || v.length === 0 || v.length > 200) {
    throw new RosehaError('RHA-E2010', `field "${field}" must be a non-empty string`, { exitCode: ExitCode.usage });
  }
  return v;
};
const optStr = (v: unknown, field: string) => (v === undefined ? undefined : str(v, field));
const bool = (v: unknown) => v === true;

// ---- config sync and alerts (issue 6) ----
const needConfig = (api: AgentApi): ConfigApi => {
  if (!api.config) throw new RosehaError('RHA-E5252', 'config sync is not available on this agent', { exitCode: ExitCode.refused });
  return api.config;
};
const configText = (v: unknown): string => {
  if (typeof v !== 'string' || v.length === 0 || v.length > 60_000) throw new RosehaError('RHA-E2010', 'field "text" must be the config file\'s text (at most 60000 characters)', { exitCode: ExitCode.usage });
  return v;
};
const txid = (v: unknown): string => {
  if (typeof v !== 'string' || !/^[0-9a-f]{16}$/.test(v)) throw new RosehaError('RHA-E2010', 'field "txid" must be 16 hex digits', { exitCode: ExitCode.usage });
  return v;
};

export const adminRoutes: readonly Route[] = [
  { method: 'GET', path: '/v1/config', write: false, handle: (api) => needConfig(api).current() },
  {
    method: 'PUT',
    path: '/v1/config',
    write: true,
    handle: (api, r) => needConfig(api).push({ text: configText(r.body.text), force: bool(r.body.force), dryRun: bool(r.body.dryRun), by: r.by }),
  },
  { method: 'GET', path: '/v1/config/peer', write: false, handle: (api) => needConfig(api).peerConfig() },
  {
    // The two-phase commit between the nodes: prepare (validate, write a temp file), commit (rename), abort.
    method: 'POST',
    path: '/v1/config/txn',
    write: true,
    handle: (api, r) => {
      const c = needConfig(api);
      switch (r.body.phase) {
        case 'prepare':
          if (typeof r.body.generation !== 'number' || !Number.isInteger(r.body.generation)) throw new RosehaError('RHA-E2010', 'field "generation" must be an integer', { exitCode: ExitCode.usage });
          return c.prepare({ txid: txid(r.body.txid), text: configText(r.body.text), generation: r.body.generation, force: bool(r.body.force), from: str(r.body.from, 'from'), dryRun: bool(r.body.dryRun) });
        case 'commit':
          return c.commit({ txid: txid(r.body.txid) });
        case 'abort':
          return c.abort(txid(r.body.txid));
        default:
          throw new RosehaError('RHA-E2010', 'field "phase" must be "prepare", "commit" or "abort"', { exitCode: ExitCode.usage });
      }
    },
  },
  {
    method: 'POST',
    path: '/v1/alerts/test',
    write: true,
    handle: (api, r) => {
      if (!api.testAlerts) throw new RosehaError('RHA-E5224', 'alerts are not available on this agent', { exitCode: ExitCode.refused });
      return api.testAlerts({ by: r.by, dryRun: bool(r.body.dryRun) });
    },
  },
];

export const routes: readonly Route[] = [
  { method: 'GET', path: '/v1/status', write: false, handle: (api) => api.status() },
  { method: 'GET', path: '/v1/events', write: false, stream: true, handle: () => undefined },
  { method: 'GET', path: '/v1/decisions', write: false, handle: (api) => ({ decisions: api.decisions() }) },
  {
    method: 'POST',
    path: '/v1/groups/:group/move',
    write: true,
    handle: (api, r) =>
      api.act({ kind: 'move', group: r.params.group!, node: optStr(r.body.node, 'node'), pin: bool(r.body.pin), dryRun: bool(r.body.dryRun), by: r.by }),
  },
  {
    method: 'POST',
    path: '/v1/groups/:group/lock',
    write: true,
    handle: (api, r) => api.act({ kind: 'lock', group: r.params.group!, reason: optStr(r.body.reason, 'reason'), dryRun: bool(r.body.dryRun), by: r.by }),
  },
  {
    method: 'POST',
    path: '/v1/groups/:group/unlock',
    write: true,
    handle: (api, r) => api.act({ kind: 'unlock', group: r.params.group!, dryRun: bool(r.body.dryRun), by: r.by }),
  },
  {
    method: 'POST',
    path: '/v1/groups/:group/cleanup',
    write: true,
    handle: (api, r) => api.act({ kind: 'cleanup', group: r.params.group!, dryRun: bool(r.body.dryRun), by: r.by }),
  },
  {
    method: 'POST',
    path: '/v1/groups/:group/clear',
    write: true,
    handle: (api, r) => api.act({ kind: 'clear', group: r.params.group!, dryRun: bool(r.body.dryRun), by: r.by }),
  },
  {
    method: 'POST',
    path: '/v1/cleanup',
    write: true,
    handle: (api, r) => api.act({ kind: 'cleanup', dryRun: bool(r.body.dryRun), by: r.by }),
  },
  {
    method: 'GET',
    path: '/v1/log',
    write: false,
    handle: async (api, r) => {
      const since = r.query.get('since') ?? undefined;
      if (since !== undefined && Number.isNaN(Date.parse(since))) {
        throw new RosehaError('RHA-E2010', `query "since" must be an ISO 8601 time, got "${since}"`, { exitCode: ExitCode.usage });
      }
      const limit = Math.min(Math.max(Number(r.query.get('limit') ?? 5000) || 5000, 1), 20_000);
      return { node: api.status().node, records: api.log ? await api.log({ ...(since ? { since } : {}), limit }) : [] };
    },
  },
  {
    method: 'POST',
    path: '/v1/nodes/:node/standby',
    write: true,
    handle: (api, r) => api.act({ kind: 'standby', node: r.params.node!, dryRun: bool(r.body.dryRun), by: r.by }),
  },
  {
    method: 'POST',
    path: '/v1/nodes/:node/online',
    write: true,
    handle: (api, r) => api.act({ kind: 'online', node: r.params.node!, dryRun: bool(r.body.dryRun), by: r.by }),
  },
  {
    method: 'POST',
    path: '/v1/maintenance',
    write: true,
    handle: (api, r) => {
      if (typeof r.body.on !== 'boolean') throw new RosehaError('RHA-E2010', 'field "on" must be true or false', { exitCode: ExitCode.usage });
      return api.act({ kind: 'maintenance', on: r.body.on, dryRun: bool(r.body.dryRun), by: r.by });
    },
  },
  ...adminRoutes,
];

/** Matches `/v1/groups/erp/move` against `/v1/groups/:group/move`. */
export function matchRoute(method: string, pathname: string): { route: Route; params: Record<string, string> } | undefined {
  const parts = pathname.split('/').filter(Boolean);
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const p = pattern[i]!;
      const v = parts[i]!;
      if (p.startsWith(':')) {
        try {
          params[p.slice(1)] = decodeURIComponent(v);
        } catch {
          ok = false;
        }
      } else ok = p === v;
    }
    if (ok) return { route, params };
  }
  return undefined;
}
