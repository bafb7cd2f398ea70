// Starts the agent's worker as a child of the guardian, with an IPC channel for its keep-alives.
import { fork, type ChildProcess } from 'node:child_process';

export interface WorkerSpawn {
  /** The roseha entry (bin/roseha or dist/cli.js). */
  entry: string;
  args: readonly string[];
  env?: Readonly<Record<string, string>>;
}

export function forkWorker(spec: WorkerSpawn): ChildProcess {
  return fork(spec.entry, [...spec.args], {
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // The worker gets its own process group so that the guardian can kill it and whatever it
    // spawned in one signal (a hung worker may have a hung child).
    detached: true,
    serialization: 'json',
  });
}

/** SIGKILL the worker's whole process group; works on stopped (SIGSTOP) processes too. */
export function killWorkerGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
