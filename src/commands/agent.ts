import { defineCommand } from './types.js';

export default defineCommand({
  name: 'agent',
  summary: 'Run the cluster agent in the foreground (a guardian that starts and watches the worker)',
  options: [
    { flags: '--node <name>', description: 'which [[node]] this machine is (default: $ROSEHA_NODE, else found by its addresses)' },
    { flags: '--log-file <file>', description: 'JSON log file (default: cluster.log_file, else STATE_DIR/roseha.log)' },
  ],
  examples: ['roseha agent --config /etc/roseha/roseha.toml', 'roseha agent --node node-a'],
  async run(ctx, _args, opts) {
    const { locateConfig } = await import('../config/locate.js');
    const main = await import('../agent/main.js');
    const agentOpts = {
      configFile: locateConfig(ctx.globals.config, ctx.env),
      ...(typeof opts.node === 'string' ? { node: opts.node } : {}),
      ...(typeof opts.logFile === 'string' ? { logFile: opts.logFile } : {}),
      entry: process.argv[1]!,
      argv: process.argv.slice(2),
    };
    return ctx.env[main.workerRoleEnv] === 'worker' ? main.runWorker(agentOpts) : main.runGuardian(agentOpts);
  },
});
