// Schemas for the data each script prints, tolerant of Windows PowerShell 5.1's JSON habits:
// enums written as numbers when a cast was missed, one object where a list was meant (or the
// {"value":[...],"Count":n} wrapper), null for an empty pipeline, and "\u0000" for a missing
// drive letter. Enum numbers come from the Microsoft documentation cited next to each map.
import * as v from 'valibot';

/** A list however 5.1 wrote it: null, one object, an array, or {"value":[...],"Count":n}. A missing key is an empty list too. */
export function psList<T extends v.GenericSchema>(item: T) {
  return v.pipe(
    v.optional(v.unknown(), null),
    v.transform((x): unknown => {
      if (x === null || x === undefined || x === '') return [];
      if (Array.isArray(x)) return x;
      const wrapper = x as { value?: unknown };
      if (typeof x === 'object' && Array.isArray(wrapper.value) && 'Count' in x) return wrapper.value;
      return [x];
    }),
    v.array(item),
  );
}

/** An enum that should arrive as its name but may arrive as its number. */
export function psEnum(numbers: Readonly<Record<number, string>>) {
  return v.pipe(
    v.unknown(),
    v.transform((x) => (typeof x === 'number' ? (numbers[x] ?? String(x)) : x)),
    v.string(),
  );
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

/** A JSON object, not an array: valibot's object schema takes both, and one whose keys are all optional would read `[]` as `{}`. */
const plainObject = v.custom<Record<string, unknown>>((x) => !!x && typeof x === 'object' && !Array.isArray(x), 'an object');
const object = <E extends v.ObjectEntries>(entries: E) => v.pipe(plainObject, v.object(entries));

// Schemas are immutable and carry no path, so one instance serves every key of the same shape.
/** A finite number (JSON.parse reads 1e999 as Infinity). */
const num = v.pipe(v.number(), v.finite());
const int = v.pipe(v.number(), v.safeInteger());
const bool = v.boolean();
const string = v.string();
const optionalNum = v.nullish(num);
const optionalBool = v.nullish(bool);
/** A string; null or a missing key reads as "". */
const str = v.nullish(string, '');
/** [char] in 5.1 JSON: "E", or "\u0000" when the volume has no letter. */
const driveLetter = v.pipe(
  str,
  v.transform((s) => (/^[A-Za-z]$/.test(s) ? s.toUpperCase() : '')),
);
const stringOrNumber = v.union([string, num]);
const operationalStatus = v.nullish(v.union([string, num, v.array(stringOrNumber)]));

// ---- volume ----
export const diskOnlineData = object({
  number: optionalNum,
  isOffline: bool,
  isReadOnly: bool,
  driveLetter: string,
  fileSystem: str,
  healthStatus: str,
  letterAssigned: bool,
  waitedMs: num,
});
export const diskOfflineData = object({
  found: bool,
  flushed: num,
  isOffline: optionalBool,
  isReadOnly: optionalBool,
});
export const diskStatusData = object({
  disk: v.nullish(
    object({
      Number: optionalNum,
      UniqueId: str,
      IsOffline: bool,
      OfflineReason: v.nullish(psEnum(offlineReasons)),
      IsReadOnly: bool,
      OperationalStatus: operationalStatus,
      IsClustered: optionalBool,
    }),
  ),
  volume: v.nullish(
    object({
      DriveLetter: driveLetter,
      FileSystem: str,
      HealthStatus: v.nullish(stringOrNumber),
      OperationalStatus: operationalStatus,
    }),
  ),
});
export type DiskStatus = v.InferOutput<typeof diskStatusData>;

// ---- ip ----
const addressState = psEnum(addressStates);
const policyStore = psEnum(policyStores);
export const ipAddData = object({
  address: string,
  interfaceIndex: num,
  state: addressState,
  skipAsSource: bool,
  store: policyStore,
  created: bool,
  removed: bool,
  waitedMs: num,
  arp: str,
});
export const ipRemoveData = object({ address: string, removed: num });
/** One Get-NetIPAddress object (MSFT_NetIPAddress), as Select-Object prints it. */
export const netIpAddress = object({
  IPAddress: string,
  InterfaceAlias: str,
  InterfaceIndex: num,
  PrefixLength: num,
  AddressState: addressState,
  SkipAsSource: optionalBool,
  Store: v.nullish(policyStore),
});
export const ipStatusData = object({ address: string, addresses: psList(netIpAddress) });
export type IpStatus = v.InferOutput<typeof ipStatusData>;

// ---- service ----
const serviceStatus = psEnum(serviceStatuses);
export const serviceStatusData = object({
  name: string,
  service: v.nullish(
    object({
      Name: string,
      DisplayName: str,
      Status: serviceStatus,
      StartType: v.nullish(psEnum(serviceStartModes)),
    }),
  ),
});
export type ServiceStatus = v.InferOutput<typeof serviceStatusData>;
export const serviceActionData = object({
  name: string,
  before: serviceStatus,
  status: serviceStatus,
  waitedMs: num,
  killed: bool,
});

// ---- process ----
export const processStartData = object({
  pid: int,
  created: str,
  alreadyRunning: bool,
  alive: bool,
});
export const processStatusData = object({
  tracked: bool,
  pid: int,
  alive: bool,
  created: str,
  recorded: str,
});
export type ProcessStatus = v.InferOutput<typeof processStatusData>;
export const processWaitData = object({ gone: bool, waitedMs: num });
