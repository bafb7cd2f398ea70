// Every exit code roseha uses, in one place; `roseha help exit-codes` and the man page print this table.
export const ExitCode = {
  ok: 0,
  error: 1,
  usage: 2,
  degraded: 3,
  unreachable: 4,
  refused: 5,
} as const;
export type ExitCodeName = keyof typeof ExitCode;

export const exitCodeHelp: ReadonlyArray<{ code: number; name: ExitCodeName; meaning: string }> = [
  { code: ExitCode.ok, name: 'ok', meaning: 'success; for `status`, every group runs where it should and every link is up' },
  { code: ExitCode.error, name: 'error', meaning: 'the command failed (invalid config, an action that failed, a bad request)' },
  { code: ExitCode.usage, name: 'usage', meaning: 'wrong command line: unknown command or option, missing or malformed argument' },
  { code: ExitCode.degraded, name: 'degraded', meaning: '`status` only: the cluster runs but something is wrong (a link down, a group locked, failed or stopped, a node not healthy)' },
  { code: ExitCode.unreachable, name: 'unreachable', meaning: 'the agent could not be reached (not running, wrong --host, network)' },
  { code: ExitCode.refused, name: 'refused', meaning: 'the agent refused the request because of the cluster state (the message says why and how to fix it)' },
];
