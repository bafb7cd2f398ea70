// service on Windows: ServiceController Start/Stop with WaitForStatus in slices, so a service stuck
// in a pending state times out instead of hanging the agent. Unverified on Windows.
import { RosehaError } from '../../../errors.js';
import type { ResourceConfig } from '../../../config/schema.js';
import type { ResourceDriver } from '../../types.js';
import { runPowerShell } from '../powershell/host.js';
import { serviceStart, serviceStatus, serviceStop } from '../scripts/index.js';
import { serviceActionData, serviceStatusData } from '../parsers.js';
import { innerBudget, probe, type WindowsDriverOptions } from './common.js';

type Service = Extract<ResourceConfig, { type: 'service' }>;

export function serviceDriver(opts: WindowsDriverOptions): ResourceDriver<Service> {
  return {
    type: 'service',
    async start(r, ctx) {
      const out = await runPowerShell(ctx.runner, serviceStart, { name: r.service, timeoutMs: innerBudget(ctx.timeoutMs) }, serviceActionData, {
        timeoutMs: ctx.timeoutMs,
        reasons: {
          'service-not-found': 'RHA-E3530',
          'service-start-timeout': 'RHA-E3531',
          'service-disabled': 'RHA-E3533',
          'service-start-failed': 'RHA-E3534',
          '*': 'RHA-E3534',
        },
        dryRunData: { name: r.service, before: 'Stopped', status: 'Running', waitedMs: 0, killed: false },
      });
      if (out.status !== 'Running') throw new RosehaError('RHA-E3534', `resource ${r.name}: service ${r.service} is ${out.status} after starting`);
    },
    async stop(r, ctx) {
      const out = await runPowerShell(
        ctx.runner,
        serviceStop,
        { name: r.service, timeoutMs: innerBudget(ctx.timeoutMs), killOnTimeout: true },
        serviceActionData,
        {
          timeoutMs: ctx.timeoutMs,
          reasons: { 'service-stop-timeout': 'RHA-E3532', '*': 'RHA-E3536' },
          dryRunData: { name: r.service, before: 'Running', status: 'Stopped', waitedMs: 0, killed: false },
        },
      );
      if (out.status !== 'Stopped') throw new RosehaError('RHA-E3532', `resource ${r.name}: service ${r.service} is ${out.status} after stopping`);
    },
    async monitor(r, ctx) {
      const svc = { Name: r.service, DisplayName: r.service, StartType: 'Manual' };
      const s = await probe(ctx, opts, serviceStatus, { name: r.service }, serviceStatusData, {}, {
        absent: { name: r.service, service: { ...svc, Status: 'Stopped' } },
        present: { name: r.service, service: { ...svc, Status: 'Running' } },
      });
      if (!s.service) return { status: 'failed', output: `no service is named ${r.service}` };
      if (s.service.Status === 'Running') return { status: 'running', output: `${r.service} Running` };
      if (s.service.Status === 'Stopped') return { status: 'stopped', output: `${r.service} Stopped` };
      return { status: 'failed', output: `${r.service} ${s.service.Status}` };
    },
  };
}
