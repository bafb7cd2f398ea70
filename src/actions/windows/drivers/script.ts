// script on Windows: the user's script called with start|stop|monitor (OCF exit codes: 0 running,
// 7 not running, anything else failed), always as an argument vector.
//   .ps1      powershell.exe … -File PATH ACTION ARGS…  (-File passes arguments as literal strings;
//             an argument starting with "-" may bind to a script parameter: unverified details)
//   .cmd/.bat cmd.exe /d /c PATH ACTION ARGS…  cmd.exe re-parses its command line with its own rules
//             (& | < > ^ % ! ( ) " , ; = and spaces), which no argv quoting can make safe, so a path
//             or argument with any character outside [A-Za-z0-9 _ . : \ / @ + -] is refused.
//   .exe/.com run directly.
// Unverified on Windows.
import { win32 } from 'node:path';
import { RosehaError } from '../../../errors.js';
import type { ResourceConfig } from '../../../config/schema.js';
import type { CommandSpec } from '../../../platform/types.js';
import type { MonitorResult, ResourceDriver } from '../../types.js';
import { powershellExe, powershellFlags } from '../powershell/host.js';
import { firstLine } from './common.js';

type Script = Extract<ResourceConfig, { type: 'script' }>;
export type ScriptAction = 'start' | 'stop' | 'monitor';

const cmdSafe = /^[A-Za-z0-9_.:\\/@+-]+$/;

export function scriptCommand(r: Script, action: ScriptAction, timeoutMs: number): CommandSpec {
  const ext = win32.extname(r.path).toLowerCase();
  switch (ext) {
    case '.ps1':
      return { file: powershellExe, args: [...powershellFlags, '-File', r.path, action, ...r.args], timeoutMs };
    case '.cmd':
    case '.bat': {
      const unsafe = [r.path, ...r.args].find((a) => !cmdSafe.test(a));
      if (unsafe !== undefined) {
        throw new RosehaError(
          'RHA-E3551',
          `resource ${r.name}: "${unsafe}" cannot be passed to a batch file safely (cmd.exe would interpret its characters); use a .ps1 or .exe, or plain words`,
        );
      }
      return { file: 'cmd.exe', args: ['/d', '/c', r.path, action, ...r.args], timeoutMs };
    }
    case '.exe':
    case '.com':
      return { file: r.path, args: [action, ...r.args], timeoutMs };
    default:
      throw new RosehaError('RHA-E3550', `resource ${r.name}: cannot run "${r.path}" on Windows: use a .ps1, .cmd, .bat or .exe file`);
  }
}

export function scriptDriver(): ResourceDriver<Script> {
  const act = async (r: Script, action: 'start' | 'stop', ctx: Parameters<ResourceDriver<Script>['start']>[1]) => {
    const res = await ctx.runner.run(scriptCommand(r, action, ctx.timeoutMs));
    if (res.timedOut) throw new RosehaError('RHA-E3553', `resource ${r.name}: "${r.path} ${action}" did not finish within ${ctx.timeoutMs} ms`);
    if (res.exitCode === 0 || (action === 'stop' && res.exitCode === 7)) return;
    throw new RosehaError('RHA-E3552', `resource ${r.name}: "${r.path} ${action}" failed with exit code ${res.exitCode}: ${firstLine(res.stderr || res.stdout)}`, {
      details: { exitCode: res.exitCode, stdout: res.stdout.slice(0, 2000), stderr: res.stderr.slice(0, 2000) },
    });
  };
  return {
    type: 'script',
    start: (r, ctx) => act(r, 'start', ctx),
    stop: (r, ctx) => act(r, 'stop', ctx),
    async monitor(r, ctx): Promise<MonitorResult> {
      const res = await ctx.runner.run(scriptCommand(r, 'monitor', ctx.timeoutMs));
      const output = firstLine(res.stdout || res.stderr);
      if (res.timedOut) return { status: 'failed', output: `monitor timed out after ${ctx.timeoutMs} ms` };
      if (res.exitCode === 0) return { status: 'running', output };
      if (res.exitCode === 7) return { status: 'stopped', output };
      return { status: 'failed', output: `exit ${res.exitCode}${output ? `: ${output}` : ''}` };
    },
  };
}
