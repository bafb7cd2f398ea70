// The Linux watchdog device, as sbd drives it (kernel Documentation/watchdog/watchdog-api.rst):
// opening /dev/watchdog arms it, every write keeps the machine alive for the device's timeout, and
// a "V" written just before the close disarms it ("magic close"; a driver built with nowayout
// ignores it and the machine resets anyway). A process that exits without the "V" leaves it armed:
// the machine resets when the timeout runs out. The timeout itself is set with an ioctl, which Node
// cannot make: roseha uses the device's own (softdog's soft_margin, a BIOS setting) and reports it
// from sysfs.
import { closeSync, constants, fstatSync, openSync, readFileSync, writeSync } from 'node:fs';
import { basename } from 'node:path';

export interface Watchdog {
  readonly device: string;
  /** The device's timeout in seconds, from sysfs; undefined where sysfs does not say. */
  readonly timeoutS: number | undefined;
  /** A character device: anything else (a file, as in tests) resets nothing. */
  readonly isDevice: boolean;
  /** Keeps the machine alive for another timeout. Throws what the write throws. */
  pet(): void;
  /** Magic close: writes "V" and closes, so that a clean stop does not reset the machine. */
  disarm(): void;
}

/** Opens (and so arms) `device`. `sysfs` is the class folder the timeout is read from (a test's folder in tests). */
export function openWatchdog(device: string, sysfs = '/sys/class/watchdog'): Watchdog {
  // Write-only, without O_CREAT: a missing driver must fail here, not leave a plain file in /dev.
  const fd = openSync(device, constants.O_WRONLY);
  let open = true;
  return {
    device,
    timeoutS: deviceTimeout(device, sysfs),
    isDevice: fstatSync(fd).isCharacterDevice(),
    pet() {
      if (open) writeSync(fd, '.');
    },
    disarm() {
      if (!open) return;
      open = false;
      try {
        writeSync(fd, 'V');
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** /dev/watchdogN is watchdogN in sysfs; the legacy /dev/watchdog is watchdog0. */
function deviceTimeout(device: string, sysfs: string): number | undefined {
  const name = basename(device) === 'watchdog' ? 'watchdog0' : basename(device);
  try {
    const s = Number(readFileSync(`${sysfs}/${name}/timeout`, 'utf8').trim());
    return Number.isFinite(s) && s > 0 ? s : undefined;
  } catch {
    return undefined;
  }
}
