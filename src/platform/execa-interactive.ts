// A long-lived child with pipes, for line-JSON helpers (the Windows PowerShell worker and the
// disk-heartbeat helper). Argument vectors only, never a shell; stdout is split into lines here so
// that callers never see half a JSON document.
import { execa } from 'execa';
import type { InteractiveProcess, InteractiveSpec } from './types.js';

export function spawnInteractiveWithExeca(spec: InteractiveSpec): InteractiveProcess {
  const lineListeners: Array<(line: string) => void> = [];
  const stderrListeners: Array<(text: string) => void> = [];
  const exitListeners: Array<(code: number | null) => void> = [];
  let exited = false;
  let exitCode: number | null = null;

  const child = execa(spec.file, [...spec.args], {
    reject: false,
    buffer: false,
    cwd: spec.cwd,
    env: spec.env ? { ...spec.env } : undefined,
    extendEnv: true,
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    windowsHide: true,
    // Its own process group on POSIX so that kill() takes its children too.
    detached: process.platform !== 'win32',
  });

  let pending = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    pending += chunk;
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      const line = pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      for (const l of lineListeners) l(line);
      nl = pending.indexOf('\n');
    }
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    for (const l of stderrListeners) l(chunk);
  });
  // A write after the child died must not crash the agent (EPIPE): the exit listener reports it.
  child.stdin?.on('error', () => undefined);

  const finish = (code: number | null) => {
    if (exited) return;
    exited = true;
    exitCode = code;
    for (const l of exitListeners) l(code);
  };
  child.then(
    (r) => finish(r.exitCode ?? null),
    () => finish(null),
  );

  return {
    get pid() {
      return child.pid;
    },
    write(text: string) {
      if (!exited) child.stdin?.write(text);
    },
    onLine(listener) {
      lineListeners.push(listener);
    },
    onStderr(listener) {
      stderrListeners.push(listener);
    },
    onExit(listener) {
      if (exited) listener(exitCode);
      else exitListeners.push(listener);
    },
    kill() {
      if (exited) return;
      if (process.platform !== 'win32' && child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
          return;
        } catch {
          // fall through to the single process
        }
      }
      child.kill('SIGKILL');
    },
  };
}
