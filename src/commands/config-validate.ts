import { defineCommand } from './types.js';
import { ExitCode } from '../exit-codes.js';

export default defineCommand({
  name: 'config validate',
  summary: 'Check a config file: every syntax and schema error and every warning at once; writes nothing',
  args: [{ name: 'file', description: 'the config file (default: --config, $ROSEHA_CONFIG, then the platform default)' }],
  examples: ['roseha config validate /etc/roseha/roseha.toml', 'roseha config validate --json roseha.toml | jq .problems'],
  oneShot: true,
  async run(ctx, [file]) {
    const { validateConfigFile } = await import('../config/validate.js');
    const { path, problems } = validateConfigFile(file, ctx.globals.config, ctx.env);
    const errors = problems.filter((p) => p.severity === 'error').length;
    const warnings = problems.length - errors;
    if (ctx.globals.json) {
      ctx.out.data({ file: path, valid: errors === 0, errors, warnings, problems });
    } else {
      for (const p of problems) ctx.out.problem(p);
      const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
      ctx.out.line(errors === 0 ? `${path}: valid${warnings ? ` (${plural(warnings, 'warning')})` : ''}` : `${path}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
    }
    return errors === 0 ? ExitCode.ok : ExitCode.error;
  },
});
