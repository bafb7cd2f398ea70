// The only way commands reach an agent: its HTTP JSON API, on the local socket or (with --host)
// over HTTPS with a pinned certificate and a token. Commands never import agent internals.
import type { IncomingMessage, RequestOptions } from 'node:http';
import type { PinPolicy } from './pinning.js';
import type { AgentEvent, StatusReport } from '../core/status.js';
import type { ActionResponse } from '../agent/api/routes.js';
import { RosehaError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { socketRequest } from './socket-http.js';

export interface ClientTarget {
  /** Unix socket path or Windows pipe. */
  socketPath?: string;
  /** host:port of a remote agent. */
  host?: string;
  token?: string;
  timeoutMs?: number;
  /** How the remote agent's certificate is checked (with host). */
  pin?: PinPolicy;
}

function exitCodeForHttp(status: number): number {
  if (status === 400) return ExitCode.usage;
  if (status === 409) return ExitCode.refused;
  return ExitCode.error;
}

interface Answer {
  status: number;
  body: Buffer;
}

/** One request over node:http and its whole answer; rejects with the transport's error. */
async function httpExchange(opts: RequestOptions, text: string | undefined, timeoutMs: number): Promise<Answer> {
  if (text !== undefined) opts.headers = { ...opts.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) };
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 500, body: Buffer.concat(chunks) }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    if (text !== undefined) req.write(text);
    req.end();
  });
}

export class AgentClient {
  constructor(readonly target: ClientTarget) {}

  /** Request options; for a remote agent, over a TLS socket whose certificate was already checked. */
  private async options(method: string, path: string): Promise<RequestOptions> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.target.token) headers.authorization = `Bearer ${this.target.token}`;
    if (this.target.host) {
      const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(this.target.host);
      if (!m) throw new RosehaError('RHA-E1010', `--host must be host:port, got "${this.target.host}"`, { exitCode: ExitCode.usage });
      // Loaded here: a local agent (the socket) needs no certificate pinning (issue #2).
      const { connectPinned } = await import('./pinning.js');
      const socket = await connectPinned(m[1]!, Number(m[2]), this.target.pin ?? {}, this.target.timeoutMs ?? 10_000);
      // No agent: the request goes over this one checked socket (an https agent would open its own).
      return { host: m[1], port: Number(m[2]), method, path, headers, createConnection: () => socket };
    }
    // An empty servername tells Node's http Agent not to derive one (TLS only) from the host: its
    // net.isIP() check compiles the IPv6 pattern, ~9 ms of a `roseha status` that talks to a socket.
    const local: RequestOptions & { servername: string } = { socketPath: this.target.socketPath, servername: '', method, path, headers };
    return local;
  }

  private where(): string {
    return this.target.host ?? this.target.socketPath ?? '(nowhere)';
  }

  async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const timeoutMs = this.target.timeoutMs ?? 10_000;
    // A remote agent's connection is set up (and its certificate checked) first; its errors are its own.
    const remote = this.target.host ? await this.options(method, path) : undefined;
    let answer: Answer;
    try {
      answer = remote ? await httpExchange(remote, text, timeoutMs) : await this.socketExchange(method, path, text, timeoutMs);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new RosehaError('RHA-E2090', `cannot reach the agent at ${this.where()}: ${e.code ?? e.message}`, { exitCode: ExitCode.unreachable, cause: e });
    }
    const raw = answer.body.toString('utf8');
    let parsed: unknown;
    try {
      parsed = raw ? JSON.parse(raw) : {};
    } catch {
      throw new RosehaError('RHA-E2091', `the agent at ${this.where()} answered something that is not JSON`);
    }
    if (answer.status >= 200 && answer.status < 300) return parsed as T;
    const e = (parsed as { error?: { code?: string; message?: string } }).error;
    throw new RosehaError(e?.code ?? 'RHA-E2091', e?.message ?? `HTTP ${answer.status}`, { exitCode: exitCodeForHttp(answer.status), details: { status: answer.status } });
  }

  /** The local agent: over node:net alone (socket-http.ts), without loading node:http (issue #2). */
  private socketExchange(method: string, path: string, text: string | undefined, timeoutMs: number): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.target.token) headers.authorization = `Bearer ${this.target.token}`;
    if (text !== undefined) headers['content-type'] = 'application/json';
    return socketRequest({ socketPath: this.target.socketPath ?? '', method, path, headers, body: text, timeoutMs });
  }

  status(): Promise<StatusReport> {
    return this.call<StatusReport>('GET', '/v1/status');
  }

  act(path: string, body: Record<string, unknown>): Promise<ActionResponse> {
    return this.call<ActionResponse>('POST', path, body);
  }

  /** Follows the event stream until `signal` aborts or the agent goes away. */
  async *events(opts: { since?: number; signal?: AbortSignal } = {}): AsyncGenerator<AgentEvent> {
    const base = await this.options('GET', `/v1/events${opts.since !== undefined ? `?since=${opts.since}` : ''}`);
    const { request } = await import('node:http');
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request({ ...base, headers: { ...base.headers, accept: 'text/event-stream' }, ...(opts.signal ? { signal: opts.signal } : {}) }, resolve);
      req.on('error', (err: NodeJS.ErrnoException) =>
        reject(new RosehaError('RHA-E2090', `cannot reach the agent at ${this.where()}: ${err.code ?? err.message}`, { exitCode: ExitCode.unreachable })),
      );
      req.end();
    });
    if (res.statusCode !== 200) throw new RosehaError('RHA-E2091', `event stream refused: HTTP ${res.statusCode}`);
    let buf = '';
    try {
      for await (const chunk of res) {
        buf += (chunk as Buffer).toString('utf8');
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data) yield JSON.parse(data) as AgentEvent;
        }
      }
    } catch (err) {
      if ((err as Error).name !== 'AbortError') throw err;
    }
  }
}

/**
 * The agent a command talks to, without loading the config's TOML parser when ROSEHA_SOCKET names
 * the socket: `status` must start fast (issue #2). Anything else is src/client/locate.ts's answer.
 * Here rather than in a module of its own: each module is a file to read at start-up.
 */
export async function resolveClientTarget(
  globals: { config?: string; host?: string; token?: string; fingerprint?: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<ClientTarget> {
  // The same precedence as clientTarget(): --host first, then ROSEHA_SOCKET.
  if (!globals.host && env.ROSEHA_SOCKET) return { socketPath: env.ROSEHA_SOCKET };
  const { clientTarget } = await import('./locate.js');
  return clientTarget(globals, env);
}
