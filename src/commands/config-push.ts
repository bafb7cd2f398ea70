// `roseha config push [FILE]`: validate here, then the agent commits it on both nodes (two phases).
import { defineCommand } from './types.js';

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
    const { pushText } = await import('./push-text.js');
    return pushText(ctx, text, path, { force: opts.force === true, dryRun: opts.dryRun === true });
  },
});
