// Every fixed PowerShell script roseha runs on Windows, by name (the tests parse each one).
import type { PsScript } from '../powershell/script.js';
import { diskOffline, diskOnline, diskStatus } from './disk.js';
import { ipAdd, ipRemove, ipStatus } from './ip.js';
import { processStart, processStatus, processWait } from './process.js';
import { serviceStart, serviceStatus, serviceStop } from './service.js';

export { diskOffline, diskOnline, diskStatus, ipAdd, ipRemove, ipStatus, processStart, processStatus, processWait, serviceStart, serviceStatus, serviceStop };

export const perCallScripts: readonly PsScript[] = [
  diskOnline,
  diskOffline,
  diskStatus,
  ipAdd,
  ipRemove,
  ipStatus,
  serviceStart,
  serviceStop,
  serviceStatus,
  processStart,
  processStatus,
  processWait,
];

/** The probes the long-lived worker answers (monitors run every few seconds). */
export const probeScripts: readonly PsScript[] = [diskStatus, ipStatus, serviceStatus, processStatus];
