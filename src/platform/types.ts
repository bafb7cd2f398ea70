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
}

export interface Runner {
  /** Runs to completion; a non-zero exit is a result, not an exception. Times out with timedOut=true. */
  run(spec: CommandSpec): Promise<CommandResult>;
  /** Starts a process that outlives roseha (its own session, no pipes back to us). */
  spawnDetached(spec: DetachedSpec): Promise<{ pid: number }>;
}

/** Renders a command for dry-run output and logs: quoted so a person can copy it. */
export function formatCommand(spec: Pick<CommandSpec, 'file' | 'args' | 'env' | 'netns'>): string {
  const q = (s: string) => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const env = Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${q(v)}`);
  const ns = spec.netns ? ['ip', 'netns', 'exec', spec.netns] : [];
  return [...env, ...ns, spec.file, ...spec.args].map((p, i) => (i < env.length ? p : q(p))).join(' ');
}
