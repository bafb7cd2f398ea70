// Zod schemas for the data each script prints, tolerant of Windows PowerShell 5.1's JSON habits:
// enums written as numbers when a cast was missed, one object where a list was meant (or the
// {"value":[...],"Count":n} wrapper), null for an empty pipeline, and "\u0000" for a missing
// drive letter. Enum numbers come from the Microsoft documentation cited next to each map.
import { z } from 'zod';

/** A list however 5.1 wrote it: null, one object, an array, or {"value":[...],"Count":n}. */
export function psList<T extends z.ZodType>(item: T) {
  return z.preprocess((v: unknown) => {
    if (v === null || v === undefined || v === '') return [];
    if (Array.isArray(v)) return v;
    if (typeof v === 'object' && Array.isArray((v as { value?: unknown }).value) && 'Count' in (v as object)) return (v as { value: unknown[] }).value;
    return [v];
  }, z.array(item));
}

/** An enum that should arrive as its name but may arrive as its number. */
export function psEnum(numbers: Readonly<Record<number, string>>) {
  return z.preprocess((v: unknown) => (typeof v === 'number' ? (numbers[v] ?? String(v)) : v), z.string());
}

// NL_DAD_STATE / MSFT_NetIPAddress.AddressState: names from the Set-NetIPAddress -AddressState docs
// (https://learn.microsoft.com/powershell/module/nettcpip/set-netipaddress); numbers from
// NL_DAD_STATE (unverified against the MSFT_NetIPAddress MOF).
export const addressStates = { 0: 'Invalid', 1: 'Tentative', 2: 'Duplicate', 3: 'Deprecated', 4: 'Preferred' } as const;
// MSFT_NetIPAddress.Store: 0 PersistentStore, 1 ActiveStore (unverified on Windows).
export const policyStores = { 0: 'PersistentStore', 1: 'ActiveStore' } as const;
// System.ServiceProcess.ServiceControllerStatus
// (https://learn.microsoft.com/dotnet/api/system.serviceprocess.servicecontrollerstatus).
export const serviceStatuses = { 1: 'Stopped', 2: 'StartPending', 3: 'StopPending', 4: 'Running', 5: 'ContinuePending', 6: 'PausePending', 7: 'Paused' } as const;
// System.ServiceProcess.ServiceStartMode (https://learn.microsoft.com/dotnet/api/system.serviceprocess.servicestartmode).
export const serviceStartModes = { 0: 'Boot', 1: 'System', 2: 'Automatic', 3: 'Manual', 4: 'Disabled' } as const;
// MSFT_Disk.OfflineReason (https://learn.microsoft.com/windows-hardware/drivers/storage/msft-disk).
export const offlineReasons = { 1: 'Policy', 2: 'RedundantPath', 3: 'Snapshot', 4: 'Collision', 5: 'ResourceExhaustion', 6: 'CriticalWriteFailures', 7: 'DataIntegrityScanRequired' } as const;

const str = z.string().nullish().transform((s) => s ?? '');
/** [char] in 5.1 JSON: "E", or "\u0000" when the volume has no letter. */
const driveLetter = z
  .string()
  .nullish()
  .transform((s) => (s && /^[A-Za-z]$/.test(s) ? s.toUpperCase() : ''));

// ---- volume ----
export const diskOnlineData = z.object({
  number: z.number().nullish(),
  isOffline: z.boolean(),
  isReadOnly: z.boolean(),
  driveLetter: z.string(),
  fileSystem: str,
  healthStatus: str,
  letterAssigned: z.boolean(),
  waitedMs: z.number(),
});
export const diskOfflineData = z.object({
  found: z.boolean(),
  flushed: z.number(),
  isOffline: z.boolean().nullish(),
  isReadOnly: z.boolean().nullish(),
});
export const diskStatusData = z.object({
  disk: z
    .object({
      Number: z.number().nullish(),
      UniqueId: str,
      IsOffline: z.boolean(),
      OfflineReason: psEnum(offlineReasons).nullish(),
      IsReadOnly: z.boolean(),
      OperationalStatus: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]).nullish(),
      IsClustered: z.boolean().nullish(),
    })
    .nullish(),
  volume: z
    .object({
      DriveLetter: driveLetter,
      FileSystem: str,
      HealthStatus: z.union([z.string(), z.number()]).nullish(),
      OperationalStatus: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]).nullish(),
    })
    .nullish(),
});
export type DiskStatus = z.output<typeof diskStatusData>;

// ---- ip ----
export const ipAddData = z.object({
  address: z.string(),
  interfaceIndex: z.number(),
  state: psEnum(addressStates),
  skipAsSource: z.boolean(),
  store: psEnum(policyStores),
  created: z.boolean(),
  removed: z.boolean(),
  waitedMs: z.number(),
  arp: str,
});
export const ipRemoveData = z.object({ address: z.string(), removed: z.number() });
/** One Get-NetIPAddress object (MSFT_NetIPAddress), as Select-Object prints it. */
export const netIpAddress = z.object({
  IPAddress: z.string(),
  InterfaceAlias: str,
  InterfaceIndex: z.number(),
  PrefixLength: z.number(),
  AddressState: psEnum(addressStates),
  SkipAsSource: z.boolean().nullish(),
  Store: psEnum(policyStores).nullish(),
});
export const ipStatusData = z.object({ address: z.string(), addresses: psList(netIpAddress) });
export type IpStatus = z.output<typeof ipStatusData>;

// ---- service ----
export const serviceStatusData = z.object({
  name: z.string(),
  service: z
    .object({
      Name: z.string(),
      DisplayName: str,
      Status: psEnum(serviceStatuses),
      StartType: psEnum(serviceStartModes).nullish(),
    })
    .nullish(),
});
export type ServiceStatus = z.output<typeof serviceStatusData>;
export const serviceActionData = z.object({
  name: z.string(),
  before: psEnum(serviceStatuses),
  status: psEnum(serviceStatuses),
  waitedMs: z.number(),
  killed: z.boolean(),
});

// ---- process ----
export const processStartData = z.object({
  pid: z.number().int(),
  created: str,
  alreadyRunning: z.boolean(),
  alive: z.boolean(),
});
export const processStatusData = z.object({
  tracked: z.boolean(),
  pid: z.number().int(),
  alive: z.boolean(),
  created: str,
  recorded: str,
});
export type ProcessStatus = z.output<typeof processStatusData>;
export const processWaitData = z.object({ gone: z.boolean(), waitedMs: z.number() });
