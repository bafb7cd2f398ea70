// The only way commands reach an agent: its HTTP JSON API, on the local socket or (with --host)
// over HTTPS with a pinned certificate and a token. Commands never import agent internals.
import { request, type RequestOptions } from 'node:http';
import type { PinPolicy } from './pinning.js';
import type { AgentEvent, StatusReport } from '../core/status.js';
import type { ActionResponse } from '../agent/api/routes.js';
import { RosehaError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';

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

  private send(opts: RequestOptions, onResponse: (res: import('node:http').IncomingMessage) => void) {
    return request(opts, onResponse);
  }

  private where(): string {
    return this.target.host ?? this.target.socketPath ?? '(nowhere)';
  }

  async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const opts = await this.options(method, path);
    if (text !== undefined) opts.headers = { ...opts.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) };
    return new Promise<T>((resolve, reject) => {
      const req = this.send(opts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = raw ? JSON.parse(raw) : {};
          } catch {
            reject(new RosehaError('RHA-E2091', `the agent at ${this.where()} answered something that is not JSON`));
            return;
          }
          const status = res.statusCode ?? 500;
          if (status >= 200 && status < 300) return resolve(parsed as T);
          const e = (parsed as { error?: { code?: string; message?: string } }).error;
          reject(new RosehaError(e?.code ?? 'RHA-E2091', e?.message ?? `HTTP ${status}`, { exitCode: exitCodeForHttp(status), details: { status } }));
        });
      });
      req.setTimeout(this.target.timeoutMs ?? 10_000, () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
      req.on('error', (err: NodeJS.ErrnoException) => {
        reject(
          new RosehaError('RHA-E2090', `cannot reach the agent at ${this.where()}: ${err.code ?? err.message}`, {
            exitCode: ExitCode.unreachable,
            cause: err,
          }),
        );
      });
      if (text !== undefined) req.write(text);
      req.end();
    });
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
    const res = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const req = this.send({ ...base, headers: { ...base.headers, accept: 'text/event-stream' }, ...(opts.signal ? { signal: opts.signal } : {}) }, resolve);
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
