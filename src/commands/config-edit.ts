// `roseha config edit`: the running config in $EDITOR (notepad on Windows); validated before it is
// pushed to both nodes; an invalid edit is offered again on a terminal, never pushed.
import { defineCommand } from './types.js';
import type { ConfigState } from '../agent/config-sync.js';

export default defineCommand({
  name: 'config edit',
  summary: 'Edit the cluster config in $EDITOR (notepad on Windows), validate it, and push it to both nodes',
  acts: true,
  examples: ['roseha config edit', 'EDITOR=nano roseha config edit'],
  async run(ctx, _args, opts) {
    const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { AgentClient } = await import('../client/index.js');
    const { clientTarget } = await import('../client/locate.js');
    const { parseConfigText } = await import('../config/load.js');
    const { runEditor } = await import('../platform/editor.js');
    const { RosehaError } = await import('../errors.js');
    const { pushText } = await import('./push-text.js');
    const client = new AgentClient(clientTarget(ctx.globals, ctx.env));
    const current = await client.call<ConfigState>('GET', '/v1/config');
    const dir = mkdtempSync(join(tmpdir(), 'roseha-edit-'));
    const file = join(dir, 'roseha.toml');
    try {
      writeFileSync(file, current.text, { mode: 0o600 });
      for (;;) {
        const code = await runEditor(file, ctx.env);
        if (code !== 0) throw new RosehaError('RHA-E5253', `the editor exited with ${code}: nothing was pushed`);
        const text = readFileSync(file, 'utf8');
        if (text === current.text) {
          ctx.out.line(`no change: generation ${current.generation} stays`);
          return 0;
        }
        const { problems } = parseConfigText(text, file);
        const errors = problems.filter((p) => p.severity === 'error');
        if (errors.length === 0) return await pushText(ctx, text, file, { force: false, dryRun: opts.dryRun === true });
        for (const p of problems) ctx.out.problem(p);
        const again = process.stdin.isTTY === true && process.stdout.isTTY === true && (await (await import('@inquirer/prompts')).confirm({ message: 'The config is invalid. Edit it again?', default: true }));
        if (!again) throw new RosehaError('RHA-E5253', `the edited config is invalid (${errors.length} error${errors.length === 1 ? '' : 's'}): nothing was pushed`, { exitCode: 2 });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
