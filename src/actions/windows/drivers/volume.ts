// volume on Windows: the shared disk, found by UniqueId, online and read-write on the active node,
// flushed and offline (read-only) elsewhere. Everything goes through Set-Disk on the disk object;
// diskpart is not used: it selects disks by number only (numbers change across reboots), needs a
// script file, and prints localized text, while Set-Disk covers online/offline/read-only on Server
// 2012 R2 and later. Unverified on Windows.
import { RosehaError } from '../../../errors.js';
import type { ResourceConfig } from '../../../config/schema.js';
import type { ResourceDriver } from '../../types.js';
import { runPowerShell } from '../powershell/host.js';
import { diskOffline, diskOnline, diskStatus } from '../scripts/index.js';
import { diskOfflineData, diskOnlineData, diskStatusData } from '../parsers.js';
import { innerBudget, probe, type WindowsDriverOptions } from './common.js';

type Volume = Extract<ResourceConfig, { type: 'volume' }>;

/** "E:", "e" or "E:\" → "E". Folder mount points are not supported on Windows (yet). */
export function driveLetterOf(resource: Volume): string {
  const m = /^([A-Za-z]):?\\?$/.exec(resource.mount.trim());
  if (!m?.[1]) {
    throw new RosehaError('RHA-E3515', `resource ${resource.name}: mount "${resource.mount}" is not a drive letter such as "E:"`);
  }
  return m[1].toUpperCase();
}

const reasons = {
  'disk-not-found': 'RHA-E3510',
  'disk-ambiguous': 'RHA-E3511',
  'volume-timeout': 'RHA-E3512',
  'disk-clustered': 'RHA-E3514',
  'disk-collision': 'RHA-E3516',
  'letter-in-use': 'RHA-E3517',
};

export function volumeDriver(opts: WindowsDriverOptions): ResourceDriver<Volume> {
  return {
    type: 'volume',
    async start(r, ctx) {
      const driveLetter = driveLetterOf(r);
      const out = await runPowerShell(
        ctx.runner,
        diskOnline,
        { uniqueId: r.disk, driveLetter, waitMs: innerBudget(ctx.timeoutMs) },
        diskOnlineData,
        {
          timeoutMs: ctx.timeoutMs,
          reasons: { ...reasons, '*': 'RHA-E3519' },
          dryRunData: { number: null, isOffline: false, isReadOnly: false, driveLetter, fileSystem: 'NTFS', healthStatus: 'Healthy', letterAssigned: false, waitedMs: 0 },
        },
      );
      if (out.isOffline || out.isReadOnly) {
        throw new RosehaError('RHA-E3519', `resource ${r.name}: disk ${r.disk} is still ${out.isOffline ? 'offline' : 'read-only'} after Set-Disk`);
      }
    },
    async stop(r, ctx) {
      const out = await runPowerShell(ctx.runner, diskOffline, { uniqueId: r.disk, setReadOnly: true }, diskOfflineData, {
        timeoutMs: ctx.timeoutMs,
        reasons: { ...reasons, 'disk-not-found': 'RHA-E3510', '*': 'RHA-E3513' },
        dryRunData: { found: true, flushed: 1, isOffline: true, isReadOnly: true },
      });
      if (out.found && out.isOffline === false) {
        throw new RosehaError('RHA-E3513', `resource ${r.name}: disk ${r.disk} is still online after Set-Disk -IsOffline`);
      }
    },
    async monitor(r, ctx) {
      const driveLetter = driveLetterOf(r);
      const disk = { Number: 2, UniqueId: r.disk, OfflineReason: '', OperationalStatus: 'Online', IsClustered: false };
      const s = await probe(ctx, opts, diskStatus, { uniqueId: r.disk, driveLetter }, diskStatusData, reasons, {
        absent: { disk: { ...disk, IsOffline: true, IsReadOnly: true, OfflineReason: 'Policy', OperationalStatus: 'Offline' }, volume: null },
        present: { disk: { ...disk, IsOffline: false, IsReadOnly: false }, volume: { DriveLetter: driveLetter, FileSystem: 'NTFS', HealthStatus: 'Healthy', OperationalStatus: 'OK' } },
      });
      if (!s.disk) return { status: 'failed', output: `no disk with UniqueId ${r.disk} is visible on this node` };
      if (s.disk.IsOffline) return { status: 'stopped', output: `disk offline${s.disk.OfflineReason ? ` (${s.disk.OfflineReason})` : ''}` };
      if (s.disk.IsReadOnly) return { status: 'failed', output: 'disk online but read-only' };
      if (!s.volume || !s.volume.FileSystem) return { status: 'failed', output: `disk online but no volume ${driveLetter}: with a file system` };
      return { status: 'running', output: `${driveLetter}: ${s.volume.FileSystem} ${String(s.volume.HealthStatus ?? '')}`.trim() };
    },
  };
}
