// The local agent's API over node:net (src/client/socket-http.ts), against a real node:http server
// on a Unix socket, as the agent serves it: what AgentClient makes of every kind of answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentClient } from '../../src/client/index.js';
import { parseResponse } from '../../src/client/socket-http.js';
import { ExitCode } from '../../src/exit-codes.js';

const dir = mkdtempSync(join(tmpdir(), 'roseha-socket-http-'));
const socket = join(dir, 'agent.sock');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Seen {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}
let seen: Seen;
let answer: (res: ServerResponse, req: Seen) => void;
let server: Server;
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      answer(res, seen);
    });
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const json = (status: number, value: unknown) => (res: ServerResponse) => {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
};
const client = (extra: { token?: string; timeoutMs?: number } = {}) => new AgentClient({ socketPath: socket, ...extra });
const failure = (p: Promise<unknown>) => p.then(() => expect.unreachable(), (err: unknown) => err as { code: string; message: string; exitCode: number });

describe('AgentClient on the local socket', () => {
  it('GETs a JSON answer with its length, sending the method, path and headers node:http sent', async () => {
    answer = json(200, { cluster: 'c', degraded: false, nodes: [], groups: [], links: [], intents: [], note: '中文 ✓' });
    expect(await client({ token: 't0k' }).status()).toMatchObject({ cluster: 'c', note: '中文 ✓' });
    expect(seen).toMatchObject({ method: 'GET', url: '/v1/status', body: '' });
    expect(seen.headers).toMatchObject({ host: 'localhost', accept: 'application/json', authorization: 'Bearer t0k', connection: 'close' });
  });

  it('POSTs a JSON body with its length', async () => {
    answer = (res, req) => json(200, { ok: true, echo: JSON.parse(req.body) })(res);
    expect(await client().act('/v1/move', { group: 'erp', to: 'node-b', reason: 'ü' })).toEqual({ ok: true, echo: { group: 'erp', to: 'node-b', reason: 'ü' } });
    expect(seen.method).toBe('POST');
    expect(seen.headers).toMatchObject({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(seen.body)) });
  });

  it('reads a chunked answer, and one that runs to the end of the connection', async () => {
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"cluster":');
      setTimeout(() => res.end('"chunked"}'), 10);
    };
    expect(await client().status()).toEqual({ cluster: 'chunked' });
    answer = (res) => {
      // Neither a length nor chunks: the answer ends when the connection does.
      (res as ServerResponse & { useChunkedEncodingByDefault: boolean }).useChunkedEncodingByDefault = false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"cluster":');
      setTimeout(() => res.end('"to-the-end"}'), 10);
    };
    expect(await client().status()).toMatchObject({ cluster: 'to-the-end' });
  });

  it('reads a large answer whole', async () => {
    const groups = Array.from({ length: 20_000 }, (_, i) => ({ name: `g${i}`, node: 'node-a' }));
    answer = json(200, { cluster: 'big', groups });
    expect(((await client().status()) as unknown as { groups: unknown[] }).groups).toHaveLength(20_000);
  });

  it("maps the agent's errors, a non-JSON answer and an empty one as before", async () => {
    answer = json(409, { error: { code: 'RHA-E2005', message: 'group erp is locked' } });
    expect(await failure(client().status())).toMatchObject({ code: 'RHA-E2005', message: 'group erp is locked', exitCode: ExitCode.refused });
    answer = json(400, {});
    expect(await failure(client().status())).toMatchObject({ code: 'RHA-E2091', message: 'HTTP 400', exitCode: ExitCode.usage });
    answer = (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
    expect(await failure(client().status())).toMatchObject({ code: 'RHA-E2091', message: `the agent at ${socket} answered something that is not JSON` });
    answer = (res) => res.writeHead(200).end();
    expect(await client().status()).toEqual({});
  });

  it('no agent, an agent that hangs up, and one that never answers: RHA-E2090 with the cause', async () => {
    const missing = new AgentClient({ socketPath: join(dir, 'none.sock') });
    expect(await failure(missing.status())).toMatchObject({ code: 'RHA-E2090', message: `cannot reach the agent at ${join(dir, 'none.sock')}: ENOENT`, exitCode: ExitCode.unreachable });
    answer = (res) => res.socket!.destroy();
    expect(await failure(client().status())).toMatchObject({ code: 'RHA-E2090', message: `cannot reach the agent at ${socket}: ECONNRESET` });
    answer = () => undefined;
    expect(await failure(client({ timeoutMs: 100 }).status())).toMatchObject({ code: 'RHA-E2090', message: `cannot reach the agent at ${socket}: ETIMEDOUT` });
  });
});

describe('parseResponse', () => {
  const raw = (s: string) => Buffer.from(s, 'latin1');
  it('waits for the whole head and body', () => {
    expect(parseResponse(raw('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n'), false)).toBeUndefined();
    expect(parseResponse(raw('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc'), false)).toBeUndefined();
    expect(parseResponse(raw('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde'), false)).toEqual({ status: 200, body: raw('abcde') });
    expect(parseResponse(raw('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n'), false)).toBeUndefined();
    expect(parseResponse(raw('HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\na\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n'), false)).toEqual({
      status: 201,
      body: raw('abc0123456789'),
    });
    expect(parseResponse(raw('HTTP/1.0 204 No Content\r\n\r\n'), false)).toBeUndefined();
    expect(parseResponse(raw('HTTP/1.0 204 No Content\r\n\r\n'), true)).toEqual({ status: 204, body: raw('') });
  });

  it('refuses what is not HTTP', () => {
    for (const text of ['SSH-2.0-OpenSSH\r\n\r\n', 'HTTP/1.1 200 OK\r\nno colon\r\n\r\n', 'HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n']) {
      expect(() => parseResponse(raw(text), true), text).toThrow(expect.objectContaining({ code: 'HPE_INVALID' }));
    }
  });
});
