// Linux process facts for the `process` driver: /proc/PID/stat start times (to tell a reused pid
// apart), signals to process groups, and pid files written atomically.
// The file calls are synchronous on purpose: /proc and a small file in the local state folder, on a
// takeover's critical path, where each thread-pool hop cost 1–2 ms (the takeover's own forks keep
// both cores busy) and the call itself takes tens of µs.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PidRecord, ProcessHost } from './types.js';

/**
 * Parses /proc/PID/stat: "pid (comm) state ppid … starttime …". comm may hold spaces and
 * parentheses, so fields are counted from the last ")". Returns field 3 (state) and 22 (starttime).
 */
export function parseProcStat(text: string): { state: string; startTime: string } | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const rest = text.slice(close + 2).trim().split(/\s+/);
  // rest[0] is field 3; field 22 is rest[19].
  const state = rest[0];
  const startTime = rest[19];
  if (!state || !startTime || !/^\d+$/.test(startTime)) return null;
  return { state, startTime };
}

export function parsePidFile(text: string): PidRecord | null {
  const [pid, startTime] = text.trim().split(/\s+/);
  if (!pid || !/^\d+$/.test(pid) || Number(pid) <= 0 || !startTime || !/^\d+$/.test(startTime)) return null;
  return { pid: Number(pid), startTime };
}

export const formatPidFile = (r: PidRecord): string => `${r.pid} ${r.startTime}\n`;

/** `read()`, or null when it throws (a file that is gone or unreadable). */
export function orNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

export const linuxProcessHost: ProcessHost = {
  async startTime(pid) {
    const stat = orNull(() => parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8')));
    // A zombie has exited; only its parent's wait() keeps the entry.
    return !stat || stat.state === 'Z' || stat.state === 'X' ? null : stat.startTime;
  },
  async signalGroup(pgid, signal) {
    if (!Number.isInteger(pgid) || pgid <= 1) return false; // never kill(-1) or our own group by accident
    try {
      process.kill(-pgid, signal);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
      throw e;
    }
  },
  async readPidFile(path) {
    return orNull(() => parsePidFile(readFileSync(path, 'utf8')));
  },
  async writePidFile(path, record) {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, formatPidFile(record), { mode: 0o644 });
    renameSync(tmp, path);
  },
  async removePidFile(path) {
    rmSync(path, { force: true });
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
