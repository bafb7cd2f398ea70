import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linuxProcessHost, parsePidFile, parseProcStat } from '../../src/platform/linux-process.js';

const dir = mkdtempSync(join(tmpdir(), 'rha-proc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('linux process host', () => {
  it('parses /proc/PID/stat field 22 even when the command name holds spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3)); // field 3 … 52
    fields[0] = 'S';
    fields[19] = '987654'; // field 22
    expect(parseProcStat(`123 (my (odd) prog) ${fields.join(' ')}`)).toEqual({ state: 'S', startTime: '987654' });
    expect(parseProcStat('garbage')).toBeNull();
  });

  it('reads our own start time, and the same as /proc says', async () => {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    expect(await linuxProcessHost.startTime(process.pid)).toBe(parseProcStat(stat)?.startTime);
    expect(await linuxProcessHost.startTime(2 ** 22 + 1)).toBeNull(); // above PID_MAX_LIMIT: never exists
  });

  it('writes pid files atomically and reads back only well-formed ones', async () => {
    const path = join(dir, 'sub', 'x.pid');
    await linuxProcessHost.writePidFile(path, { pid: 42, startTime: '777' });
    expect(readFileSync(path, 'utf8')).toBe('42 777\n');
    expect(await linuxProcessHost.readPidFile(path)).toEqual({ pid: 42, startTime: '777' });
    writeFileSync(path, '42\n'); // an old-style pid file without a start time is not trusted
    expect(await linuxProcessHost.readPidFile(path)).toBeNull();
    expect(parsePidFile('-1 5')).toBeNull();
    await linuxProcessHost.removePidFile(path);
    await linuxProcessHost.removePidFile(path); // already gone: fine
    expect(await linuxProcessHost.readPidFile(path)).toBeNull();
  });

  it('never signals group 0, 1 or a negative id; ESRCH is false', async () => {
    expect(await linuxProcessHost.signalGroup(0, 'SIGKILL')).toBe(false);
    expect(await linuxProcessHost.signalGroup(1, 'SIGKILL')).toBe(false);
    expect(await linuxProcessHost.signalGroup(-5, 'SIGKILL')).toBe(false);
    expect(await linuxProcessHost.signalGroup(2 ** 22 + 1, 'SIGTERM')).toBe(false);
  });
});
