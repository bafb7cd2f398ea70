// `volume` resource on Linux: a block device mounted at a mount point while active, and set
// read-only at the block layer while released (`blockdev --setro`), so that nothing on the standby
// writes to the shared disk by accident. State comes from findmnt (it reads /proc/self/mountinfo
// and matches the device by its canonical path, so /dev/disk/by-uuid/… names work too); a start,
// on the takeover's critical path, reads /proc/self/mountinfo itself first (no fork).
import { RosehaError } from '../../errors.js';
import type { CommandSpec, FileRead } from '../../platform/types.js';
import type { DriverContext, MonitorResult, ResourceDriver } from '../types.js';
import type { ResourceConfig } from '../../config/schema.js';
import { commandError, deadline, localFiles, mustRun } from './common.js';

type VolumeResource = Extract<ResourceConfig, { type: 'volume' }>;

export interface VolumeDriverOptions {
  /**
   * When the file system is busy at release, kill the processes that hold it (`fuser -km MOUNT`)
   * and unmount again. Off by default: a busy volume is reported (RHA-E3023) and the group's other
   * resources (services, processes) are expected to have released it.
   */
  killHolders?: boolean;
}

/** Is our device mounted at our mount point? Prints "SOURCE OPTIONS" when it is (exit 1 when not). */
export function mountedSpec(r: VolumeResource, timeoutMs: number): CommandSpec {
  return {
    file: 'findmnt',
    args: ['-n', '-r', '-o', 'SOURCE,OPTIONS', '--source', r.disk, '--mountpoint', r.mount],
    timeoutMs,
    query: { absent: { exitCode: 1 }, present: { exitCode: 0, stdout: `${r.disk} rw,relatime\n` } },
  };
}

/** This process's mount table (the agent's mount namespace: the one its mount commands use). */
export function mountTableRead(r: VolumeResource): FileRead {
  const root = '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n';
  return { path: '/proc/self/mountinfo', query: { absent: root, present: `${root}98 22 7:0 / ${r.mount} rw,relatime shared:50 - ext4 ${r.disk} rw\n` } };
}

/**
 * What is mounted at `mountPoint` per a mountinfo text (proc(5): field 5 is the mount point, the
 * source follows the " - " separator; spaces and the like are octal escapes): the top of the stack,
 * '' when nothing is.
 */
export function sourceMountedAt(mountinfo: string, mountPoint: string): string {
  const unescape = (field: string) => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
  let source = '';
  for (const line of mountinfo.split('\n')) {
    const [before, after] = line.split(' - ');
    const fields = before?.split(' ') ?? [];
    if (fields.length < 5 || unescape(fields[4]!) !== mountPoint) continue;
    source = unescape(after?.split(' ')[1] ?? '') || 'an unnamed file system';
  }
  return source;
}

export function mountSpec(r: VolumeResource, timeoutMs: number): CommandSpec {
  const type = r.fstype && r.fstype !== 'auto' ? ['-t', r.fstype] : [];
  const options = r.options ? ['-o', r.options] : [];
  return { file: 'mount', args: [...type, ...options, r.disk, r.mount], timeoutMs };
}

export const setRwSpec = (r: VolumeResource, timeoutMs: number): CommandSpec => ({ file: 'blockdev', args: ['--setrw', r.disk], timeoutMs });

type Mounted = { mounted: false } | { mounted: true; readWrite: boolean };

/** What is mounted at the mount point (symlinks resolved, as findmnt does), '' when nothing; RHA-E3027 when unreadable. */
async function occupantOf(r: VolumeResource, ctx: DriverContext): Promise<string> {
  const { readText, realPath } = localFiles(ctx, r.name, 'the mount table');
  const read = mountTableRead(r);
  const [table, mountPoint] = await Promise.all([readText(read), realPath(r.mount)]);
  if (table === null) throw new RosehaError('RHA-E3027', `${r.name}: reading the mount table: cannot read ${read.path}`, { details: { resource: r.name } });
  // A mount point that does not exist holds nothing; mount then says so with its own error.
  return mountPoint === null ? '' : sourceMountedAt(table, mountPoint);
}

/** A findmnt query: its first line, '' when nothing matches (exit 1); RHA-E3027 when findmnt fails. */
async function queryMountTable(r: VolumeResource, ctx: DriverContext, spec: CommandSpec): Promise<string> {
  const res = await ctx.runner.run(spec);
  if (res.timedOut || (res.exitCode !== 0 && res.exitCode !== 1)) throw commandError('RHA-E3027', `${r.name}: reading the mount table`, spec, res, r.name);
  return res.exitCode === 1 ? '' : (res.stdout.trim().split('\n')[0] ?? '');
}

async function readMounted(r: VolumeResource, ctx: DriverContext, left: () => number): Promise<Mounted> {
  const line = await queryMountTable(r, ctx, mountedSpec(r, left()));
  if (!line) return { mounted: false };
  const options = line.split(' ')[1] ?? '';
  return { mounted: true, readWrite: options.split(',').includes('rw') };
}

export function createVolumeDriver(opts: VolumeDriverOptions = {}): ResourceDriver<VolumeResource> {
  const setRo = async (r: VolumeResource, ctx: DriverContext, left: () => number) => {
    const spec: CommandSpec = { file: 'blockdev', args: ['--setro', r.disk], timeoutMs: left() };
    const res = await ctx.runner.run(spec);
    if (res.exitCode === 0 && !res.timedOut) return;
    // A device this node cannot see (storage path lost) cannot be written either: nothing to protect.
    if (!res.timedOut && /No such file or directory|No such device/.test(res.stderr)) {
      ctx.warn?.('RHA-W3026', `${r.name}: ${r.disk} is not present on this node; left as is`);
      return;
    }
    throw commandError('RHA-E3025', `${r.name}: setting ${r.disk} read-only`, spec, res, r.name);
  };

  const umount = async (r: VolumeResource, ctx: DriverContext, left: () => number) => {
    const spec: CommandSpec = { file: 'umount', args: [r.mount], timeoutMs: left() };
    return { spec, res: await ctx.runner.run(spec) };
  };
  const isBusy = (stderr: string) => /target is busy|device is busy/i.test(stderr);
  const notMounted = (stderr: string) => /not mounted|no mount point specified|mountpoint not found/i.test(stderr);

  return {
    type: 'volume',
    async start(r, ctx) {
      const left = deadline(ctx);
      // On a takeover nothing is mounted at the mount point: the mount table answers that. Only when
      // something is there does findmnt say whether it is our device (it matches devices by
      // canonical path, so /dev/disk/by-uuid/… names work).
      const occupant = await occupantOf(r, ctx);
      if (occupant) {
        const state = await readMounted(r, ctx, left);
        if (!state.mounted) {
          throw new RosehaError('RHA-E3022', `${r.name}: ${r.mount} already holds ${occupant}, not ${r.disk}`, { details: { resource: r.name } });
        }
        if (state.readWrite) return;
        throw new RosehaError('RHA-E3028', `${r.name}: ${r.disk} is mounted at ${r.mount} read-only`, { details: { resource: r.name } });
      }
      await mustRun(ctx, setRwSpec(r, left()), 'RHA-E3020', `${r.name}: making ${r.disk} writable`, r.name);
      await mustRun(ctx, mountSpec(r, left()), 'RHA-E3021', `${r.name}: mounting ${r.disk} at ${r.mount}`, r.name);
    },
    async stop(r, ctx) {
      const left = deadline(ctx);
      // A hard stop races the peer: unmount at once, and take "not mounted" for done.
      const hard = ctx.signal?.aborted === true;
      const mounted = hard || (await readMounted(r, ctx, left)).mounted;
      if (mounted) {
        let { spec, res } = await umount(r, ctx, left);
        if (hard && res.exitCode !== 0 && !res.timedOut && notMounted(res.stderr)) res = { ...res, exitCode: 0 };
        if (res.exitCode !== 0 && !res.timedOut && isBusy(res.stderr) && opts.killHolders) {
          await ctx.runner.run({ file: 'fuser', args: ['-k', '-m', r.mount], timeoutMs: left() });
          ({ spec, res } = await umount(r, ctx, left));
        }
        if (res.exitCode !== 0 || res.timedOut) {
          if (!res.timedOut && isBusy(res.stderr)) {
            throw new RosehaError('RHA-E3023', `${r.name}: ${r.mount} is busy: a process still uses it (see \`fuser -vm ${r.mount}\`)`, {
              details: { resource: r.name, command: 'umount ' + r.mount, stderr: res.stderr.slice(0, 2000) },
            });
          }
          throw commandError('RHA-E3024', `${r.name}: unmounting ${r.mount}`, spec, res, r.name);
        }
      }
      await setRo(r, ctx, left);
    },
    coldStart: (r) => ({ run: [setRwSpec(r, r.start_timeout_ms), mountSpec(r, r.start_timeout_ms)] }),
    async monitor(r, ctx): Promise<MonitorResult> {
      const state = await readMounted(r, ctx, deadline(ctx));
      if (!state.mounted) return { status: 'stopped', output: `${r.disk} is not mounted at ${r.mount}` };
      if (!state.readWrite) return { status: 'failed', output: `${r.disk} is mounted at ${r.mount} read-only (file-system errors?)` };
      return { status: 'running' };
    },
  };
}

export const volumeDriver = createVolumeDriver();
