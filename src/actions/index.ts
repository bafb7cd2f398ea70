// The driver table per target platform. The Windows table is loaded only when asked for, so that
// Linux never loads the PowerShell scripts.
import { RosehaError } from '../errors.js';
import type { DriverTable, TargetPlatform } from './types.js';
import { linuxDrivers, type LinuxDriverOptions } from './linux/index.js';
import type { WindowsDriverOptions } from './windows/index.js';

export interface DriverOptions {
  linux?: LinuxDriverOptions;
  windows?: WindowsDriverOptions;
}

export async function driversFor(platform: TargetPlatform, opts: DriverOptions = {}): Promise<DriverTable> {
  if (platform === 'linux') return linuxDrivers(opts.linux);
  if (platform === 'windows') {
    // A literal specifier, so that esbuild bundles it (as a chunk loaded only here).
    const { createWindowsDrivers } = await import('./windows/index.js');
    return createWindowsDrivers(opts.windows);
  }
  throw new RosehaError('RHA-E3002', `no resource drivers for platform ${String(platform)}`);
}

export { createExecutor } from './executor.js';
export type { GroupExecutor, GroupReport, StepTiming, AdoptReport, FailureCount, ExecutorEvent, ExecutorOptions } from './executor.js';
export { commandsFor } from './dryrun.js';
export type { DryRunPlan, DryRunStep } from './dryrun.js';
