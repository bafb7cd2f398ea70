// The Windows resource drivers (volume, ip, service, process, script) over Windows PowerShell 5.1.
import type { DriverTable } from '../types.js';
import { ipDriver } from './drivers/ip.js';
import { processDriver } from './drivers/process.js';
import { scriptDriver } from './drivers/script.js';
import { serviceDriver } from './drivers/service.js';
import { volumeDriver } from './drivers/volume.js';
import type { WindowsDriverOptions } from './drivers/common.js';

export type { WindowsDriverOptions } from './drivers/common.js';
export { PowerShellWorker, workerCommand } from './powershell/worker.js';
export { WindowsDiskIo, type DiskIo } from './diskio.js';
export { describeWindowsCommand } from './describe.js';

/** Drivers whose monitors use `opts.worker` when given (the agent owns and closes it). */
export function createWindowsDrivers(opts: WindowsDriverOptions = {}): DriverTable {
  return {
    volume: volumeDriver(opts),
    ip: ipDriver(opts),
    service: serviceDriver(opts),
    process: processDriver(opts),
    script: scriptDriver(),
  };
}

/** Every probe starts its own powershell.exe: right for dry runs, simulate and one-off commands. */
export const windowsDrivers: DriverTable = createWindowsDrivers();
