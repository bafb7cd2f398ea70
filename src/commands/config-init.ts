import { defineCommand } from './types.js';
import type { InitFlags } from '../config/init.js';

export default defineCommand({
  name: 'config init',
  summary: 'Write a commented starter config and the cluster key (asks on a terminal, flags in a batch job)',
  args: [{ name: 'file', description: 'where to write (default: --config, $ROSEHA_CONFIG, then the platform default)' }],
  options: [
    { flags: '--cluster-name <name>', description: 'the cluster\'s name' },
    { flags: '--node-a <name=private,public>', description: 'first node: name, heartbeat address, client address' },
    { flags: '--node-b <name=private,public>', description: 'second node' },
    { flags: '--gateway <ip>', description: 'the public network\'s gateway (health check)' },
    { flags: '--disk <path>', description: 'disk heartbeat: raw partition or file on shared storage' },
    { flags: '--vip <address/prefix>', description: 'a virtual IP for the group (repeatable)', repeatable: true },
    { flags: '--interface <name>', description: 'network interface of the virtual IPs (default: Ethernet0 on Windows, eth0 on Linux)' },
    { flags: '--group <name>', description: 'name of the group (default: the cluster name)' },
    { flags: '--profile <profile>', description: 'timing profile', choices: ['fast', 'balanced', 'safe'] },
    { flags: '--language <lang>', description: 'language of messages and alerts', choices: ['en', 'zh-CN'] },
    { flags: '-f, --force', description: 'replace an existing file' },
  ],
  acts: true,
  examples: [
    'roseha config init',
    'roseha config init roseha.toml --cluster-name erp --node-a node-a=192.168.100.1,10.0.0.11 --node-b node-b=192.168.100.2,10.0.0.12 --gateway 10.0.0.1 --vip 10.0.0.100/24',
  ],
  async run(ctx, [file], opts) {
    const { locateConfig } = await import('../config/locate.js');
    const init = await import('../config/init.js');
    const { dirname, resolve } = await import('node:path');
    const target = resolve(file ?? locateConfig(ctx.globals.config, ctx.env));
    const flags = opts as InitFlags & { force?: boolean; dryRun?: boolean };
    const keyFile = 'cluster.key';
    const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true && !ctx.globals.json;
    const answers = interactive
      ? await init.answersFromPrompts(flags, await terminalPrompter(), process.platform, keyFile)
      : init.answersFromFlags(flags, process.platform, keyFile);
    const result = init.writeStarter(target, answers, { force: flags.force === true, dryRun: flags.dryRun === true });
    if (ctx.globals.json) {
      ctx.out.data({ file: result.file, keyFile: result.keyFile, keyCreated: result.keyCreated, written: !flags.dryRun, warnings: result.warnings, ...(result.api ? { api: result.api } : {}), ...(flags.dryRun ? { text: result.text } : {}) });
      return;
    }
    if (flags.dryRun) {
      ctx.out.line(result.text);
      return;
    }
    for (const w of result.warnings) ctx.out.problem(w);
    ctx.out.line(`wrote ${result.file}`);
    ctx.out.line(result.keyCreated ? `created the cluster key ${result.keyFile}: copy it to the other node (same path), keep it private` : `kept the existing cluster key ${result.keyFile}`);
    if (result.api) {
      ctx.out.line(`${result.api.certCreated ? 'created' : 'kept'} the API certificate ${result.api.certFile} and ${result.api.tokenCreated ? 'created' : 'kept'} the API token ${result.api.tokenFile}: copy both, and ${result.api.keyFile}, to the other node`);
      ctx.out.line(`API certificate fingerprint (SHA-256), to give remote clients: ${result.api.fingerprint}`);
    }
    ctx.out.line(`next: check it with  roseha config validate ${result.file}  (folder ${dirname(result.file)})`);
  },
});

async function terminalPrompter() {
  const { input, select } = await import('@inquirer/prompts');
  return {
    input: (message: string, o: { default?: string; validate: (v: string) => true | string }) => input({ message, ...(o.default !== undefined ? { default: o.default } : {}), validate: o.validate }),
    select: <T extends string>(message: string, choices: readonly T[], defaultValue: T) =>
      select<T>({ message, choices: choices.map((value) => ({ value, name: value })), default: defaultValue }),
  };
}
