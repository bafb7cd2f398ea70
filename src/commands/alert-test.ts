// `roseha alert test`: one test alert through every configured channel, by the agent (the normal
// case) or, with --local, from this machine's config without an agent.
import { defineCommand } from './types.js';
import type { ChannelResult } from '../agent/alerts/types.js';

export default defineCommand({
  name: 'alert test',
  summary: 'Send a test alert through every configured channel (email, sound, event log, script)',
  options: [{ flags: '--local', description: 'send from this machine using the config file, without the agent' }],
  acts: true,
  examples: ['roseha alert test', 'roseha alert test --local', 'roseha --host node-a:7410 alert test'],
  async run(ctx, _args, opts) {
    const { ExitCode } = await import('../exit-codes.js');
    let channels: ChannelResult[];
    if (opts.local) {
      const { locateConfig } = await import('../config/locate.js');
      const { loadConfigOrThrow } = await import('../config/load.js');
      const { createAlerts } = await import('../agent/alerts/index.js');
      const { createExecaRunner } = await import('../platform/execa-runner.js');
      const { hostname } = await import('node:os');
      const { RosehaError } = await import('../errors.js');
      const { config } = loadConfigOrThrow(locateConfig(ctx.globals.config, ctx.env));
      const quiet = { info: () => undefined, warn: () => undefined };
      const alerts = createAlerts({ config, node: hostname(), runner: createExecaRunner(), log: quiet });
      if (alerts.channels.length === 0) throw new RosehaError('RHA-E5224', 'no alert channel is configured ([alerts] email, sound, eventlog or script)', { exitCode: ExitCode.refused });
      channels = opts.dryRun ? alerts.channels.map((c) => ({ channel: c.name, ok: true, detail: 'would send a test alert' })) : await alerts.test('roseha alert test --local');
    } else {
      const { AgentClient } = await import('../client/index.js');
      const { clientTarget } = await import('../client/locate.js');
      const client = new AgentClient({ ...clientTarget(ctx.globals, ctx.env), timeoutMs: 60_000 });
      ({ channels } = await client.call<{ channels: ChannelResult[] }>('POST', '/v1/alerts/test', { dryRun: opts.dryRun === true }));
    }
    const failed = channels.filter((c) => !c.ok).length;
    if (ctx.globals.json) ctx.out.data({ channels, failed });
    else await ctx.out.table(['channel', 'result', 'detail'], channels.map((c) => [c.channel, c.ok ? 'ok' : 'FAILED', c.detail]));
    return failed > 0 ? ExitCode.error : ExitCode.ok;
  },
});
