// The seam between roseha and the operating system: only src/platform implements Runner with
// real processes (execa); everything else receives a Runner and is tested with a recording fake.

/** One OS command as an argument vector: never a shell string. */
export interface CommandSpec {
  file: string;
  args: readonly string[];
  /** Extra environment (for PowerShell: ROSEHA_ARGS carries user values as JSON data). */
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  input?: string;
  timeoutMs?: number;
  /** Run inside a Linux network namespace (`ip netns exec NAME …`), for the lab. */
  netns?: string;
  /**
   * Marks a read-only state query (is it mounted? is the address there?). Real runners ignore it.
   * The dry-run runner does not guess: it answers with `absent` when it simulates a start (nothing
   * is running yet) and with `present` when it simulates a stop, and printers may show queries apart.
   */
  query?: { absent: QueryAnswer; present: QueryAnswer };
  /**
   * For an action whose success has a shape (a PowerShell script prints one JSON line): what a dry-run
   * runner answers instead of running it. Real runners ignore it; absent means "exit 0, no output".
   */
  dryRunAnswer?: QueryAnswer;
}

/** What a state query prints in one of the two worlds a dry run assumes. */
export interface QueryAnswer {
  exitCode: number;
  stdout?: string;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

export interface DetachedSpec {
  file: string;
  args: readonly string[];
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  /** Where stdout and stderr go (appended); /dev/null when absent. */
  logFile?: string;
  /**
   * The program itself waits for the line "go" on stdin before it acts (and exits on anything
   * else): armed, it runs ahead and is told at the takeover, with no exec left to pay; cold, it is
   * told at once.
   */
  goOnStdin?: boolean;
}

/**
 * A small local file read in this process, without a fork: the /proc and /sys state the Linux drivers
 * check before a takeover's actions (each command forked costs ~5–10 ms here, a read ~0.1 ms).
 */
export interface FileRead {
  path: string;
  /** As CommandSpec.query: what a dry run takes the file to hold (null: missing) before a start and before a stop. */
  query: { absent: string | null; present: string | null };
}

export interface Runner {
  /** Runs to completion; a non-zero exit is a result, not an exception. Times out with timedOut=true. */
  run(spec: CommandSpec): Promise<CommandResult>;
  /**
   * The file's text; null when it does not exist or cannot be read (a down link's /sys `carrier` is
   * EINVAL). Optional: the drivers that need it say so (RHA-E3003) on runners without it.
   */
  readText?(read: FileRead): Promise<string | null>;
  /** The path with symlinks resolved (what findmnt compares); null when it does not exist. */
  realPath?(path: string): Promise<string | null>;
  /** Starts a process that outlives roseha (its own session, no pipes back to us). */
  spawnDetached(spec: DetachedSpec): Promise<{ pid: number }>;
  /**
   * Process facts, signals and pid files for the Linux `process` driver (PID-reuse-safe stop).
   * Optional so that runners which only run commands (Windows, PowerShell fakes) need not provide it.
   */
  readonly host?: ProcessHost;
  /**
   * A long-lived child with pipes (the Windows PowerShell worker and disk-heartbeat helper speak
   * line-JSON over stdin/stdout). Optional: runners that cannot provide it (dry runs) leave it out
   * and callers fall back to one command per request.
   */
  spawnInteractive?(spec: InteractiveSpec): InteractiveProcess;
  /**
   * Keeps exactly these commands ready to run (forked ahead, waiting): run() with an equal command
   * (timeouts aside) then only has to let it go. Forks at most one per call: call it again (every
   * beat) until all are armed. Optional: runners without it run every command cold.
   */
  keepArmed?(commands: ArmedCommands): void;
  /** The pids of the commands kept armed (for status and tests). */
  armedPids?(): number[];
}

/** What a standby keeps ready for a takeover: commands run() will run, processes spawnDetached() will start. */
export interface ArmedCommands {
  run: readonly CommandSpec[];
  detached: readonly DetachedSpec[];
}

export interface InteractiveSpec {
  file: string;
  args: readonly string[];
  env?: Readonly<Record<string, string>>;
  cwd?: string;
}

/** A running child whose stdin we write and whose stdout we read line by line. */
export interface InteractiveProcess {
  readonly pid: number | undefined;
  /** Writes text to the child's stdin (the caller adds the newline). */
  write(text: string): void;
  /** Each complete stdout line, without its line ending. */
  onLine(listener: (line: string) => void): void;
  /** stderr chunks: diagnostics only. */
  onStderr(listener: (text: string) => void): void;
  /** Called once when the child has exited (or could not be started: exitCode null). */
  onExit(listener: (exitCode: number | null) => void): void;
  /** Kills the child (and its group where the platform has one). */
  kill(): void;
}

/** A process we started: its pid and the kernel's start time for it, which tells a reused pid apart. */
export interface PidRecord {
  pid: number;
  /** /proc/PID/stat field 22 (clock ticks after boot), kept as a decimal string. */
  startTime: string;
}

/** The local-process half of the seam: /proc reads, signals to process groups and pid files. */
export interface ProcessHost {
  /** The start time of a live process, or null when there is no such process (or it is a zombie). */
  startTime(pid: number): Promise<string | null>;
  /** kill(-pgid, signal); false when no process is left in the group (ESRCH). */
  signalGroup(pgid: number, signal: 'SIGTERM' | 'SIGKILL'): Promise<boolean>;
  /** Null when the file does not exist or does not hold a pid record. */
  readPidFile(path: string): Promise<PidRecord | null>;
  /** Written atomically (temp file + rename), parent directories created. */
  writePidFile(path: string, record: PidRecord): Promise<void>;
  /** Succeeds when the file is already gone. */
  removePidFile(path: string): Promise<void>;
  /** Waiting between polls goes through the host so that fakes need not wait for real. */
  sleep(ms: number): Promise<void>;
}

/** Renders a command for dry-run output and logs: quoted so a person can copy it. */
export function formatCommand(spec: Pick<CommandSpec, 'file' | 'args' | 'env' | 'netns'>): string {
  const q = (s: string) => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const env = Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${q(v)}`);
  const ns = spec.netns ? ['ip', 'netns', 'exec', spec.netns] : [];
  return [...env, ...ns, spec.file, ...spec.args].map((p, i) => (i < env.length ? p : q(p))).join(' ');
}
