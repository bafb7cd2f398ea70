// The watchdog device driven through a regular file: what is written, in what order, and the
// timeout read from a sysfs-shaped folder. (The real /dev/watchdog resets this machine.)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWatchdog } from '../../src/platform/watchdog.js';

function fixture(timeouts: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'roseha-wd-'));
  const sysfs = join(dir, 'sys');
  for (const [name, value] of Object.entries(timeouts)) {
    mkdirSync(join(sysfs, name), { recursive: true });
    writeFileSync(join(sysfs, name, 'timeout'), value);
  }
  return { dir, sysfs };
}

describe('watchdog device', () => {
  it('each pet is a write; disarm writes the magic "V" and closes; nothing is written after it', () => {
    const { dir, sysfs } = fixture();
    const device = join(dir, 'watchdog1');
    writeFileSync(device, '');
    writeFileSync(device, 'old');
    const w = openWatchdog(device, sysfs);
    w.pet();
    w.pet();
    expect(readFileSync(device, 'utf8')).toBe('..d'); // written over from the start, not truncated
    w.disarm();
    w.pet();
    w.disarm();
    expect(readFileSync(device, 'utf8')).toBe('..V');
  });

  it('reads the timeout from sysfs: /dev/watchdog is watchdog0, /dev/watchdogN is watchdogN', () => {
    const { dir, sysfs } = fixture({ watchdog0: '10\n', watchdog1: '60\n' });
    for (const [name, expected] of [['watchdog', 10], ['watchdog1', 60]] as const) {
      writeFileSync(join(dir, name), '');
      const w = openWatchdog(join(dir, name), sysfs);
      expect(w.timeoutS).toBe(expected);
      w.disarm();
    }
  });

  it('an unknown timeout is undefined, not a guess', () => {
    const { dir, sysfs } = fixture({ watchdog0: 'n/a' });
    writeFileSync(join(dir, 'watchdog'), '');
    expect(openWatchdog(join(dir, 'watchdog'), sysfs).timeoutS).toBeUndefined();
    writeFileSync(join(dir, 'watchdog7'), '');
    expect(openWatchdog(join(dir, 'watchdog7'), sysfs).timeoutS).toBeUndefined();
  });

  it('a missing device throws at once and is not created (no driver must not look armed)', () => {
    const { dir, sysfs } = fixture();
    expect(() => openWatchdog(join(dir, 'watchdog'), sysfs)).toThrow(/ENOENT/);
    expect(existsSync(join(dir, 'watchdog'))).toBe(false);
  });

  it('tells a character device from a file (a file resets nothing)', () => {
    const { dir, sysfs } = fixture();
    writeFileSync(join(dir, 'watchdog'), '');
    expect(openWatchdog(join(dir, 'watchdog'), sysfs).isDevice).toBe(false);
    // /dev/null is a character device that takes writes, like a watchdog without the reset.
    const w = openWatchdog('/dev/null', sysfs);
    expect(w.isDevice).toBe(true);
    w.disarm();
  });
});
