// `script` resource: a user program with an OCF-like contract, called as `PATH ACTION ARGS…` where
// ACTION is start, stop or monitor. Exit 0: done / running; 7: not running (a clean state: a stop
// of a stopped resource succeeds); anything else, or a timeout, is a failure.
import type { CommandResult, CommandSpec } from '../../platform/types.js';
import type { MonitorResult, ResourceDriver } from '../types.js';
import type { ResourceConfig } from '../../config/schema.js';
import { commandError, deadline, firstLine } from './common.js';

type ScriptResource = Extract<ResourceConfig, { type: 'script' }>;
type Action = 'start' | 'stop' | 'monitor';

export const OCF_NOT_RUNNING = 7;

export function scriptSpec(r: ScriptResource, action: Action, timeoutMs: number): CommandSpec {
  const spec: CommandSpec = { file: r.path, args: [action, ...r.args], timeoutMs };
  if (action === 'monitor') spec.query = { absent: { exitCode: OCF_NOT_RUNNING }, present: { exitCode: 0 } };
  return spec;
}

const cannotRun = (res: CommandResult) => !res.timedOut && (res.exitCode === 126 || res.exitCode === 127);

export const scriptDriver: ResourceDriver<ScriptResource> = {
  type: 'script',
  async start(r, ctx) {
    const spec = scriptSpec(r, 'start', deadline(ctx)());
    const res = await ctx.runner.run(spec);
    if (res.exitCode === 0 && !res.timedOut) return;
    throw commandError(cannotRun(res) ? 'RHA-E3052' : 'RHA-E3050', `${r.name}: ${r.path} start`, spec, res, r.name);
  },
  async stop(r, ctx) {
    const spec = scriptSpec(r, 'stop', deadline(ctx)());
    const res = await ctx.runner.run(spec);
    if ((res.exitCode === 0 || res.exitCode === OCF_NOT_RUNNING) && !res.timedOut) return;
    throw commandError(cannotRun(res) ? 'RHA-E3052' : 'RHA-E3051', `${r.name}: ${r.path} stop`, spec, res, r.name);
  },
  async monitor(r, ctx): Promise<MonitorResult> {
    const res = await ctx.runner.run(scriptSpec(r, 'monitor', deadline(ctx)()));
    const output = firstLine(res.stdout) || firstLine(res.stderr) || undefined;
    if (res.timedOut) return { status: 'failed', output: `monitor timed out after ${res.durationMs} ms` };
    if (res.exitCode === 0) return { status: 'running', ...(output ? { output } : {}) };
    if (res.exitCode === OCF_NOT_RUNNING) return { status: 'stopped', ...(output ? { output } : {}) };
    return { status: 'failed', output: `exit ${res.exitCode}${output ? `: ${output}` : ''}` };
  },
};
