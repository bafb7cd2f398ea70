// What a lab has created, on disk in its run dir, so that `down` can clean up a lab whose owner
// crashed or was killed (SIGKILL leaves no chance to run handlers).
import { readFile, writeFile, rename, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface LabState {
  prefix: string;
  runDir: string;
  /** Namespaces created so far (deleted by `down`; every process inside is killed first). */
  namespaces: string[];
  loopDevices: string[];
  /** Processes started outside any lab namespace (none today; kept for helpers run in the root namespace). */
  pids: number[];
  ownerPid: number;
  createdAt: string;
}

export async function readLabState(file: string): Promise<LabState | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LabState;
  } catch {
    return undefined;
  }
}

export async function writeLabState(file: string, state: LabState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(state, null, 2) + '\n');
  await rename(tmp, file);
}
