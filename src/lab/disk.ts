// The shared disk: two backing files (a raw 1 MiB heartbeat area and an ext4 data volume), each
// attached to one loop device per node, so that each node has its own "path" to the same storage
// (like two HBAs to one LUN) and one node's path can fail while the other's works.
//
// Coherence: loop devices without direct I/O read and write their backing file through its page
// cache, so O_DIRECT I/O on node-a's device is seen at once by O_DIRECT reads on node-b's device.
//
// Path loss: this kernel has no device mapper (no dm `error` target), and `losetup -d` does not fail a
// device that is open. What works (tried on 6.18): LOOP_SET_STATUS64 with an offset past the end of
// the backing file shrinks the live device to 0 bytes. Then reads of the block device return 0 bytes
// (end of device, not EIO), writes fail with ENOSPC, and a mounted ext4 gets EIO on every block,
// aborts its journal and turns read-only. Setting the offset back to 0 restores the path. Perl does the
// ioctl because Node has none and perl-base is always on Debian.
import { writeFile } from 'node:fs/promises';
import type { Runner } from '../platform/types.js';
import { must, tryRun } from './exec.js';
import type { LabNames, LabNodeName } from './names.js';

export interface NodeDisk {
  /** Raw heartbeat area as this node sees it. */
  heartbeatDevice: string;
  /** The ext4 data volume as this node sees it. */
  dataDevice: string;
}
export type LabDisks = Record<LabNodeName, NodeDisk>;

export const heartbeatBytes = 1024 * 1024;
export const dataBytes = 32 * 1024 * 1024;

async function attach(runner: Runner, file: string): Promise<string> {
  const r = await must(runner, { file: 'losetup', args: ['--find', '--show', file] });
  const dev = r.stdout.trim();
  // The block device's read-only flag (`blockdev --setro`, which the volume driver sets on release)
  // outlives detach and re-attach of the loop device: a fresh lab starts read-write.
  await must(runner, { file: 'blockdev', args: ['--setrw', dev] });
  return dev;
}

/**
 * Creates the images and the four loop devices; `onDevice` is called as each appears so that the
 * caller can record it in the lab state before anything else can fail.
 */
export async function createDisks(runner: Runner, n: LabNames, onDevice: (dev: string) => Promise<void>): Promise<LabDisks> {
  await writeFile(n.heartbeatImage, Buffer.alloc(heartbeatBytes));
  await must(runner, { file: 'truncate', args: ['-s', String(dataBytes), n.dataImage] });
  await must(runner, { file: 'mkfs.ext4', args: ['-q', '-F', '-L', `${n.prefix}data`, n.dataImage] });
  const disks = {} as LabDisks;
  for (const node of ['node-a', 'node-b'] as const) {
    const heartbeatDevice = await attach(runner, n.heartbeatImage);
    await onDevice(heartbeatDevice);
    const dataDevice = await attach(runner, n.dataImage);
    await onDevice(dataDevice);
    disks[node] = { heartbeatDevice, dataDevice };
  }
  return disks;
}

/** Loop devices still attached to the lab's images: how `down` finds them even without a state file. */
export async function findLabLoopDevices(runner: Runner, n: LabNames): Promise<string[]> {
  const found: string[] = [];
  for (const file of [n.heartbeatImage, n.dataImage]) {
    const r = await runner.run({ file: 'losetup', args: ['--associated', file, '--noheadings', '--output', 'NAME'], timeoutMs: 10_000 });
    if (r.exitCode === 0) found.push(...r.stdout.split('\n').map((s) => s.trim()).filter(Boolean));
  }
  return found;
}

export async function detachLoop(runner: Runner, dev: string): Promise<boolean> {
  return tryRun(runner, { file: 'losetup', args: ['--detach', dev] });
}

// LOOP_GET_STATUS64 = 0x4C05, LOOP_SET_STATUS64 = 0x4C04; lo_offset is the u64 at byte 24 of the
// 232-byte struct loop_info64. The device path and offset arrive as argv, never as script text.
const setOffsetScript = `
use strict; my ($dev, $off) = @ARGV;
open(my $fh, '+<', $dev) or die "open $dev: $!\\n";
my $buf = "\\0" x 232;
ioctl($fh, 0x4C05, $buf) or die "LOOP_GET_STATUS64 $dev: $!\\n";
substr($buf, 24, 8) = pack('Q<', $off);
ioctl($fh, 0x4C04, $buf) or die "LOOP_SET_STATUS64 $dev: $!\\n";
`;

/** 1 TiB: past the end of any lab image, so the device's size becomes 0. */
const unreachableOffset = String(2 ** 40);

export async function failDiskPath(runner: Runner, disk: NodeDisk): Promise<void> {
  for (const dev of [disk.heartbeatDevice, disk.dataDevice]) {
    await must(runner, { file: 'perl', args: ['-e', setOffsetScript, dev, unreachableOffset] });
  }
}

export async function restoreDiskPath(runner: Runner, disk: NodeDisk): Promise<void> {
  for (const dev of [disk.heartbeatDevice, disk.dataDevice]) {
    await must(runner, { file: 'perl', args: ['-e', setOffsetScript, dev, '0'] });
  }
}
