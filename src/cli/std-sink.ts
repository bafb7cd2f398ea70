// stdout and stderr for a command's output. Creating process.stdout loads Node's stream modules
// (and node:net for a pipe): ~5% of a short command's start-up. Where the fd is surely not a
// terminal (a pipe, a file, /dev/null: what scripts and PowerShell hand us), text is written with
// fs.writeSync instead. On any error (EAGAIN from a non-blocking pipe included) the rest goes to
// the stream, as before, and so does everything after it, in order.
import { fstatSync, statSync, writeSync } from 'node:fs';

export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** Everything written so far is out (fs.writeSync): exiting now loses nothing. */
  readonly synchronous?: boolean;
}

export function stdSink(fd: 1 | 2, stream: () => NodeJS.WriteStream, write: typeof writeSync = writeSync): TextSink {
  if (!surelyNotTerminal(fd)) return stream();
  let fallback: NodeJS.WriteStream | undefined;
  return {
    isTTY: false,
    get synchronous() {
      return fallback === undefined;
    },
    write(text: string) {
      if (fallback) return fallback.write(text);
      const bytes = Buffer.from(text);
      let done = 0;
      try {
        while (done < bytes.length) done += write(fd, bytes, done);
        return true;
      } catch {
        fallback = stream();
        return fallback.write(bytes.subarray(done));
      }
    },
  };
}

function surelyNotTerminal(fd: number): boolean {
  try {
    const s = fstatSync(fd);
    if (s.isFIFO() || s.isSocket() || s.isFile()) return true;
    // The one character device that is commonly not a terminal; asking node:tty would load net.
    return process.platform !== 'win32' && s.isCharacterDevice() && s.rdev === statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}
