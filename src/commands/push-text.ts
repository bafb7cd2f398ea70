// Validate a config text here, then have the agent commit it on both nodes: `config push` and
// `config edit` both end in it. A module of its own, loaded when one of them runs: the command
// table imports the commands, and every command's start-up would carry it (issue #2).
import type { CommandContext } from './types.js';
import type { PushResult } from '../agent/config-sync.js';

/** Shared with `config edit`: local validation first (every problem at once), then the agent. */
export async function pushText(ctx: CommandContext, text: string, path: string, o: { force: boolean; dryRun: boolean }): Promise<number> {
  const { parseConfigText } = await import('../config/load.js');
  const { RosehaError } = await import('../errors.js');
  const { ExitCode } = await import('../exit-codes.js');
  const { problems } = parseConfigText(text, path);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    for (const p of problems) ctx.out.problem(p);
    throw new RosehaError('RHA-E5243', `${path} is invalid (${errors.length} error${errors.length === 1 ? '' : 's'}): nothing was pushed`, { exitCode: ExitCode.usage });
  }
  const { AgentClient } = await import('../client/index.js');
  const { clientTarget } = await import('../client/locate.js');
  const client = new AgentClient({ ...clientTarget(ctx.globals, ctx.env), timeoutMs: 30_000 });
  const r = await client.call<PushResult>('PUT', '/v1/config', { text, force: o.force, dryRun: o.dryRun });
  if (ctx.globals.json) {
    ctx.out.data({ ...r });
    return ExitCode.ok;
  }
  for (const w of r.warnings) ctx.out.problem(w);
  if (r.peer === 'unreachable' || r.peer === 'commit-failed') ctx.out.problem({ code: 'RHA-W5245', severity: 'warning', message: r.message });
  else ctx.out.line(r.message);
  return ExitCode.ok;
}
