import { defineCommand } from './types.js';

declare const ROSEHA_VERSION: string | undefined;

export default defineCommand({
  name: 'version',
  summary: 'Print the version of roseha, Node.js and the platform',
  examples: ['roseha version --json'],
  oneShot: true,
  async run(ctx) {
    const info = {
      version: typeof ROSEHA_VERSION === 'string' ? ROSEHA_VERSION : '0.0.0-dev',
      node: process.versions.node,
      platform: process.platform,
      arch: process.arch,
    };
    if (ctx.globals.json) ctx.out.data(info);
    else ctx.out.line(`roseha ${info.version} (node ${info.node}, ${info.platform}-${info.arch})`);
  },
});
