// The real Runner: execa with argument vectors only (never a shell). Each command runs in its own
// process group so that a timeout kills the whole tree (a script's children too), and output is
// capped rather than failing the command (a chatty script must not fill the agent's memory).
import { execa } from 'execa';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CommandResult, CommandSpec, DetachedSpec, Runner } from './types.js';
import { linuxProcessHost, orNull } from './linux-process.js';
import { spawnInteractiveWithExeca } from './execa-interactive.js';

export interface ExecaRunnerOptions {
  /** Bytes kept of stdout and of stderr each; the rest is dropped and marked. Default 64 KiB. */
  maxOutputBytes?: number;
  /** Used when a spec has no timeoutMs. Default 60 s. */
  defaultTimeoutMs?: number;
  /**
   * After the command itself exits, how long to wait for its pipes to close. A script that starts a
   * daemon without redirecting its output leaves the daemon holding our pipe; we stop reading
   * rather than wait for the daemon to exit. Default 200 ms.
   */
  pipeGraceMs?: number;
}

const truncatedMark = '\n[output truncated by roseha]\n';

/** `ip netns exec NAME file args…` when a namespace is asked for, the command itself otherwise. */
export function argvFor(spec: Pick<CommandSpec, 'file' | 'args' | 'netns'>): [string, string[]] {
  if (spec.netns) return ['ip', ['netns', 'exec', spec.netns, spec.file, ...spec.args]];
  return [spec.file, [...spec.args]];
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

export function createExecaRunner(opts: ExecaRunnerOptions = {}): Runner {
  const cap = opts.maxOutputBytes ?? 64 * 1024;
  const defaultTimeout = opts.defaultTimeoutMs ?? 60_000;
  const pipeGrace = opts.pipeGraceMs ?? 200;

  const spawnNow = (spec: CommandSpec) => {
    const [file, args] = argvFor(spec);
    return execa(file, args, { ...runOptions(spec), input: spec.input, stdin: spec.input === undefined ? 'ignore' : 'pipe' });
  };

  const armed = createArmory<CommandSpec>(armKey, spawnArmed);
  const armedDetached = createArmory<DetachedSpec>(detachedArmKey, spawnArmedDetached);

  async function run(spec: CommandSpec): Promise<CommandResult> {
    const started = performance.now();
    // An armed shell reads its stdin for the go: a command fed input always starts cold.
    const armedChild = spec.input === undefined ? armed.take(spec) : undefined;
    const child = armedChild ?? spawnNow(spec);
    const out = collector(cap);
    const err = collector(cap);
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));

    let timedOut = false;
    const timeoutMs = spec.timeoutMs ?? defaultTimeout;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('exit', () => {
      // Children that inherited our pipes may keep them open: give them a moment, then stop reading.
      setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, pipeGrace).unref();
    });

    const result: Settled = armedChild ? await closed(armedChild) : await (child as ReturnType<typeof spawnNow>);
    clearTimeout(timer);
    const spawnFailed = result.exitCode === undefined && !result.signal;
    return {
      // 127 like a shell when the program could not be started; 128+n when killed by signal n.
      exitCode: result.exitCode ?? (spawnFailed ? 127 : 128 + signalNumber(result.signal)),
      stdout: out.text(),
      stderr: spawnFailed && !err.text() ? String(result.originalMessage ?? result.message ?? '') : err.text(),
      timedOut,
      durationMs: Math.round(performance.now() - started),
    };
  }

  async function spawnDetached(spec: DetachedSpec): Promise<{ pid: number }> {
    const ready = armedDetached.take(spec);
    if (ready?.pid) {
      ready.unref();
      return { pid: ready.pid };
    }
    if (spec.logFile) mkdirSync(dirname(spec.logFile), { recursive: true });
    const child = execa(spec.file, [...spec.args], detachedOptions(spec, spec.goOnStdin ? 'pipe' : 'ignore'));
    // The promise only matters for errors (ENOENT…): wait for the spawn outcome, then let go.
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('spawn', () => resolve(child.pid as number));
      child.once('error', reject);
    });
    if (spec.goOnStdin) child.stdin?.end('go\n');
    child.unref();
    child.catch(() => undefined);
    return { pid };
  }

  return {
    run,
    spawnDetached,
    // Synchronous on purpose: /proc, /sys and a local path, read on a takeover's critical path,
    // where a thread-pool hop cost 1–2 ms each (the commands' own forks keep both cores busy) and
    // the call itself takes tens of µs.
    readText: async (read) => orNull(() => readFileSync(read.path, 'utf8')),
    realPath: async (path) => orNull(() => realpathSync(path)),
    host: linuxProcessHost,
    spawnInteractive: spawnInteractiveWithExeca,
    keepArmed: (commands) => {
      // One fork per call: each blocks the event loop for 10–30 ms, and a burst of them would starve
      // the heartbeats (the guardian took the worker for hung). The worker calls this every beat.
      const forked = armed.keep(commands.run.filter((c) => c.input === undefined), 1);
      armedDetached.keep(commands.detached, 1 - forked);
    },
    armedPids: () => [...armed.pids(), ...armedDetached.pids()],
  };
}

/**
 * A command made ready before it is needed: the fork has happened and a shell waits for one line on
 * its stdin, then execs the command. Forking the agent costs ~10 ms of its main thread per command
 * here (more under load), and a takeover runs several in a row; fired, an armed one only execs.
 * The command's words are the shell's positional parameters: data, never parsed as shell code. The
 * shell exits without running anything when its stdin closes (the agent died) or it is killed.
 */
const armedScript = 'read -r go || exit 125; exec "$@"';

/** How run() starts a command, armed or not. */
function runOptions(spec: CommandSpec) {
  return {
    reject: false,
    buffer: false,
    // Own process group: a timeout kills the tree with one signal to -pid.
    detached: true,
    cwd: spec.cwd,
    env: spec.env ? { ...spec.env } : undefined,
    extendEnv: true,
    stripFinalNewline: false,
  } as const;
}

/**
 * node:child_process, not execa: a takeover waits on each armed command in turn, and execa's result
 * promise settles 1–3 ms after the child's streams close here (measured on ip, findmnt, true).
 */
function spawnArmed(spec: CommandSpec): ChildProcess {
  const [file, args] = argvFor(spec);
  const child = spawn('/bin/sh', ['-c', armedScript, 'roseha-armed', file, ...args], {
    detached: true, // own process group, as runOptions: a timeout kills the tree
    cwd: spec.cwd,
    env: spec.env ? { ...process.env, ...spec.env } : process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.on('error', () => undefined); // reported by closed() to the run that takes it
  return child;
}

/** How a finished command ended: execa's result fields that run() reads. */
interface Settled {
  exitCode?: number;
  signal?: string;
  originalMessage?: string;
  message?: string;
}

/** An armed child's end, once its output streams have closed. */
function closed(child: ChildProcess): Promise<Settled> {
  if (child.exitCode === null && child.signalCode === null && child.pid === undefined) return Promise.resolve({ message: 'spawn /bin/sh failed' });
  return new Promise((resolve) => {
    child.once('error', (e) => resolve({ message: e.message }));
    child.once('close', (code, signal) => resolve({ ...(code === null ? {} : { exitCode: code }), ...(signal ? { signal } : {}) }));
  });
}

/** A detached process armed the same way; once fired it reads nothing more from us. */
function spawnArmedDetached(spec: DetachedSpec): ChildProcess {
  if (spec.logFile) mkdirSync(dirname(spec.logFile), { recursive: true });
  // A program that waits for "go" itself is started as it is: its exec is paid ahead too.
  if (spec.goOnStdin) return quiet(execa(spec.file, [...spec.args], detachedOptions(spec, 'pipe')));
  return quiet(execa('/bin/sh', ['-c', `${armedScript} </dev/null`, 'roseha-armed', spec.file, ...spec.args], detachedOptions(spec, 'pipe')));
}

/** An execa child whose failure nobody awaits. */
const quiet = <C extends Promise<unknown>>(child: C): C => (child.catch(() => undefined), child);

function detachedOptions(spec: DetachedSpec, stdin: 'ignore' | 'pipe') {
  // A real file (opened by execa, handed to the child as its fd), never a pipe back to us.
  const sink = spec.logFile ? { file: spec.logFile, append: true } : ('ignore' as const);
  return {
    detached: true, // setsid(): its own session and process group, survives us
    cwd: spec.cwd,
    env: spec.env ? { ...spec.env } : undefined,
    extendEnv: true,
    stdin,
    stdout: sink,
    stderr: sink,
    cleanup: false, // do not kill it when roseha exits
    reject: false,
  } as const;
}

/** The same command, whatever its timeout: what an armed child may stand in for. */
export const armKey = (spec: CommandSpec): string => JSON.stringify([spec.file, spec.args, spec.env ?? null, spec.cwd ?? null, spec.netns ?? null]);
const detachedArmKey = (spec: DetachedSpec): string => JSON.stringify([spec.file, spec.args, spec.env ?? null, spec.cwd ?? null, spec.logFile ?? null]);

function createArmory<S>(keyOf: (spec: S) => string, spawnArmedChild: (spec: S) => ChildProcess) {
  const ready = new Map<string, ChildProcess>();
  const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
  const discard = (child: ChildProcess) => killGroup(child.pid, 'SIGKILL');
  return {
    /** An armed child for this command, fired; undefined when none is ready (or it died meanwhile). */
    take(spec: S): ChildProcess | undefined {
      const key = keyOf(spec);
      const child = ready.get(key);
      if (!child) return undefined;
      ready.delete(key);
      if (!alive(child) || !child.stdin?.writable) {
        discard(child);
        return undefined;
      }
      child.stdin.end('go\n');
      return child;
    },
    /** Exactly these commands armed: ones no longer wanted killed, up to `forkAtMost` new ones forked; returns how many. */
    keep(specs: readonly S[], forkAtMost: number): number {
      const wanted = new Map(specs.map((s) => [keyOf(s), s] as const));
      for (const [key, child] of ready) {
        if (wanted.has(key) && alive(child)) continue;
        ready.delete(key);
        discard(child);
      }
      let forked = 0;
      for (const [key, spec] of wanted) {
        if (ready.has(key)) continue;
        if (forked >= forkAtMost) break;
        ready.set(key, spawnArmedChild(spec));
        forked++;
      }
      return forked;
    },
    pids: (): number[] => [...ready.values()].flatMap((c) => (c.pid ? [c.pid] : [])),
  };
}

function collector(cap: number) {
  const chunks: Buffer[] = [];
  let kept = 0;
  let dropped = false;
  return {
    push(chunk: Buffer) {
      if (kept >= cap) {
        dropped = true;
        return;
      }
      const part = chunk.length > cap - kept ? chunk.subarray(0, cap - kept) : chunk;
      if (part.length < chunk.length) dropped = true;
      chunks.push(part);
      kept += part.length;
    },
    text: () => Buffer.concat(chunks).toString('utf8') + (dropped ? truncatedMark : ''),
  };
}

const signalNumbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15 };
function signalNumber(signal: string | undefined): number {
  return (signal && signalNumbers[signal]) || 0;
}
