// One HTTP/1.1 exchange with the local agent over its Unix socket (or Windows pipe), on node:net
// alone. node:http costs `roseha status` ~5 ms to load and set up its first request (issue #2),
// more than the rest of the command; a local call needs none of it: one request, `Connection:
// close`, one answer with a Content-Length (or chunked), read whole. Remote agents (TLS) and the
// event stream keep node:http (src/client/index.ts).
import { connect } from 'node:net';

export interface SocketRequest {
  socketPath: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface SocketResponse {
  status: number;
  body: Buffer;
}

/** Errors carry a `code` as node:http's do: ENOENT, ECONNREFUSED, ETIMEDOUT, ECONNRESET, HPE_INVALID. */
const failure = (message: string, code: string) => Object.assign(new Error(message), { code });

export function socketRequest(req: SocketRequest): Promise<SocketResponse> {
  const body = req.body === undefined ? undefined : Buffer.from(req.body);
  const lines = [`${req.method} ${req.path} HTTP/1.1`, 'host: localhost', 'connection: close'];
  for (const [k, v] of Object.entries(req.headers)) lines.push(`${k}: ${v}`);
  if (body) lines.push(`content-length: ${body.length}`);
  const request = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return new Promise((resolve, reject) => {
    const socket = connect(req.socketPath);
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (err: Error | undefined, res?: SocketResponse) => {
      if (done) return;
      done = true;
      // On the next turn of the event loop: a one-shot command has exited by then (src/cli.ts), and
      // net's close path makes process.stderr first, a stream for nothing (issue #2).
      setImmediate(() => socket.destroy());
      if (err) reject(err);
      else resolve(res!);
    };
    socket.setTimeout(req.timeoutMs, () => finish(failure('timed out', 'ETIMEDOUT')));
    socket.on('error', (err) => finish(err));
    socket.on('connect', () => socket.write(body ? Buffer.concat([request, body]) : request));
    let received = 0;
    let head: Head | undefined;
    const read = (ended: boolean) => {
      try {
        const res = parseResponse(Buffer.concat(chunks), ended);
        if (res || ended) finish(res ? undefined : failure('socket hang up', 'ECONNRESET'), res);
      } catch (err) {
        finish(err as Error);
      }
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      try {
        head ??= parseHead(Buffer.concat(chunks));
      } catch (err) {
        return finish(err as Error);
      }
      // Done as soon as the announced length is in; anything else is read whole at the end.
      if (head?.length !== undefined && received >= head.bodyStart + head.length) read(false);
    });
    socket.on('end', () => read(true));
    // The agent closed before a whole answer: what node:http calls a hang-up.
    socket.on('close', () => finish(failure('socket hang up', 'ECONNRESET')));
  });
}

interface Head {
  status: number;
  headers: Map<string, string>;
  bodyStart: number;
  /** Content-Length, when the body is not chunked. */
  length?: number;
}

/** The status line and headers in `raw`, or undefined while they are incomplete; throws on malformed ones. */
function parseHead(raw: Buffer): Head | undefined {
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [statusLine = '', ...fields] = raw.toString('latin1', 0, headEnd).split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine);
  if (!status) throw failure(`not an HTTP response: ${JSON.stringify(statusLine.slice(0, 40))}`, 'HPE_INVALID');
  const headers = new Map<string, string>();
  for (const f of fields) {
    const colon = f.indexOf(':');
    if (colon <= 0) throw failure(`malformed header: ${JSON.stringify(f.slice(0, 40))}`, 'HPE_INVALID');
    headers.set(f.slice(0, colon).trim().toLowerCase(), f.slice(colon + 1).trim());
  }
  const head: Head = { status: Number(status[1]), headers, bodyStart: headEnd + 4 };
  const length = headers.get('content-length');
  if (length !== undefined && !isChunked(headers)) {
    if (!/^\d+$/.test(length)) throw failure(`malformed content-length: ${JSON.stringify(length)}`, 'HPE_INVALID');
    head.length = Number(length);
  }
  return head;
}

const isChunked = (headers: Map<string, string>) => /(^|,)\s*chunked\s*$/i.test(headers.get('transfer-encoding') ?? '');

/**
 * The response in `raw`, or undefined while it is incomplete; throws on a malformed one. `ended`:
 * the agent closed its side, which ends a body that has neither a length nor chunks.
 */
export function parseResponse(raw: Buffer, ended: boolean): SocketResponse | undefined {
  const head = parseHead(raw);
  if (!head) return undefined;
  const rest = raw.subarray(head.bodyStart);
  if (isChunked(head.headers)) {
    const body = dechunk(rest);
    return body && { status: head.status, body };
  }
  if (head.length === undefined) return ended ? { status: head.status, body: rest } : undefined;
  return rest.length >= head.length ? { status: head.status, body: rest.subarray(0, head.length) } : undefined;
}

/** A chunked body, or undefined while its last chunk has not arrived (trailers are ignored). */
function dechunk(raw: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    if (eol < 0) return undefined;
    const sizeText = raw.toString('latin1', at, eol).split(';')[0]!.trim();
    if (!/^[0-9a-f]+$/i.test(sizeText)) throw failure(`malformed chunk size: ${JSON.stringify(sizeText.slice(0, 20))}`, 'HPE_INVALID');
    const size = parseInt(sizeText, 16);
    // The last chunk, then trailers (none or some), then an empty line.
    if (size === 0) return raw.indexOf('\r\n\r\n', eol) >= 0 ? Buffer.concat(parts) : undefined;
    if (raw.length < eol + 2 + size + 2) return undefined;
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}
