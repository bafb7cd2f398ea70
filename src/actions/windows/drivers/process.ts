// process on Windows: started detached by Win32_Process.Create (see ../scripts/process.ts), tracked
// by a pid file holding pid and creation time, stopped by `taskkill /PID n /T` (WM_CLOSE to the
// tree), then `taskkill /PID n /T /F` once the grace period is over. taskkill runs from Node as an
// argument vector: no shell, no PowerShell. Unverified on Windows (taskkill exit codes included).
import { win32 } from 'node:path';
import { RosehaError } from '../../../errors.js';
import type { ResourceConfig } from '../../../config/schema.js';
import type { CommandSpec } from '../../../platform/types.js';
import type { DriverContext, ResourceDriver } from '../../types.js';
import { runPowerShell } from '../powershell/host.js';
import { processStart, processStatus, processWait } from '../scripts/index.js';
import { processStartData, processStatusData, processWaitData } from '../parsers.js';
import { windowsCommandLine } from '../cmdline.js';
import { probe, type WindowsDriverOptions } from './common.js';

type Proc = Extract<ResourceConfig, { type: 'process' }>;

export function pidFileOf(r: Proc, ctx: Pick<DriverContext, 'stateDir'>): string {
  return r.pid_file ?? win32.join(ctx.stateDir, `${r.name}.pid`);
}

/** Win32_Process.Create searches only the WMI host's path: the program must be given in full. */
export function commandLineOf(r: Proc): string {
  const program = r.command[0] ?? '';
  if (!win32.isAbsolute(program) || program.includes('"')) {
    throw new RosehaError('RHA-E3542', `resource ${r.name}: on Windows the program must be an absolute path without quotes, got "${program}"`);
  }
  return windowsCommandLine(r.command);
}

export function taskkillCommand(pid: number, force: boolean): CommandSpec {
  return { file: 'taskkill.exe', args: ['/PID', String(pid), '/T', ...(force ? ['/F'] : [])], timeoutMs: 15_000 };
}

const notTracked = { tracked: false, pid: 0, alive: false, created: '', recorded: '' };
const tracked = { tracked: true, pid: 4242, alive: true, created: '2026-01-01T00:00:00.0000000Z', recorded: '2026-01-01T00:00:00.0000000Z' };

export function processDriver(opts: WindowsDriverOptions): ResourceDriver<Proc> {
  return {
    type: 'process',
    async start(r, ctx) {
      const out = await runPowerShell(
        ctx.runner,
        processStart,
        { commandLine: commandLineOf(r), cwd: r.cwd ?? null, env: r.env, pidFile: pidFileOf(r, ctx), settleMs: 500 },
        processStartData,
        {
          timeoutMs: ctx.timeoutMs,
          reasons: { 'process-create-failed': 'RHA-E3540', '*': 'RHA-E3540' },
          dryRunData: { pid: 4242, created: tracked.created, alreadyRunning: false, alive: true },
        },
      );
      if (!out.alive) throw new RosehaError('RHA-E3541', `resource ${r.name}: process ${out.pid} exited right after it was started`);
    },
    async stop(r, ctx) {
      const started = Date.now();
      const pidFile = pidFileOf(r, ctx);
      const s = await runPowerShell(ctx.runner, processStatus, { pidFile }, processStatusData, {
        timeoutMs: ctx.timeoutMs,
        query: { absent: notTracked, present: tracked },
      });
      if (!s.alive) return;
      const left = () => Math.max(1000, ctx.timeoutMs - (Date.now() - started));
      const wait = async (waitMs: number) =>
        (
          await runPowerShell(ctx.runner, processWait, { pidFile, waitMs }, processWaitData, {
            timeoutMs: waitMs + 10_000,
            dryRunData: { gone: true, waitedMs: 0 },
          })
        ).gone;
      // Graceful first (unless told to stop hard): WM_CLOSE to the tree. Console and windowless
      // programs ignore it and taskkill exits non-zero; the grace period is waited out regardless.
      if (!ctx.signal?.aborted) {
        await ctx.runner.run(taskkillCommand(s.pid, false));
        if (await wait(Math.min(r.stop_grace_ms, Math.floor(left() * 0.6)))) return;
      }
      // The pid was re-checked against its creation time just now; the window for reuse is that short.
      await ctx.runner.run(taskkillCommand(s.pid, true));
      if (await wait(Math.min(5000, left()))) return;
      throw new RosehaError('RHA-E3543', `resource ${r.name}: process ${s.pid} is still running after taskkill /F`);
    },
    async monitor(r, ctx) {
      const s = await probe(ctx, opts, processStatus, { pidFile: pidFileOf(r, ctx) }, processStatusData, {}, { absent: notTracked, present: tracked });
      if (s.alive) return { status: 'running', output: `pid ${s.pid}` };
      return { status: 'stopped', output: s.tracked ? `pid ${s.pid} has exited` : 'not started' };
    },
  };
}
