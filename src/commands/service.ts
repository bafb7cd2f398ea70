// `roseha service install|uninstall|start|stop`: a systemd unit on Linux, a WinSW service on Windows.
// Every step goes through the Runner (argument vectors only); --dry-run prints them instead.
import { defineCommand, type CommandContext, type CommandDef } from './types.js';
import type { ServiceAction } from '../platform/service-plan.js';

const summaries: Record<ServiceAction, string> = {
  install: 'Install roseha as an OS service (systemd unit on Linux, WinSW on Windows) and enable it at boot',
  uninstall: 'Stop and remove the roseha service',
  start: 'Start the roseha service',
  stop: 'Stop the roseha service (the groups are handed over to the other node first)',
};

async function run(ctx: CommandContext, action: ServiceAction, opts: Record<string, unknown>): Promise<number> {
  const { resolve, join } = await import('node:path');
  const { existsSync } = await import('node:fs');
  const { locateConfig } = await import('../config/locate.js');
  const { RosehaError } = await import('../errors.js');
  const { describeStep, runServicePlan } = await import('../platform/service-plan.js');
  const platform = (opts.platform as string | undefined) ?? (process.platform === 'win32' ? 'windows' : process.platform === 'linux' ? 'linux' : undefined);
  if (!platform) throw new RosehaError('RHA-E5260', `roseha service knows systemd (Linux) and WinSW (Windows), not ${process.platform}`);
  const configFile = resolve(locateConfig(ctx.globals.config, ctx.env));
  const target = { node: process.execPath, entry: resolve(process.argv[1] ?? 'roseha'), configFile, stopTimeoutS: await stopTimeout(configFile) };
  let steps;
  if (platform === 'windows') {
    const { winswPlan } = await import('../platform/service-winsw.js');
    const serviceDir = (opts.serviceDir as string | undefined) ?? join(ctx.env.ProgramData ?? 'C:\\ProgramData', 'roseha', 'service');
    const winswExe = opts.winsw as string | undefined;
    if (action === 'install' && !opts.dryRun && (!winswExe || !existsSync(winswExe))) {
      throw new RosehaError('RHA-E5261', `WinSW not found${winswExe ? ` at ${winswExe}` : ''}: pass --winsw PATH\\TO\\WinSW-x64.exe (from the roseha release zip or the WinSW project)`);
    }
    steps = winswPlan(action, { ...target, serviceDir, ...(winswExe ? { winswExe } : {}) });
  } else {
    const { systemdPlan } = await import('../platform/service-systemd.js');
    steps = systemdPlan(action, target);
  }
  if (opts.dryRun) {
    if (ctx.globals.json) ctx.out.data({ action, platform, dryRun: true, steps: steps.map(describeStep) });
    else for (const s of steps) ctx.out.line(describeStep(s));
    return 0;
  }
  const { createExecaRunner } = await import('../platform/execa-runner.js');
  const done = await runServicePlan(steps, createExecaRunner());
  if (ctx.globals.json) ctx.out.data({ action, platform, dryRun: false, steps: done });
  else ctx.out.line(`service ${action}: done (${done.length} steps)`);
  return 0;
}

/** The service manager must wait for a clean stop: the longest resource stop, plus margin. */
async function stopTimeout(configFile: string): Promise<number> {
  try {
    const { loadConfigFile } = await import('../config/load.js');
    const { config } = loadConfigFile(configFile);
    if (!config) return 90;
    const ms = Math.max(10_000, ...Object.values(config.group).flatMap((g) => g.resource.map((r) => r.stop_timeout_ms)));
    return Math.ceil(ms / 1000) + 30;
  } catch {
    return 90;
  }
}

const make = (action: ServiceAction): CommandDef =>
  defineCommand({
    name: `service ${action}`,
    summary: summaries[action],
    acts: true,
    options: [
      ...(action === 'install' ? [{ flags: '--winsw <exe>', description: 'Windows: the WinSW executable to install as roseha-service.exe' }] : []),
      { flags: '--service-dir <dir>', description: 'Windows: folder of the service files (default %ProgramData%\\roseha\\service)' },
      { flags: '--platform <platform>', description: 'plan for this platform (with --dry-run, to read the Windows steps on Linux)', choices: ['linux', 'windows'] },
    ],
    examples: [`roseha service ${action}`, `roseha service ${action} --dry-run`],
    run: (ctx, _args, opts) => run(ctx, action, opts),
  });

export const serviceCommands: readonly CommandDef[] = (['install', 'uninstall', 'start', 'stop'] as const).map(make);
