// Logs as JSON lines (pino) to a file, and readable to stderr when it is a terminal.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';

const levelNames: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** One readable line per record: time, level, code, message, then the other fields as key=value. */
export function prettyLine(record: Record<string, unknown>): string {
  const { time, level, msg, code, pid: _pid, hostname: _h, ...rest } = record;
  const t = typeof time === 'number' ? new Date(time).toISOString().slice(11, 23) : '';
  const extras = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${t} ${levelNames[level as number] ?? level} ${code ? `${String(code)} ` : ''}${String(msg ?? '')}${extras ? `  ${extras}` : ''}`;
}

export interface AgentLog {
  logger: Logger;
  /** Opens the log file's path again (after a rotation renamed the file it was writing). */
  reopen(): void;
}

export async function createLogger(opts: { file?: string; node: string; pretty: boolean; level?: string }): Promise<AgentLog> {
  const { default: pino } = await import('pino');
  const streams: Array<{ stream: import("pino").DestinationStream; level?: string }> = [];
  let reopen = () => {};
  if (opts.file) {
    mkdirSync(dirname(opts.file), { recursive: true });
    const destination = pino.destination({ dest: opts.file, mkdir: true, sync: false });
    reopen = () => destination.reopen();
    streams.push({ stream: destination });
  }
  if (opts.pretty) {
    const pretty = new Writable({
      write(chunk: Buffer, _enc, cb) {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line) continue;
          try {
            process.stderr.write(prettyLine(JSON.parse(line) as Record<string, unknown>) + '\n');
          } catch {
            process.stderr.write(line + '\n');
          }
        }
        cb();
      },
    });
    streams.push({ stream: pretty });
  }
  const level = opts.level ?? 'info';
  if (streams.length === 0) return { logger: pino({ level, enabled: false }), reopen };
  return { logger: pino({ level, base: { node: opts.node } }, pino.multistream(streams.map((s) => ({ ...s, level: level as 'info' })))), reopen };
}
