// Size-bounded log files: roseha.log, then roseha.log.1 (the newest old one) … roseha.log.KEEP.
// Windows has no logrotate, and an agent runs for months. The guardian alone rotates (it renames
// the files, then it and its worker reopen the path): two processes renaming the same file would
// race. Records written between the rename and the reopen land at the end of roseha.log.1, none is lost.
import { renameSync, rmSync, statSync } from 'node:fs';

/** The log's `n`th rotated copy (1 the newest); 0 is the log itself. */
export const rotatedCopy = (file: string, n: number): string => (n === 0 ? file : `${file}.${n}`);

/** `file`, then its rotated copies, newest first: roseha.log, roseha.log.1, … roseha.log.KEEP. */
export const logFiles = (file: string, keep: number): string[] => Array.from({ length: keep + 1 }, (_, n) => rotatedCopy(file, n));

/**
 * Rotates `file` when it has grown past `maxBytes`: the oldest copy goes, each other moves one up,
 * and `file` becomes `file.1`. Returns whether it rotated (the writers must then reopen `file`).
 */
export function rotateIfLarge(file: string, maxBytes: number, keep: number): boolean {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return false;
  }
  if (size <= maxBytes) return false;
  const files = logFiles(file, keep);
  rmSync(files[keep]!, { force: true });
  for (let i = keep - 1; i >= 0; i--) {
    try {
      renameSync(files[i]!, files[i + 1]!);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return true;
}
