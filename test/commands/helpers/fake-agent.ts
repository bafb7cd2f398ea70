// A fake agent client for command tests (GitHub CLI's httpmock): every call must have been stubbed,
// in order; an unexpected call fails the command, and verify() reports stubs never used.
import type { OperatorClient } from '../../../src/commands/act.js';
import { useConnector } from '../../../src/commands/act.js';
import type { AgentEvent, StatusReport } from '../../../src/core/status.js';
import type { ActionResponse } from '../../../src/agent/api/routes.js';
import { RosehaError } from '../../../src/errors.js';
import { ExitCode } from '../../../src/exit-codes.js';

type Reply = unknown | ((body: unknown) => unknown);
interface Stub {
  method: string;
  path: string;
  body?: unknown;
  reply: Reply;
  used: boolean;
  repeat: boolean;
}

export class FakeAgent implements OperatorClient {
  readonly calls: Array<{ method: string; path: string; body?: unknown }> = [];
  readonly unexpected: string[] = [];
  private stubs: Stub[] = [];
  private eventScript: AgentEvent[] | null = null;
  private streamDelayMs = 0;
  readonly eventRequests: Array<{ since?: number }> = [];

  /** Answers the first unused stub for method+path (and body, when given). */
  on(method: string, path: string, reply: Reply, body?: unknown): this {
    this.stubs.push({ method, path, body, reply, used: false, repeat: false });
    return this;
  }
  /** Answers every matching call (after the one-shot stubs are used up). */
  always(method: string, path: string, reply: Reply): this {
    this.stubs.push({ method, path, reply, used: false, repeat: true });
    return this;
  }
  /** The event stream: these events (after `delayMs`: a stream slow to connect), then it stays open until the caller aborts. */
  streams(events: AgentEvent[], delayMs = 0): this {
    this.eventScript = events;
    this.streamDelayMs = delayMs;
    return this;
  }

  async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    this.calls.push({ method, path, ...(body === undefined ? {} : { body }) });
    const stub =
      this.stubs.find((s) => !s.used && !s.repeat && s.method === method && s.path === path && (s.body === undefined || JSON.stringify(s.body) === JSON.stringify(body))) ??
      this.stubs.find((s) => s.repeat && s.method === method && s.path === path);
    if (!stub) {
      const text = `${method} ${path} ${body === undefined ? '' : JSON.stringify(body)}`;
      this.unexpected.push(text);
      throw new Error(`FakeAgent: unexpected call ${text}`);
    }
    stub.used = true;
    const r = typeof stub.reply === 'function' ? (stub.reply as (b: unknown) => unknown)(body) : stub.reply;
    if (r instanceof Error) throw r;
    return structuredClone(r) as T;
  }
  status(): Promise<StatusReport> {
    return this.call('GET', '/v1/status');
  }
  act(path: string, body: Record<string, unknown>): Promise<ActionResponse> {
    return this.call('POST', path, body);
  }
  async *events(opts: { since?: number; signal?: AbortSignal } = {}): AsyncGenerator<AgentEvent> {
    this.eventRequests.push(opts.since === undefined ? {} : { since: opts.since });
    if (!this.eventScript) {
      this.unexpected.push('GET /v1/events');
      throw new Error('FakeAgent: unexpected event stream');
    }
    if (this.streamDelayMs) await new Promise((r) => setTimeout(r, this.streamDelayMs));
    if (opts.signal?.aborted) return; // as a real stream: an aborted request brings nothing more
    // Like the agent: with `since`, the ring after that id; without, live events only (here: all).
    for (const e of this.eventScript) if (opts.since === undefined || e.id > opts.since) yield e;
    if (!opts.signal) return;
    await new Promise<void>((resolve) => (opts.signal!.aborted ? resolve() : opts.signal!.addEventListener('abort', () => resolve())));
  }

  verify(): void {
    const problems = [...this.unexpected.map((u) => `unexpected: ${u}`), ...this.stubs.filter((s) => !s.used).map((s) => `never used: ${s.method} ${s.path}`)];
    if (problems.length) throw new Error(`FakeAgent:\n  ${problems.join('\n  ')}`);
  }

  /** Routes every command's connect() here (and a connect to another target, the peer, to `peer`) until the returned function runs. */
  install(peer?: FakeAgent): () => void {
    return useConnector(async (_ctx, target) => {
      if (!target) return this;
      if (!peer) {
        this.unexpected.push(`connect to ${JSON.stringify(target)}`);
        throw new Error(`FakeAgent: unexpected connection to ${JSON.stringify(target)}`);
      }
      peer.targets.push(target);
      return peer;
    });
  }
  readonly targets: unknown[] = [];
}

export const refused = (code: string, message: string) => new RosehaError(code, message, { exitCode: ExitCode.refused });

export function status(over: Partial<StatusReport> & { active?: string | null; phases?: Record<string, string> } = {}): StatusReport {
  const { active = 'node-a', phases, ...rest } = over;
  return {
    cluster: 'erp',
    node: 'node-a',
    generatedAt: '2026-11-25T00:00:00.000Z',
    configGeneration: 1,
    timing: { profile: 'balanced', heartbeat_ms: 200, dead_after_ms: 1000 },
    maintenance: false,
    nodes: [
      { name: 'node-a', self: true, role: 'active', alive: true, publicOk: true, storageOk: true, standby: false },
      { name: 'node-b', self: false, role: 'standby', alive: true, publicOk: true, storageOk: true, standby: false },
    ],
    links: [],
    groups: [
      {
        name: 'erp',
        activeNode: active,
        phases: (phases ?? { 'node-a': active === 'node-a' ? 'active' : 'stopped', 'node-b': active === 'node-b' ? 'active' : 'stopped' }) as StatusReport['groups'][number]['phases'],
        preferred: ['node-a', 'node-b'],
        failback: 'manual',
        locked: null,
        resources: [],
      },
    ],
    intents: [],
    dropped: {},
    problems: [],
    degraded: false,
    ...rest,
  };
}

export function event(id: number, code: string, message: string, extra: Partial<AgentEvent> = {}): AgentEvent {
  return { id, at: '2026-11-25T00:00:01.000Z', node: 'node-a', code, severity: 'info', message, group: 'erp', ...extra };
}
