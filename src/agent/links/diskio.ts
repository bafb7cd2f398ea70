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
  /** Where the first window starts in the backing buffer; tests set 1 to force the alignment search. */
  firstWindowAt?: number;
}

export class NodeFsDiskIo implements DiskIo {
  private handle: fsp.FileHandle | undefined;
  private openMode: 'direct' | 'dsync' | 'closed' = 'closed';
  private readonly backing = Buffer.allocUnsafeSlow(SLOT_BYTES + ALIGN_SEARCH_BYTES);
  private window: Buffer = this.backing.subarray(0, SLOT_BYTES);
  /** The window has been proven by a direct I/O on allocated blocks (see withAlignedWindow). */
  private aligned = false;
  private isBlockDevice = false;

  constructor(
    readonly path: string,
    private readonly opts: NodeFsDiskIoOptions = {},
  ) {
    const first = opts.firstWindowAt ?? 0;
    this.window = this.backing.subarray(first, first + SLOT_BYTES);
  }

  mode(): string {
    return this.openMode;
  }

  /** The window's offset inside the backing buffer: for tests and logs. */
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
    const direct = constants.O_DIRECT;
    if (direct !== undefined && !this.opts.noDirect) {
      try {
        this.handle = await fsp.open(this.path, this.baseFlags() | direct | constants.O_SYNC, 0o600);
        this.openMode = 'direct';
        return;
      } catch (err) {
        // EINVAL: this file system has no O_DIRECT (tmpfs). A device must have it.
        if (isBlock || (err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
      }
    }
    await this.openDsync();
  }

  async read(offset: number, length: number): Promise<Buffer> {
    checkRange(offset, length);
    const bytesRead = await this.withAlignedWindow(async (handle, window) => (await handle.read(window, 0, length, offset)).bytesRead);
    if (bytesRead < length) {
      // Past the end of a stand-in file: never written, reads as zeros. Past the end of a device: wrong offset.
      if (this.isBlockDevice) throw new RosehaError('RHA-E2411', `the disk heartbeat area ends before offset ${offset + length} on ${this.path}`);
      this.window.fill(0, bytesRead, length);
    }
    return Buffer.from(this.window.subarray(0, length));
  }

  async write(offset: number, data: Buffer): Promise<void> {
    checkRange(offset, SLOT_BYTES);
    if (data.length > SLOT_BYTES) throw new RosehaError('RHA-E2411', `a disk slot holds ${SLOT_BYTES} bytes, not ${data.length}`);
    const bytesWritten = await this.withAlignedWindow(async (handle, window) => {
      window.fill(0);
      data.copy(window);
      return (await handle.write(window, 0, SLOT_BYTES, offset)).bytesWritten;
    });
    if (bytesWritten !== SLOT_BYTES) throw new RosehaError('RHA-E2411', `short write to ${this.path}: ${bytesWritten} of ${SLOT_BYTES} bytes`);
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    this.openMode = 'closed';
    await handle?.close();
  }

  private baseFlags(): number {
    return constants.O_RDWR | (this.isBlockDevice ? 0 : constants.O_CREAT);
  }

  private async openDsync(): Promise<void> {
    this.handle = await fsp.open(this.path, this.baseFlags() | (constants.O_DSYNC ?? constants.O_SYNC), 0o600);
    this.window = this.backing.subarray(0, SLOT_BYTES);
    this.openMode = 'dsync';
  }

  /**
   * Runs one I/O through the aligned window, finding the window on the first EINVAL (see the
   * header). The search is lazy, not done at open, because a direct read of a file's hole succeeds
   * with any buffer: only I/O on allocated blocks proves the alignment. Retrying is safe: a read
   * reads again, a write writes the same bytes to the same place. A stand-in file on a file system
   * that opens O_DIRECT but refuses every buffer is reopened with O_DSYNC.
   */
  private async withAlignedWindow<T>(op: (handle: fsp.FileHandle, window: Buffer) => Promise<T>): Promise<T> {
    const handle = this.handle;
    if (!handle) throw new RosehaError('RHA-E2411', `the disk heartbeat area ${this.path} is not open`);
    try {
      return await op(handle, this.window);
    } catch (err) {
      if (this.openMode !== 'direct' || (err as NodeJS.ErrnoException).code !== 'EINVAL' || this.aligned) throw err;
    }
    for (let off = 0; off < ALIGN_SEARCH_BYTES; off += ALIGN_STEP) {
      const window = this.backing.subarray(off, off + SLOT_BYTES);
      if (window.byteOffset === this.window.byteOffset) continue;
      try {
        const result = await op(handle, window);
        this.window = window;
        this.aligned = true;
        return result;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
      }
    }
    if (this.isBlockDevice) throw new RosehaError('RHA-E2415', `no buffer alignment accepted for O_DIRECT I/O on ${this.path}`);
    await this.close();
    await this.openDsync();
    return op(this.handle!, this.window);
  }
}

function checkRange(offset: number, length: number): void {
  if (offset % SLOT_BYTES !== 0 || length <= 0 || length > SLOT_BYTES || length % 512 !== 0) {
    throw new RosehaError('RHA-E2411', `unaligned disk heartbeat I/O: offset ${offset}, ${length} bytes`);
  }
}
