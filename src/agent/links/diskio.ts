// Raw, unbuffered, sector-aligned access to the disk heartbeat area.
//
// Linux: the device is opened O_DIRECT|O_SYNC (as sbd does), so every heartbeat really reaches the
// shared disk and every read really comes from it, not from this node's page cache. O_DIRECT wants
// the memory buffer aligned too (to the device's logical block or DMA alignment), and Node cannot
// ask for an aligned Buffer. The trick: allocate one slot plus 4 KiB, and at open find an offset
// inside it where the kernel accepts a direct read: malloc returns at least 16-byte aligned memory,
// so stepping by 16 finds the aligned window in at most 256 tries (usually at the first: modern
// kernels only ask for the DMA alignment). ArrayBuffer memory never moves, so the window found stays
// aligned for the life of the handle; every read and write goes through it.
// Files that refuse O_DIRECT (tmpfs, some network file systems) fall back to O_DSYNC.
// Windows: another module implements DiskIo (unbuffered I/O needs a helper process there).
import { constants, promises as fsp } from 'node:fs';
import { RosehaError } from '../../errors.js';

export const SLOT_BYTES = 4096;
const ALIGN_SEARCH_BYTES = 4096;
const ALIGN_STEP = 16;

/** The few operations the disk heartbeat needs; each may hang on a dead device (the caller times it out). */
export interface DiskIo {
  open(): Promise<void>;
  /** Reads `length` bytes (a multiple of SLOT_BYTES, at most one slot) at `offset` (slot-aligned). */
  read(offset: number, length: number): Promise<Buffer>;
  /** Writes `data` (at most one slot, zero-padded to SLOT_BYTES) at `offset` (slot-aligned). */
  write(offset: number, data: Buffer): Promise<void>;
  close(): Promise<void>;
  /** How the device was opened, for status and logs: 'direct' | 'dsync' | anything a helper reports. */
  mode(): string;
}

export type DiskIoFactory = (path: string) => DiskIo;

export interface NodeFsDiskIoOptions {
  /** Never try O_DIRECT (tests of the fallback). */
  noDirect?: boolean;
}

export class NodeFsDiskIo implements DiskIo {
  private handle: fsp.FileHandle | undefined;
  private openMode: 'direct' | 'dsync' | 'closed' = 'closed';
  private readonly backing = Buffer.allocUnsafeSlow(SLOT_BYTES + ALIGN_SEARCH_BYTES);
  private window: Buffer = this.backing.subarray(0, SLOT_BYTES);
  private isBlockDevice = false;

  constructor(
    readonly path: string,
    private readonly opts: NodeFsDiskIoOptions = {},
  ) {}

  mode(): string {
    return this.openMode;
  }

  /** The aligned window's offset inside the backing buffer (0 when not direct): for tests and logs. */
  windowOffset(): number {
    return this.window.byteOffset - this.backing.byteOffset;
  }

  async open(): Promise<void> {
    if (this.handle) return;
    let isBlock = false;
    try {
      isBlock = (await fsp.stat(this.path)).isBlockDevice();
    } catch (err) {
      // A missing plain file is created (the stand-in disk of tests and the loopback lab); a missing
      // device is an error that the open below reports.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || this.path.startsWith('/dev/')) throw err;
    }
    this.isBlockDevice = isBlock;
    const base = constants.O_RDWR | (isBlock ? 0 : constants.O_CREAT);
    const direct = constants.O_DIRECT;
    if (direct !== undefined && !this.opts.noDirect) {
      try {
        const handle = await fsp.open(this.path, base | direct | constants.O_SYNC, 0o600);
        try {
          // A direct read at the end of a file returns 0 before the kernel checks alignment: make
          // sure the probe has a sector to read (growing a stand-in file only adds zeros).
          if (!isBlock && (await handle.stat()).size < SLOT_BYTES) await handle.truncate(SLOT_BYTES);
          await this.findAlignedWindow(handle);
          this.handle = handle;
          this.openMode = 'direct';
          return;
        } catch (err) {
          await handle.close().catch(() => undefined);
          if (isBlock) throw err;
        }
      } catch (err) {
        if (isBlock || (err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
      }
    }
    if (isBlock && direct !== undefined && !this.opts.noDirect) {
      throw new RosehaError('RHA-E2010', `cannot open ${this.path} with O_DIRECT`);
    }
    this.handle = await fsp.open(this.path, base | (constants.O_DSYNC ?? constants.O_SYNC), 0o600);
    this.window = this.backing.subarray(0, SLOT_BYTES);
    this.openMode = 'dsync';
  }

  async read(offset: number, length: number): Promise<Buffer> {
    const handle = this.requireOpen();
    checkRange(offset, length);
    const { bytesRead } = await handle.read(this.window, 0, length, offset);
    if (bytesRead < length) {
      // Past the end of a stand-in file: never written, reads as zeros. Past the end of a device: wrong offset.
      if (this.isBlockDevice) throw new RosehaError('RHA-E2011', `the disk heartbeat area ends before offset ${offset + length} on ${this.path}`);
      this.window.fill(0, bytesRead, length);
    }
    return Buffer.from(this.window.subarray(0, length));
  }

  async write(offset: number, data: Buffer): Promise<void> {
    const handle = this.requireOpen();
    checkRange(offset, SLOT_BYTES);
    if (data.length > SLOT_BYTES) throw new RosehaError('RHA-E2011', `a disk slot holds ${SLOT_BYTES} bytes, not ${data.length}`);
    this.window.fill(0);
    data.copy(this.window);
    const { bytesWritten } = await handle.write(this.window, 0, SLOT_BYTES, offset);
    if (bytesWritten !== SLOT_BYTES) throw new RosehaError('RHA-E2011', `short write to ${this.path}: ${bytesWritten} of ${SLOT_BYTES} bytes`);
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    this.openMode = 'closed';
    await handle?.close();
  }

  private requireOpen(): fsp.FileHandle {
    if (!this.handle) throw new RosehaError('RHA-E2011', `the disk heartbeat area ${this.path} is not open`);
    return this.handle;
  }

  /** Steps through the backing buffer until the kernel accepts a direct read into it (see the header). */
  private async findAlignedWindow(handle: fsp.FileHandle): Promise<void> {
    for (let off = 0; off < ALIGN_SEARCH_BYTES; off += ALIGN_STEP) {
      const window = this.backing.subarray(off, off + SLOT_BYTES);
      try {
        await handle.read(window, 0, SLOT_BYTES, 0);
        this.window = window;
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
      }
    }
    throw Object.assign(new Error('no aligned buffer window accepted by O_DIRECT'), { code: 'EINVAL' });
  }
}

function checkRange(offset: number, length: number): void {
  if (offset % SLOT_BYTES !== 0 || length <= 0 || length > SLOT_BYTES || length % 512 !== 0) {
    throw new RosehaError('RHA-E2011', `unaligned disk heartbeat I/O: offset ${offset}, ${length} bytes`);
  }
}
