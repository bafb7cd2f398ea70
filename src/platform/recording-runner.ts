// Two fake Runners.
// - RecordingRunner, for unit tests (modelled on GitHub CLI's run stubs): every command must have
//   been stubbed, an unstubbed command fails the test, and verify() reports stubs never used.
// - DryRunRunner, for `--dry-run` and `roseha simulate`: records every command in order, prints
//   nothing itself, and answers as if each action succeeded (state queries answer from the world
//   it assumes: nothing running before a start, everything running before a stop).
import type { CommandResult, CommandSpec, DetachedSpec, FileRead, PidRecord, ProcessHost, QueryAnswer, Runner } from './types.js';
import { formatCommand } from './types.js';

export type CommandMatcher = readonly string[] | RegExp | ((spec: CommandSpec) => boolean);
export type StubReply = Partial<CommandResult> | ((spec: CommandSpec) => Partial<CommandResult>);

interface Stub {
  matcher: CommandMatcher;
  reply: StubReply;
  /** How many more times it may match; Infinity for `always`. */
  left: number;
  used: number;
}

const argv = (spec: { file: string; args: readonly string[] }): string[] => [spec.file, ...spec.args];

function matches(m: CommandMatcher, spec: CommandSpec): boolean {
  if (typeof m === 'function') return m(spec);
  if (m instanceof RegExp) return m.test(argv(spec).join(' '));
  const a = argv(spec);
  return a.length === m.length && a.every((x, i) => x === m[i]);
}

const describeMatcher = (m: CommandMatcher): string =>
  typeof m === 'function' ? `<predicate ${m.name || 'anonymous'}>` : m instanceof RegExp ? String(m) : m.join(' ');

const filled = (r: Partial<CommandResult>): CommandResult => ({
  exitCode: 0,
  stdout: '',
  stderr: '',
  timedOut: false,
  durationMs: 0,
  ...r,
});

/** A process table, pid files and signal log in memory; sleep does not wait. */
export class FakeProcessHost implements ProcessHost {
  readonly procs = new Map<number, { startTime: string; ignoresTerm: boolean; pgid: number }>();
  readonly pidFiles = new Map<string, PidRecord>();
  readonly signals: Array<{ pgid: number; signal: 'SIGTERM' | 'SIGKILL' }> = [];
  slept = 0;

  addProcess(pid: number, startTime: string, opts: { ignoresTerm?: boolean; pgid?: number } = {}): void {
    this.procs.set(pid, { startTime, ignoresTerm: opts.ignoresTerm ?? false, pgid: opts.pgid ?? pid });
  }
  async startTime(pid: number) {
    return this.procs.get(pid)?.startTime ?? null;
  }
  async signalGroup(pgid: number, signal: 'SIGTERM' | 'SIGKILL') {
    this.signals.push({ pgid, signal });
    const members = [...this.procs].filter(([, p]) => p.pgid === pgid);
    for (const [pid, p] of members) if (signal === 'SIGKILL' || !p.ignoresTerm) this.procs.delete(pid);
    return members.length > 0;
  }
  async readPidFile(path: string) {
    return this.pidFiles.get(path) ?? null;
  }
  async writePidFile(path: string, record: PidRecord) {
    this.pidFiles.set(path, { ...record });
  }
  async removePidFile(path: string) {
    this.pidFiles.delete(path);
  }
  async sleep(ms: number) {
    this.slept += ms;
  }
}

export class RecordingRunner implements Runner {
  readonly calls: CommandSpec[] = [];
  readonly spawned: DetachedSpec[] = [];
  readonly unexpected: string[] = [];
  readonly host = new FakeProcessHost();
  private readonly stubs: Stub[] = [];
  private readonly spawnStubs: Array<{ matcher: CommandMatcher; reply: { pid: number; startTime?: string } | Error; used: boolean }> = [];
  /** Paths read with readText, in order. */
  readonly reads: string[] = [];
  private readonly files = new Map<string, { text: string | null; used: boolean }>();
  private readonly realPaths = new Map<string, string | null>();

  /** Answers the first matching command once (stubs are consumed in the order they were added). */
  stub(matcher: CommandMatcher, reply: StubReply = {}): this {
    this.stubs.push({ matcher, reply, left: 1, used: 0 });
    return this;
  }
  /** Answers every matching command (still reported by verify() if never used). */
  always(matcher: CommandMatcher, reply: StubReply = {}): this {
    this.stubs.push({ matcher, reply, left: Infinity, used: 0 });
    return this;
  }
  /** A detached start: adds the process to the fake host's table unless reply is an Error. */
  stubSpawn(matcher: CommandMatcher, reply: { pid: number; startTime?: string } | Error): this {
    this.spawnStubs.push({ matcher, reply, used: false });
    return this;
  }

  async run(spec: CommandSpec): Promise<CommandResult> {
    this.calls.push(spec);
    const stub = this.stubs.find((s) => s.left > 0 && matches(s.matcher, spec));
    if (!stub) {
      const text = formatCommand(spec);
      this.unexpected.push(text);
      throw new Error(`RecordingRunner: unexpected command: ${text}`);
    }
    stub.left -= 1;
    stub.used += 1;
    return filled(typeof stub.reply === 'function' ? stub.reply(spec) : stub.reply);
  }

  async spawnDetached(spec: DetachedSpec): Promise<{ pid: number }> {
    this.spawned.push(spec);
    const stub = this.spawnStubs.find((s) => !s.used && matches(s.matcher, { file: spec.file, args: spec.args }));
    if (!stub) {
      const text = formatCommand(spec);
      this.unexpected.push(`(detached) ${text}`);
      throw new Error(`RecordingRunner: unexpected detached command: ${text}`);
    }
    stub.used = true;
    if (stub.reply instanceof Error) throw stub.reply;
    this.host.addProcess(stub.reply.pid, stub.reply.startTime ?? '1000');
    return { pid: stub.reply.pid };
  }

  /** What readText gives for this path, every time (null: the file is missing). */
  stubFile(path: string, text: string | null): this {
    this.files.set(path, { text, used: false });
    return this;
  }
  /** Where realPath resolves this path (by default every path is already canonical). */
  stubRealPath(path: string, real: string | null): this {
    this.realPaths.set(path, real);
    return this;
  }

  async readText(read: FileRead): Promise<string | null> {
    this.reads.push(read.path);
    const file = this.files.get(read.path);
    if (!file) {
      this.unexpected.push(`(read) ${read.path}`);
      throw new Error(`RecordingRunner: unexpected read: ${read.path}`);
    }
    file.used = true;
    return file.text;
  }

  async realPath(path: string): Promise<string | null> {
    return this.realPaths.has(path) ? (this.realPaths.get(path) ?? null) : path;
  }

  /** The argv of every command run, in order: what golden tests compare. */
  get argvs(): string[][] {
    return this.calls.map(argv);
  }

  /** Throws when a command was not stubbed or a stub was never used (both are test bugs). */
  verify(): void {
    const problems = [
      ...this.unexpected.map((c) => `unexpected command: ${c}`),
      ...this.stubs.filter((s) => s.used === 0).map((s) => `stub never used: ${describeMatcher(s.matcher)}`),
      ...this.spawnStubs.filter((s) => !s.used).map((s) => `detached stub never used: ${describeMatcher(s.matcher)}`),
      ...[...this.files].filter(([, f]) => !f.used).map(([path]) => `file stub never read: ${path}`),
    ];
    if (problems.length) throw new Error(`RecordingRunner:\n  ${problems.join('\n  ')}`);
  }
}

/** The state a dry run assumes before the operation: nothing running (a start) or all running (a stop). */
export type DryRunWorld = 'absent' | 'present';

export interface DryRunEntry {
  /** query: read-only state check; run: an action; spawn: a detached start; signal and file: local steps. */
  kind: 'query' | 'run' | 'spawn' | 'signal' | 'file';
  /** A copyable command line (or, for signal/file steps, the shell equivalent). */
  text: string;
  spec?: CommandSpec | DetachedSpec;
}

// Above PID_MAX_LIMIT (4194304): a symbolic pid in a dry run can never be mistaken for a real one.
const firstDryRunPid = 5_000_001;

/**
 * Pid files and processes in a dry run: in the `present` world every pid file names a running
 * process (a symbolic pid, shown as "$(cat FILE)"), which leaves at the first SIGTERM.
 */
class DryRunHost implements ProcessHost {
  private nextPid = firstDryRunPid;
  private readonly live = new Set<number>();
  private readonly shown = new Map<number, string>(); // pid -> how a person sees it
  private readonly files = new Map<string, PidRecord | null>();
  constructor(private readonly owner: DryRunRunner) {}

  spawned(pid: number, shown: string): void {
    this.live.add(pid);
    this.shown.set(pid, shown);
  }
  newPid(): number {
    return this.nextPid++;
  }
  async startTime(pid: number) {
    return this.live.has(pid) ? '0' : null;
  }
  async signalGroup(pgid: number, signal: 'SIGTERM' | 'SIGKILL') {
    const shown = this.shown.get(pgid) ?? String(pgid);
    this.owner.record({ kind: 'signal', text: `kill -${signal.slice(3)} -- -${shown}` });
    return this.live.delete(pgid);
  }
  async readPidFile(path: string) {
    if (this.files.has(path)) return this.files.get(path) ?? null;
    if (this.owner.world === 'absent') return null;
    const pid = this.newPid();
    this.spawned(pid, `"$(cut -d' ' -f1 ${path})"`);
    const rec = { pid, startTime: '0' };
    this.files.set(path, rec);
    return rec;
  }
  async writePidFile(path: string, record: PidRecord) {
    this.files.set(path, record);
    this.owner.record({ kind: 'file', text: `# write pid file ${path}` });
  }
  async removePidFile(path: string) {
    this.files.set(path, null);
    this.owner.record({ kind: 'file', text: `rm -f ${path}` });
  }
  async sleep() {}
}

export class DryRunRunner implements Runner {
  readonly entries: DryRunEntry[] = [];
  readonly host: DryRunHost;

  constructor(public world: DryRunWorld = 'absent') {
    this.host = new DryRunHost(this);
  }

  record(entry: DryRunEntry): void {
    this.entries.push(entry);
  }

  async run(spec: CommandSpec): Promise<CommandResult> {
    const answer: QueryAnswer | undefined = spec.query ? spec.query[this.world] : spec.dryRunAnswer;
    this.record({ kind: spec.query ? 'query' : 'run', text: formatCommand(spec), spec });
    return filled({ exitCode: answer?.exitCode ?? 0, stdout: answer?.stdout ?? '' });
  }

  async readText(read: FileRead): Promise<string | null> {
    this.record({ kind: 'query', text: formatCommand({ file: 'cat', args: [read.path] }) });
    return read.query[this.world];
  }

  async realPath(path: string): Promise<string | null> {
    return path;
  }

  async spawnDetached(spec: DetachedSpec): Promise<{ pid: number }> {
    const pid = this.host.newPid();
    this.host.spawned(pid, String(pid));
    const redirect = ` >>${spec.logFile ?? '/dev/null'} 2>&1`;
    const cd = spec.cwd ? `cd ${formatCommand({ file: spec.cwd, args: [] })} && ` : '';
    const go = spec.goOnStdin ? 'echo go | ' : '';
    this.record({ kind: 'spawn', text: `${cd}${go}setsid ${formatCommand(spec)}${redirect} &`, spec });
    return { pid };
  }

  /** The recorded lines; without queries unless asked (what simulate prints by default). */
  lines(opts: { queries?: boolean } = {}): string[] {
    return this.entries.filter((e) => opts.queries || e.kind !== 'query').map((e) => e.text);
  }
}
