// The driver table per target platform. The Windows table is loaded only when asked for, so that
// Linux never loads the PowerShell scripts.
import { RosehaError } from '../errors.js';
import type { DriverTable, TargetPlatform } from './types.js';
import { linuxDrivers, type LinuxDriverOptions } from './linux/index.js';

export interface DriverOptions {
  linux?: LinuxDriverOptions;
}

export async function driversFor(platform: TargetPlatform, opts: DriverOptions = {}): Promise<DriverTable> {
  if (platform === 'linux') return linuxDrivers(opts.linux);
  if (platform === 'windows') {
    // TODO(issue 4): `return (await import('./windows/index.js')).windowsDrivers();` once
    // src/actions/windows/index.ts exists (a literal import, so that esbuild bundles it).
    throw new RosehaError('RHA-E3002', 'the Windows resource drivers are not built yet (src/actions/windows/index.ts is missing)');
  }
  throw new RosehaError('RHA-E3002', `no resource drivers for platform ${String(platform)}`);
}

export { createExecutor } from './executor.js';
export type { GroupExecutor, GroupReport, StepTiming, AdoptReport, FailureCount, ExecutorEvent, ExecutorOptions } from './executor.js';
export { commandsFor } from './dryrun.js';
export type { DryRunPlan, DryRunStep } from './dryrun.js';
