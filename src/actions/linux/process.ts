// `process` resource on Linux: a program started detached (its own session and process group),
// remembered by a pid file holding "PID STARTTIME". The start time (/proc/PID/stat field 22) makes
// it safe against pid reuse: a pid whose start time differs is someone else's process, never
// signalled. Stop sends SIGTERM to the process group, then SIGKILL after stop_grace_ms.
import { join } from 'node:path';
import { RosehaError } from '../../errors.js';
import type { DetachedSpec, PidRecord, ProcessHost } from '../../platform/types.js';
import type { DriverContext, MonitorResult, ResourceDriver } from '../types.js';
import type { ResourceConfig } from '../../config/schema.js';
import { deadline, processHost } from './common.js';

type ProcessResource = Extract<ResourceConfig, { type: 'process' }>;

const pollMs = 50;

export const pidFileFor = (r: ProcessResource, ctx: DriverContext): string => r.pid_file ?? join(ctx.stateDir, 'process', `${r.name}.pid`);
export const logFileFor = (r: ProcessResource, ctx: DriverContext): string => join(ctx.stateDir, 'process', `${r.name}.log`);

type Found = { state: 'ours'; record: PidRecord } | { state: 'gone'; record: PidRecord | null } | { state: 'reused'; record: PidRecord };

async function find(host: ProcessHost, pidFile: string): Promise<Found> {
  const record = await host.readPidFile(pidFile);
  if (!record) return { state: 'gone', record: null };
  const now = await host.startTime(record.pid);
  if (now === null) return { state: 'gone', record };
  return now === record.startTime ? { state: 'ours', record } : { state: 'reused', record };
}

/** Polls until the group leader is gone or `ms` has passed; true when gone. */
async function waitGone(host: ProcessHost, record: PidRecord, ms: number): Promise<boolean> {
  for (let waited = 0; ; waited += pollMs) {
    if ((await host.startTime(record.pid)) !== record.startTime) return true;
    if (waited >= ms) return false;
    await host.sleep(pollMs);
  }
}

const launchSpec = (r: ProcessResource, ctx: DriverContext): DetachedSpec => {
  const [file, ...args] = r.command;
  return { file: file as string, args, env: r.env, logFile: logFileFor(r, ctx), ...(r.cwd ? { cwd: r.cwd } : {}) };
};

export const processDriver: ResourceDriver<ProcessResource> = {
  type: 'process',
  async start(r, ctx) {
    const host = processHost(ctx, r.name);
    const pidFile = pidFileFor(r, ctx);
    if ((await find(host, pidFile)).state === 'ours') return;
    const file = r.command[0];
    let pid: number;
    try {
      ({ pid } = await ctx.runner.spawnDetached(launchSpec(r, ctx)));
    } catch (e) {
      throw new RosehaError('RHA-E3040', `${r.name}: cannot start ${file}: ${(e as Error).message}`, { cause: e, details: { resource: r.name } });
    }
    const startTime = await host.startTime(pid);
    if (startTime === null) {
      throw new RosehaError('RHA-E3041', `${r.name}: ${file} exited at once (see ${logFileFor(r, ctx)})`, { details: { resource: r.name, pid } });
    }
    await host.writePidFile(pidFile, { pid, startTime });
  },
  coldStart: (r, ctx) => ({ detached: [launchSpec(r, ctx)] }),
  async stop(r, ctx) {
    const host = processHost(ctx, r.name);
    const left = deadline(ctx);
    const pidFile = pidFileFor(r, ctx);
    const found = await find(host, pidFile);
    if (found.state === 'reused') {
      // The pid now belongs to a newer process: ours is gone, and its group with it (the kernel
      // does not hand out a pid that is still some group's id).
      ctx.warn?.('RHA-W3043', `${r.name}: pid ${found.record.pid} now belongs to another process; not signalled`);
    } else if (found.state === 'gone' && found.record) {
      // The leader died; children left in its group are still ours. ESRCH (false) when none are.
      await host.signalGroup(found.record.pid, 'SIGKILL');
    } else if (found.state === 'ours') {
      const { record } = found;
      const hard = ctx.signal?.aborted === true;
      // Keep a little of the deadline for SIGKILL and its wait.
      const grace = Math.max(0, Math.min(r.stop_grace_ms, left() - 1000));
      if (!hard) await host.signalGroup(record.pid, 'SIGTERM');
      if (hard || !(await waitGone(host, record, grace))) {
        await host.signalGroup(record.pid, 'SIGKILL');
        if (!(await waitGone(host, record, Math.min(5000, left())))) {
          throw new RosehaError('RHA-E3042', `${r.name}: pid ${record.pid} survived SIGKILL (stuck in the kernel?)`, { details: { resource: r.name, pid: record.pid } });
        }
      } else {
        // The leader left on SIGTERM; anything it left behind in its group goes too.
        await host.signalGroup(record.pid, 'SIGKILL');
      }
    }
    await host.removePidFile(pidFile);
  },
  async monitor(r, ctx): Promise<MonitorResult> {
    const host = processHost(ctx, r.name);
    const found = await find(host, pidFileFor(r, ctx));
    if (found.state === 'ours') return { status: 'running', output: `pid ${found.record.pid}` };
    if (found.state === 'reused') return { status: 'stopped', output: `pid ${found.record.pid} now belongs to another process` };
    return { status: 'stopped', output: found.record ? `pid ${found.record.pid} has exited` : 'no pid file' };
  },
};
