import { defineCommand } from './types.js';
import { RosehaError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';

export default defineCommand({
  name: 'explain',
  summary: 'Explain an error or warning code: its cause and the remedy',
  args: [{ name: 'code', description: 'a code such as RHA-E1001', required: true }],
  examples: ['roseha explain RHA-E1001', 'roseha explain RHA-W1001 --lang zh-CN'],
  oneShot: true,
  async run(ctx, [code]) {
    const { lookupCode } = await import('../i18n/catalogue/index.js');
    const entry = lookupCode(code ?? '');
    if (!entry) {
      throw new RosehaError('RHA-E1011', `unknown code "${code}"; codes look like RHA-E1001 (errors) or RHA-W1001 (warnings)`, {
        exitCode: ExitCode.usage,
      });
    }
    const lang = ctx.lang();
    const text = lang === 'zh-CN' ? entry.zh : entry.en;
    if (ctx.globals.json) {
      ctx.out.data({ code: entry.code, lang, title: text.title, cause: text.cause, remedy: text.remedy });
      return;
    }
    const labels = lang === 'zh-CN' ? { cause: '原因', remedy: '解决办法' } : { cause: 'Cause', remedy: 'Remedy' };
    const p = ctx.out.paint;
    ctx.out.line(`${p.bold(entry.code)}  ${text.title}`);
    ctx.out.line();
    ctx.out.line(`${p.bold(labels.cause)}: ${text.cause}`);
    ctx.out.line(`${p.bold(labels.remedy)}: ${text.remedy}`);
  },
});
