// `roseha config push [FILE]`: validate here, then the agent commits it on both nodes (two phases).
import { defineCommand, type CommandContext } from './types.js';
import type { PushResult } from '../agent/config-sync.js';

export default defineCommand({
  name: 'config push',
  summary: 'Validate a config and commit it on both nodes with the next generation (two-phase commit)',
  args: [{ name: 'file', description: 'the config to push (default: this node\'s config file)' }],
  options: [{ flags: '-f, --force', description: 'resolve a conflict (both nodes edited during a partition): this config wins' }],
  acts: true,
  examples: ['roseha config push', 'roseha config push new.toml --dry-run', 'roseha config push --force'],
  async run(ctx, [file], opts) {
    const { readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const { locateConfig } = await import('../config/locate.js');
    const path = resolve(file ?? locateConfig(ctx.globals.config, ctx.env));
    const text = readFileSync(path, 'utf8');
    return pushText(ctx, text, path, { force: opts.force === true, dryRun: opts.dryRun === true });
  },
});

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
