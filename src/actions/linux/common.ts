// What the Linux drivers share: the operation's deadline, and turning a command's failure into a
// RosehaError that says which command, how it ended and its first line of output.
import { RosehaError } from '../../errors.js';
import type { DriverContext } from '../types.js';
import type { CommandResult, CommandSpec, FileRead, ProcessHost } from '../../platform/types.js';
import { formatCommand } from '../../platform/types.js';

/** Milliseconds left of ctx.timeoutMs, never below 1 so that a late command still gets a timeout. */
export function deadline(ctx: DriverContext): () => number {
  const started = performance.now();
  return () => Math.max(1, Math.round(ctx.timeoutMs - (performance.now() - started)));
}

export const firstLine = (text: string): string => text.split('\n').map((l) => l.trim()).find((l) => l) ?? '';

/** How a finished command ended, for messages: "exit 32: umount: /srv: target is busy." */
export function outcome(r: CommandResult): string {
  if (r.timedOut) return `timed out after ${r.durationMs} ms`;
  const line = firstLine(r.stderr) || firstLine(r.stdout);
  return line ? `exit ${r.exitCode}: ${line}` : `exit ${r.exitCode}`;
}

/** RHA-E3001 when it timed out (the same code for every driver), else the caller's code. */
export function commandError(code: string, what: string, spec: CommandSpec, r: CommandResult, resource: string): RosehaError {
  const details = { resource, command: formatCommand(spec), exitCode: r.exitCode, stderr: r.stderr.slice(0, 2000), timedOut: r.timedOut };
  if (r.timedOut) return new RosehaError('RHA-E3001', `${what}: ${formatCommand(spec)} did not finish in ${r.durationMs} ms`, { details });
  return new RosehaError(code, `${what}: ${outcome(r)}`, { details });
}

/** Runs a command that must succeed (exit 0). */
export async function mustRun(ctx: DriverContext, spec: CommandSpec, code: string, what: string, resource: string): Promise<CommandResult> {
  const r = await ctx.runner.run(spec);
  if (r.exitCode !== 0 || r.timedOut) throw commandError(code, what, spec, r, resource);
  return r;
}

/** The runner's in-process reads of local files (/proc, /sys); RHA-E3003 on a runner without them. */
export function localFiles(ctx: DriverContext, resource: string, what: string) {
  const { runner } = ctx;
  const { readText, realPath } = runner;
  if (!readText || !realPath) throw new RosehaError('RHA-E3003', `${resource}: this runner cannot read ${what}`, { details: { resource } });
  return {
    readText: (read: FileRead): Promise<string | null> => readText.call(runner, read),
    realPath: (path: string): Promise<string | null> => realPath.call(runner, path),
  };
}

/** The runner's process host (/proc, signals, pid files), or RHA-E3003 when it has none. */
export function processHost(ctx: DriverContext, resource: string): ProcessHost {
  if (!ctx.runner.host) throw new RosehaError('RHA-E3003', `${resource}: this runner cannot watch local processes (no process host)`, { details: { resource } });
  return ctx.runner.host;
}
