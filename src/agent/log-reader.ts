// Reads the agent's JSON log (pino lines) for `roseha log` and `GET /v1/log`: filtered by time,
// bounded, and merged across nodes by time. A torn or foreign line is skipped, never fatal.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { LogRecord } from './api/routes.js';
import type { AgentEvent } from '../core/status.js';
import { RosehaError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { rotatedCopy } from './log-rotation.js';

/** Only the end of a large log is read, across its rotated copies: `roseha log` is for recent history. */
const maxTailBytes = 16 * 1024 * 1024;

export const levelNames: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** Parses JSON lines; keeps those with a numeric time at or after `sinceMs`, the newest `limit`. */
export function parseLogText(text: string, opts: { sinceMs?: number; limit?: number; node?: string } = {}): LogRecord[] {
  const out: LogRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof rec !== 'object' || rec === null || typeof (rec as LogRecord).time !== 'number') continue;
    const r = rec as LogRecord;
    if (opts.sinceMs !== undefined && r.time < opts.sinceMs) continue;
    if (opts.node !== undefined && r.node !== undefined && r.node !== opts.node) continue;
    out.push(r);
  }
  return opts.limit !== undefined && out.length > opts.limit ? out.slice(out.length - opts.limit) : out;
}

/**
 * The log's records: `file`, then the copies rotation left (`file.1`, `file.2` …, older), up to the
 * last 16 MiB in all. A missing file is an empty log.
 */
export function readLogFile(file: string, opts: { sinceMs?: number; limit?: number; node?: string } = {}): LogRecord[] {
  const texts: string[] = [];
  let budget = maxTailBytes;
  for (let i = 0; budget > 0; i++) {
    const tail = readTail(rotatedCopy(file, i), budget);
    // the current file may be missing for a moment while it is rotated; a missing copy ends the chain
    if (!tail) {
      if (i === 0) continue;
      break;
    }
    texts.unshift(tail.text);
    budget -= tail.bytes;
  }
  return parseLogText(texts.join('\n'), opts);
}

/** The last `maxBytes` of a file as text from its first whole line; undefined when it does not exist. */
function readTail(file: string, maxBytes: number): { text: string; bytes: number } | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RosehaError('RHA-E5010', `cannot read the log ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, size - length);
    let text = buf.toString('utf8');
    // Started mid-line: drop the partial first line.
    if (length < size) text = text.slice(text.indexOf('\n') + 1);
    return { text, bytes: length };
  } finally {
    closeSync(fd);
  }
}

/** Merges per-node lists (each oldest first) into one, by time; ties keep the lists' order. */
export function mergeByTime(lists: ReadonlyArray<readonly LogRecord[]>): LogRecord[] {
  return lists
    .flatMap((l, li) => l.map((r, i) => ({ r, li, i })))
    .sort((a, b) => a.r.time - b.r.time || a.li - b.li || a.i - b.i)
    .map((x) => x.r);
}

/**
 * `--since`: an ISO time (2026-11-25T08:00:00Z, or a date), or a span back from now: 90s, 15m, 2h, 1d.
 * Returns ms since the epoch.
 */
export function parseSince(text: string, nowMs: number): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(text.trim());
  if (m) {
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
    return nowMs - Number(m[1]) * unit;
  }
  const t = Date.parse(text);
  if (Number.isNaN(t)) {
    throw new RosehaError('RHA-E5011', `--since "${text}" is neither a time (2026-11-25T08:00:00Z) nor a span back from now (90s, 15m, 2h, 1d)`, { exitCode: ExitCode.usage });
  }
  return t;
}

/** An event from the stream, as the log line the agent wrote for it. */
export function eventToRecord(e: AgentEvent): LogRecord {
  const level = e.severity === 'error' ? 50 : e.severity === 'warning' ? 40 : 30;
  return {
    time: Date.parse(e.at),
    level,
    node: e.node,
    code: e.code,
    msg: e.message,
    ...(e.group ? { group: e.group } : {}),
    ...(e.link ? { link: e.link } : {}),
    ...(e.data ? { data: e.data } : {}),
  };
}

/** One readable line: full time, node, level, code, message, then the other fields as key=value. */
export function formatRecord(r: LogRecord): string {
  const { time, level, node, code, msg, pid: _pid, hostname: _h, role, part, ...rest } = r;
  const extras = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  const who = [node ?? '?', role, part].filter((x) => typeof x === 'string').join('/');
  return `${new Date(time).toISOString()} ${who} ${levelNames[level] ?? level} ${code ? `${code} ` : ''}${msg ?? ''}${extras ? `  ${extras}` : ''}`;
}
