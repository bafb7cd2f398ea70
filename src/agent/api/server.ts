// Serves the route table over HTTP: locally on a Unix socket / named pipe (OS permissions are the
// guard), remotely over HTTPS (TLS, never plain) where every request needs the token.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { timingSafeEqual, createHash } from 'node:crypto';
import { chmodSync, rmSync } from 'node:fs';
import { matchRoute, type AgentApi } from './routes.js';
import { isRosehaError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';

export interface ApiServerOptions {
  api: AgentApi;
  /** Unix socket path or Windows pipe name; no token needed there. */
  socketPath?: string;
  /** Remote access: HTTPS on each address (one config for both nodes may name two). */
  tcp?: { hosts: readonly string[]; port: number; token: string; tls: { cert: string; key: string } };
  /**
   * Served before the API routes (the web console): resolves true when it answered. `authorized` is
   * true on the local socket or with the right token; without it the handler must show no data, and
   * resolving false leaves the request to the API (a 401 on TCP, logged and slowed down).
   */
  extraHandler?: (req: IncomingMessage, res: ServerResponse, authorized: boolean) => boolean | Promise<boolean>;
  /** A TCP address that could not be listened on; without it, start() throws. */
  onListenError?: (info: { host: string; port: number; error: NodeJS.ErrnoException }) => void;
  /** Called for every refused request (audit line). */
  onUnauthorized?: (info: { remote: string; path: string; reason: 'missing' | 'wrong'; failures: number }) => void;
}

const maxBody = 64 * 1024;

function sameToken(given: string, expected: string): boolean {
  // Hash first so that the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function httpStatusFor(exitCode: number): number {
  if (exitCode === ExitCode.usage) return 400;
  if (exitCode === ExitCode.refused) return 409;
  return 500;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > maxBody) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(c as Buffer);
  }
  if (size === 0) return {};
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw Object.assign(new Error('body must be a JSON object'), { status: 400 });
  return parsed as Record<string, unknown>;
}

export class ApiServer {
  private servers: Server[] = [];
  private failures = new Map<string, number>();

  constructor(private readonly opts: ApiServerOptions) {}

  async start(): Promise<void> {
    if (this.opts.socketPath) {
      const path = this.opts.socketPath;
      if (process.platform !== 'win32') rmSync(path, { force: true });
      const s = createServer((req, res) => void this.handle(req, res, 'local'));
      await new Promise<void>((resolve, reject) => s.once('error', reject).listen(path, () => resolve()));
      if (process.platform !== 'win32') chmodSync(path, 0o600);
      this.servers.push(s);
    }
    if (this.opts.tcp) {
      const { hosts, port, tls } = this.opts.tcp;
      for (const host of hosts) {
        const s = createTlsServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, (req, res) => void this.handle(req, res, 'tcp'));
        try {
          await new Promise<void>((resolve, reject) => s.once('error', reject).listen(port, host, () => resolve()));
          this.servers.push(s);
        } catch (err) {
          // The local socket keeps working: a busy port must not stop the agent (with a listener, it is reported).
          if (!this.opts.onListenError) throw err;
          this.opts.onListenError({ host, port, error: err as NodeJS.ErrnoException });
        }
      }
    }
  }

  /** The TCP ports listened on (port 0 in the options picks a free one: tests). */
  tcpPorts(): number[] {
    return this.servers.map((s) => s.address()).flatMap((a) => (a && typeof a === 'object' ? [a.port] : []));
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections?.();
          }),
      ),
    );
    this.servers = [];
  }

  private hasToken(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    return !!this.opts.tcp && header.startsWith('Bearer ') && sameToken(header.slice(7), this.opts.tcp.token);
  }

  private async handle(req: IncomingMessage, res: ServerResponse, via: 'local' | 'tcp'): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://roseha');
    if (this.opts.extraHandler) {
      try {
        if (await this.opts.extraHandler(req, res, via === 'local' || this.hasToken(req))) return;
      } catch (err) {
        if (!res.headersSent) send(res, 500, { error: { code: 'RHA-E1099', message: (err as Error).message } });
        return;
      }
    }
    let by = 'local';
    if (via === 'tcp') {
      const remote = req.socket.remoteAddress ?? 'unknown';
      const header = req.headers.authorization ?? '';
      const token = header.startsWith('Bearer ') ? header.slice(7) : '';
      if (!this.opts.tcp || !token || !sameToken(token, this.opts.tcp.token)) {
        // Bounded: a scan from many addresses must not grow this map without end.
        if (this.failures.size > 10_000) this.failures.clear();
        const n = (this.failures.get(remote) ?? 0) + 1;
        this.failures.set(remote, n);
        this.opts.onUnauthorized?.({ remote, path: url.pathname, reason: token ? 'wrong' : 'missing', failures: n });
        // Repeated failures are slowed down: 100 ms doubling per failure, at most 5 s.
        const delay = Math.min(5000, 100 * 2 ** Math.min(n - 1, 6));
        setTimeout(() => send(res, 401, { error: { code: 'RHA-E2011', message: 'missing or wrong API token' } }), delay);
        return;
      }
      this.failures.delete(remote);
      by = 'token';
    }
    const match = matchRoute(req.method ?? 'GET', url.pathname);
    if (!match) {
      send(res, 404, { error: { code: 'RHA-E2012', message: `no such API route: ${req.method} ${url.pathname}` } });
      return;
    }
    try {
      if (match.route.stream) return this.stream(req, res, url);
      const body = match.route.method === 'GET' ? {} : await readBody(req);
      const result = await match.route.handle(this.opts.api, { params: match.params, query: url.searchParams, body, by });
      send(res, 200, result);
    } catch (err) {
      if (isRosehaError(err)) {
        send(res, httpStatusFor(err.exitCode), { error: { code: err.code, message: err.message } });
      } else if ((err as { status?: number }).status || err instanceof SyntaxError) {
        send(res, (err as { status?: number }).status ?? 400, { error: { code: 'RHA-E2010', message: (err as Error).message } });
      } else {
        send(res, 500, { error: { code: 'RHA-E1099', message: (err as Error).message } });
      }
    }
  }

  /** Server-sent events: the recent ring first (after Last-Event-ID), then live events. */
  private stream(req: IncomingMessage, res: ServerResponse, url: URL): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    // Send the headers now: a client (the web console) learns that the stream is open before the first event.
    res.flushHeaders();
    const since = Number(req.headers['last-event-id'] ?? url.searchParams.get('since') ?? NaN);
    const write = (e: { id: number }) => res.write(`id: ${e.id}\nevent: event\ndata: ${JSON.stringify(e)}\n\n`);
    // Replay only when the client says where it stopped (reconnects, `roseha log`); otherwise live events only.
    if (Number.isFinite(since)) for (const e of this.opts.api.recentEvents(since)) write(e);
    const unsubscribe = this.opts.api.subscribe(write);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }
}
