// The agent's log stays bounded: rotated by size into numbered copies, the writers reopen the path,
// and `roseha log` reads the copies too.
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logFiles, rotateIfLarge } from '../../src/agent/log-rotation.js';
import { createLogger } from '../../src/agent/log.js';
import { readLogFile } from '../../src/agent/log-reader.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'roseha-rot-'));
const record = (time: number, msg: string) => JSON.stringify({ level: 30, time, msg }) + '\n';

describe('log rotation', () => {
  it('leaves a log at or under the size alone', () => {
    const file = join(tmp(), 'roseha.log');
    writeFileSync(file, 'x'.repeat(100));
    expect(rotateIfLarge(file, 100, 3)).toBe(false);
    expect(existsSync(`${file}.1`)).toBe(false);
    expect(rotateIfLarge(join(tmp(), 'none.log'), 100, 3)).toBe(false);
  });

  it('past the size: the log becomes .1, each copy moves up, the one past keep is gone', () => {
    const file = join(tmp(), 'roseha.log');
    for (const [i, f] of logFiles(file, 3).entries()) writeFileSync(f, `copy ${i}`.padEnd(200, '.'));
    expect(rotateIfLarge(file, 100, 3)).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(`${file}.1`, 'utf8')).toMatch(/^copy 0/);
    expect(readFileSync(`${file}.2`, 'utf8')).toMatch(/^copy 1/);
    expect(readFileSync(`${file}.3`, 'utf8')).toMatch(/^copy 2/);
    expect(existsSync(`${file}.4`)).toBe(false);
  });

  it('works with gaps in the copies (the first rotations)', () => {
    const file = join(tmp(), 'roseha.log');
    writeFileSync(file, 'x'.repeat(200));
    expect(rotateIfLarge(file, 100, 5)).toBe(true);
    expect(readFileSync(`${file}.1`, 'utf8')).toHaveLength(200);
  });

  it('a logger that reopens writes on in a new file; what it wrote before stays in .1', async () => {
    const file = join(tmp(), 'roseha.log');
    const log = await createLogger({ file, node: 'node-a', pretty: false });
    // The destination writes asynchronously: wait until the line is in the file.
    const written = async (path: string, text: string) => {
      for (let i = 0; i < 200 && !(existsSync(path) && readFileSync(path, 'utf8').includes(text)); i++) await new Promise((r) => setTimeout(r, 10));
    };
    log.logger.info({ code: 'RHA-I2006' }, 'before');
    await written(file, 'before');
    renameSync(file, `${file}.1`);
    log.reopen();
    log.logger.info({ code: 'RHA-I2008' }, 'after');
    await written(file, 'after');
    expect(readFileSync(`${file}.1`, 'utf8')).toMatch(/"msg":"before"/);
    expect(readFileSync(file, 'utf8')).toMatch(/"msg":"after"/);
    expect(readFileSync(file, 'utf8')).not.toMatch(/before/);
  });

  it('roseha log reads the rotated copies, oldest first, and stops at the first missing one', () => {
    const file = join(tmp(), 'roseha.log');
    writeFileSync(`${file}.2`, record(1, 'oldest'));
    writeFileSync(`${file}.1`, record(2, 'older'));
    writeFileSync(file, record(3, 'newest'));
    writeFileSync(`${file}.4`, record(0, 'beyond a gap'));
    expect(readLogFile(file).map((r) => r.msg)).toEqual(['oldest', 'older', 'newest']);
    expect(readLogFile(file, { limit: 2 }).map((r) => r.msg)).toEqual(['older', 'newest']);
  });

  it('the log file missing for a moment (between rename and reopen) still gives the copies', () => {
    const file = join(tmp(), 'roseha.log');
    writeFileSync(`${file}.1`, record(2, 'older'));
    expect(readLogFile(file).map((r) => r.msg)).toEqual(['older']);
  });
});
