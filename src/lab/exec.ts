// Small helpers over the Runner: the lab runs many short commands and each must succeed.
import { formatCommand, type CommandSpec, type CommandResult, type Runner } from '../platform/types.js';
import { RosehaError } from '../errors.js';

/** Runs a command and throws RHA-E4001 (with the command and its stderr) when it fails. */
export async function must(runner: Runner, spec: CommandSpec): Promise<CommandResult> {
  const result = await runner.run({ timeoutMs: 30_000, ...spec });
  if (result.exitCode !== 0 || result.timedOut) {
    const why = result.timedOut ? 'timed out' : `exit ${result.exitCode}`;
    throw new RosehaError('RHA-E4001', `lab command failed (${why}): ${formatCommand(spec)}: ${result.stderr.trim() || result.stdout.trim()}`, {
      details: { command: formatCommand(spec), exitCode: result.exitCode, stderr: result.stderr },
    });
  }
  return result;
}

/** Runs a command whose failure is expected during clean-up (already gone): returns whether it succeeded. */
export async function tryRun(runner: Runner, spec: CommandSpec): Promise<boolean> {
  const result = await runner.run({ timeoutMs: 30_000, ...spec });
  return result.exitCode === 0 && !result.timedOut;
}

export const cmd = (file: string, ...args: string[]): CommandSpec => ({ file, args });

/** CLOCK_MONOTONIC in ms: the same clock as the helper scripts in other processes and namespaces. */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until `probe` returns a value (not undefined) or the deadline passes (RHA-E4004). */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, everyMs = 10): Promise<T> {
  const deadline = monotonicMs() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (monotonicMs() > deadline) throw new RosehaError('RHA-E4004', `lab: timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
