// `service` resource on Linux: a systemd unit through systemctl. `systemctl start` waits for the
// start job (for Type=simple units that is only the fork; the monitor catches a quick death).
import { RosehaError } from '../../errors.js';
import type { CommandSpec } from '../../platform/types.js';
import type { MonitorResult, ResourceDriver } from '../types.js';
import type { ResourceConfig } from '../../config/schema.js';
import { commandError, deadline, firstLine } from './common.js';

type ServiceResource = Extract<ResourceConfig, { type: 'service' }>;

const noSystemd = /System has not been booted with systemd|Failed to connect to bus/;

function systemdMissing(name: string, stderr: string): RosehaError {
  return new RosehaError('RHA-E3032', `${name}: systemd is not running on this node: ${firstLine(stderr)}`, { details: { resource: name } });
}

export function isActiveSpec(r: ServiceResource, timeoutMs: number): CommandSpec {
  return {
    file: 'systemctl',
    args: ['is-active', r.service],
    timeoutMs,
    query: { absent: { exitCode: 3, stdout: 'inactive\n' }, present: { exitCode: 0, stdout: 'active\n' } },
  };
}

export const serviceDriver: ResourceDriver<ServiceResource> = {
  type: 'service',
  async start(r, ctx) {
    const spec: CommandSpec = { file: 'systemctl', args: ['start', r.service], timeoutMs: deadline(ctx)() };
    const res = await ctx.runner.run(spec);
    if (res.exitCode === 0 && !res.timedOut) return;
    if (noSystemd.test(res.stderr)) throw systemdMissing(r.name, res.stderr);
    throw commandError('RHA-E3030', `${r.name}: starting ${r.service}`, spec, res, r.name);
  },
  async stop(r, ctx) {
    const spec: CommandSpec = { file: 'systemctl', args: ['stop', r.service], timeoutMs: deadline(ctx)() };
    const res = await ctx.runner.run(spec);
    if (res.exitCode === 0 && !res.timedOut) return;
    // Exit 5: the unit is not loaded (not installed on this node): it is not running, which is stopped.
    if (res.exitCode === 5 && !res.timedOut) return;
    if (noSystemd.test(res.stderr)) throw systemdMissing(r.name, res.stderr);
    throw commandError('RHA-E3031', `${r.name}: stopping ${r.service}`, spec, res, r.name);
  },
  async monitor(r, ctx): Promise<MonitorResult> {
    const res = await ctx.runner.run(isActiveSpec(r, deadline(ctx)()));
    if (res.timedOut) return { status: 'failed', output: `systemctl is-active ${r.service} timed out` };
    const state = firstLine(res.stdout);
    // is-active prints one word; exit 0 only for active/reloading (systemctl(1)).
    if (res.exitCode === 0) return { status: 'running', output: state };
    if (state === 'inactive' || state === 'unknown') return { status: 'stopped', output: state };
    if (noSystemd.test(res.stderr)) return { status: 'failed', output: firstLine(res.stderr) };
    // failed, activating (also a unit in its auto-restart loop), deactivating: not serving.
    return { status: 'failed', output: state || firstLine(res.stderr) };
  },
};
