import { defineCommand } from './types.js';

export default defineCommand({
  name: 'config show',
  summary: 'Print the effective config: defaults filled in, timing profile resolved, secrets hidden',
  examples: ['roseha config show', 'roseha config show --json'],
  oneShot: true,
  async run(ctx) {
    const { locateConfig } = await import('../config/locate.js');
    const { loadConfigOrThrow } = await import('../config/load.js');
    const { redactSecrets } = await import('../config/redact.js');
    const { config, warnings } = loadConfigOrThrow(locateConfig(ctx.globals.config, ctx.env));
    const { paths, ...rest } = redactSecrets(config);
    if (ctx.globals.json) {
      ctx.out.data({ file: paths.config, paths, config: rest });
      return;
    }
    const { stringify } = await import('smol-toml');
    for (const w of warnings) ctx.out.problem(w);
    ctx.out.line(`# effective config of ${paths.config}`);
    ctx.out.line(`# key file: ${paths.key_file}   token file: ${paths.token_file}   state: ${paths.state_dir}`);
    ctx.out.line(stringify(rest));
  },
});
