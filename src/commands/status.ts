import { defineCommand } from './types.js';
import { ExitCode } from '../exit-codes.js';

export default defineCommand({
  name: 'status',
  summary: 'Show the nodes, the links and where each group runs (exit 3 when degraded)',
  options: [{ flags: '-w, --watch', description: 'keep showing it, redrawn on every event' }],
  examples: ['roseha status', 'roseha status --json | jq .groups', 'roseha --host node-a:7410 status --watch'],
  oneShot: true,
  async run(ctx, _args, opts) {
    const { AgentClient, resolveClientTarget } = await import('../client/index.js');
    const client = new AgentClient(await resolveClientTarget(ctx.globals, ctx.env));
    const show = async () => {
      const s = await client.status();
      if (ctx.globals.json) ctx.out.data({ ...s });
      // The table view only for people: --json does without it (issue #2).
      else await (await import('../cli/status-view.js')).renderStatus(ctx.out, s);
      return s.degraded ? ExitCode.degraded : ExitCode.ok;
    };
    if (!opts.watch) return show();
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    let code = await show();
    while (!abort.signal.aborted) {
      try {
        for await (const e of client.events({ signal: abort.signal })) {
          if (ctx.globals.json) {
            ctx.out.line(JSON.stringify(e));
            continue;
          }
          if (ctx.out.tty) ctx.out.line('\x1b[2J\x1b[H');
          code = await show();
          ctx.out.line(`${e.at} ${e.code} ${e.message}`);
        }
      } catch (err) {
        if (abort.signal.aborted) break;
        ctx.out.progress(`(agent unreachable: ${(err as Error).message}; retrying)`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    return code;
  },
});
