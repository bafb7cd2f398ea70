// The disk heartbeat with a temp file (and, as root, a loop device) standing in for the shared disk.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { constants, mkdtempSync, readFileSync, readSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskLink, type DiskPeerReading } from '../../../src/agent/links/disk.js';
import { NodeFsDiskIo, SLOT_BYTES, type DiskIo } from '../../../src/agent/links/diskio.js';
import type { HeartbeatEvent } from '../../../src/agent/links/types.js';
import { ctxA, ctxB, summary } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'roseha-disk-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const started: DiskLink[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((l) => l.stop()));
});

function link(node: 'a' | 'b', io: DiskIo, over: { timeoutMs?: number; areaOffset?: number } = {}): DiskLink {
  const l = new DiskLink({
    codec: node === 'a' ? ctxA : ctxB,
    io,
    path: 'test-disk',
    areaOffset: over.areaOffset ?? 8192,
    selfIndex: node === 'a' ? 0 : 1,
    peerIndex: node === 'a' ? 1 : 0,
    timeoutMs: over.timeoutMs ?? 1000,
    startedAt: node === 'a' ? 1_000 : 2_000,
    replay: { supersedeAfterMs: 1000 },
  });
  started.push(l);
  return l;
}

function record(l: DiskLink) {
  const peer: DiskPeerReading[] = [];
  const beats: HeartbeatEvent[] = [];
  const storage: boolean[] = [];
  l.on('peer', (r) => peer.push(r));
  l.on('heartbeat', (e) => beats.push(e));
  l.on('storage', (ok) => storage.push(ok));
  return { peer, beats, storage };
}

/** A DiskIo whose calls can be made to fail or hang, counting how many run at once. */
class FakeIo implements DiskIo {
  inFlight = 0;
  maxInFlight = 0;
  calls = 0;
  failWith: Error | undefined;
  hang = false;
  private release: Array<() => void> = [];
  private mem = Buffer.alloc(SLOT_BYTES * 4);
  mode() {
    return 'fake';
  }
  async open() {
    await this.op(() => undefined);
  }
  async read(offset: number, length: number) {
    return this.op(() => Buffer.from(this.mem.subarray(offset, offset + length)));
  }
  async write(offset: number, data: Buffer) {
    await this.op(() => {
      this.mem.fill(0, offset, offset + SLOT_BYTES);
      data.copy(this.mem, offset);
    });
  }
  async close() {}
  unhang() {
    this.hang = false;
    for (const r of this.release.splice(0)) r();
  }
  private async op<T>(f: () => T): Promise<T> {
    this.calls++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.hang) await new Promise<void>((r) => this.release.push(r));
      if (this.failWith) throw this.failWith;
      return f();
    } finally {
      this.inFlight--;
    }
  }
}

describe('disk heartbeat on a file', () => {
  it('poll reads the peer slot between beats without writing our own', async () => {
    const file = join(dir, 'poll.img');
    const a = link('a', new NodeFsDiskIo(file));
    const b = link('b', new NodeFsDiskIo(file));
    const seenByB = record(b);
    await a.start();
    await b.start();
    await b.beat(summary('node-b', { seq: 1 }));
    await a.beat(summary('node-a', { seq: 1 }));
    await b.poll();
    expect(seenByB.peer.map((r) => r.counter)).toEqual([1]);
    await a.beat(summary('node-a', { seq: 2 }));
    await b.poll();
    await b.poll(); // the same bytes again: no news
    expect(seenByB.peer.map((r) => r.counter)).toEqual([1, 2]);
    expect(b.counters()).toMatchObject({ sent: 1, accepted: 2 });
  });

  it('two writers see each other: counters move, summaries arrive, storage is ok', async () => {
    const file = join(dir, 'two-writers.img');
    const a = link('a', new NodeFsDiskIo(file));
    const b = link('b', new NodeFsDiskIo(file));
    const seenByB = record(b);
    const seenByA = record(a);
    await a.start();
    await b.start();
    for (let i = 1; i <= 4; i++) {
      await a.beat(summary('node-a', { seq: i }));
      await b.beat(summary('node-b', { seq: i }));
    }
    expect(seenByB.peer.map((r) => r.counter)).toEqual([1, 2, 3, 4]);
    expect(seenByB.peer.map((r) => r.summary.seq)).toEqual([1, 2, 3, 4]);
    expect(seenByB.beats[3]).toMatchObject({ link: 'disk', summary: summary('node-a', { seq: 4 }) });
    // A wrote before B's first write, so A's first read found B's slot empty: three changes seen.
    expect(seenByA.peer.map((r) => r.counter)).toEqual([1, 2, 3]);
    expect(seenByA.storage).toEqual([true]);
    expect(b.counters()).toMatchObject({ storageOk: true, accepted: 4, sent: 4, peerCounter: 4, ioErrors: 0, timeouts: 0 });
    // Slots sit where the layout says: node-b's at offset + 1 slot, starting with the slot magic.
    const img = readFileSync(file);
    expect(img.subarray(8192, 8196).toString('latin1')).toBe('RHDS');
    expect(img.subarray(8192 + SLOT_BYTES, 8196 + SLOT_BYTES).toString('latin1')).toBe('RHDS');
    expect(img.subarray(0, 8192).every((x) => x === 0)).toBe(true);
  });

  it('a peer that stops writing leaves its counter still: no change is reported', async () => {
    const file = join(dir, 'still.img');
    const a = link('a', new NodeFsDiskIo(file));
    const b = link('b', new NodeFsDiskIo(file));
    const seen = record(b);
    await a.start();
    await b.start();
    await a.beat(summary('node-a'));
    await b.beat(summary('node-b'));
    const movedAt = b.counters().peerCounterMovedAt;
    expect(movedAt).not.toBeNull();
    for (let i = 0; i < 5; i++) await b.beat(summary('node-b'));
    expect(seen.peer).toHaveLength(1);
    expect(b.counters()).toMatchObject({ peerCounter: 1, peerCounterMovedAt: movedAt, received: 1, storageOk: true });
    await a.beat(summary('node-a'));
    await b.beat(summary('node-b'));
    expect(b.counters().peerCounter).toBe(2);
  });

  it('an old slot image written back (a restored snapshot) is dropped as replayed', async () => {
    const file = join(dir, 'replay.img');
    const a = link('a', new NodeFsDiskIo(file));
    const b = link('b', new NodeFsDiskIo(file));
    await a.start();
    await b.start();
    await a.beat(summary('node-a'));
    const oldImage = readFileSync(file).subarray(8192, 8192 + SLOT_BYTES);
    await b.beat(summary('node-b'));
    await a.beat(summary('node-a'));
    await b.beat(summary('node-b'));
    const fd = openSync(file, 'r+');
    writeSync(fd, oldImage, 0, SLOT_BYTES, 8192);
    // And then garbage in the slot: counted once, not on every read.
    await b.beat(summary('node-b'));
    writeSync(fd, Buffer.alloc(SLOT_BYTES, 0x41), 0, SLOT_BYTES, 8192);
    await b.beat(summary('node-b'));
    await b.beat(summary('node-b'));
    closeSync(fd);
    expect(b.counters().dropped).toMatchObject({ replayed: 1, 'bad-magic': 1 });
    expect(b.counters()).toMatchObject({ accepted: 2, peerCounter: 2, received: 4 });
  });

  it('an unreadable disk marks storage broken (and no exception escapes)', async () => {
    const a = link('a', new NodeFsDiskIo(dir)); // a directory: EISDIR on open
    const seen = record(a);
    await a.start();
    await a.beat(summary('node-a'));
    expect(a.storageOk()).toBe(false);
    expect(seen.storage).toEqual([false]);
    expect(a.counters().ioErrors).toBeGreaterThanOrEqual(1);
  });

  it('storage comes back after an I/O succeeds again', async () => {
    const io = new FakeIo();
    const a = link('a', io);
    const seen = record(a);
    await a.start();
    await a.beat(summary('node-a'));
    io.failWith = Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
    await a.beat(summary('node-a'));
    await a.beat(summary('node-a'));
    io.failWith = undefined;
    await a.beat(summary('node-a'));
    expect(seen.storage).toEqual([true, false, true]);
    expect(a.counters()).toMatchObject({ ioErrors: 2, storageOk: true });
  });

  it('a read that hangs times out, keeps one I/O in flight, and recovers when the device answers', async () => {
    const io = new FakeIo();
    const a = link('a', io, { timeoutMs: 50 });
    const seen = record(a);
    await a.start();
    await a.beat(summary('node-a'));
    io.hang = true;
    const t0 = performance.now();
    await a.beat(summary('node-a'));
    const took = performance.now() - t0;
    expect(took).toBeGreaterThanOrEqual(45);
    expect(took).toBeLessThan(500);
    expect(a.storageOk()).toBe(false);
    const callsWhenHung = io.calls;
    for (let i = 0; i < 10; i++) await a.beat(summary('node-a'));
    expect(io.calls).toBe(callsWhenHung); // nothing queued behind the hung I/O
    expect(io.maxInFlight).toBe(1);
    expect(a.counters()).toMatchObject({ timeouts: 1, skipped: 10, storageOk: false });
    io.unhang();
    await new Promise((r) => setTimeout(r, 5));
    await a.beat(summary('node-a'));
    expect(seen.storage).toEqual([true, false, true]);
    expect(io.maxInFlight).toBe(1);
  });

  it('stops and starts again on the same device', async () => {
    const file = join(dir, 'restart.img');
    const a = link('a', new NodeFsDiskIo(file));
    const b = link('b', new NodeFsDiskIo(file));
    await a.start();
    await b.start();
    await a.beat(summary('node-a'));
    await a.stop();
    await a.start();
    await a.beat(summary('node-a'));
    await b.beat(summary('node-b'));
    expect(a.counters()).toMatchObject({ storageOk: true, ioErrors: 0, sent: 2 });
    expect(b.counters().peerCounter).toBe(2);
  });

  it('refuses an area offset that is not slot-aligned', () => {
    expect(() => link('a', new FakeIo(), { areaOffset: 100 })).toThrow(expect.objectContaining({ code: 'RHA-E2408' }));
  });

  it('falls back to O_DSYNC where O_DIRECT is not used, and uses O_DIRECT on this file system when it can', async () => {
    const file = join(dir, 'modes.img');
    writeFileSync(file, Buffer.alloc(0));
    const plain = new NodeFsDiskIo(file, { noDirect: true });
    await plain.open();
    expect(plain.mode()).toBe('dsync');
    await plain.write(SLOT_BYTES, Buffer.from('hello'));
    expect((await plain.read(SLOT_BYTES, SLOT_BYTES)).subarray(0, 5).toString()).toBe('hello');
    await plain.close();
    const direct = new NodeFsDiskIo(file);
    await direct.open();
    // tmpfs refuses O_DIRECT; ext4/xfs accept it. Either way the data must read back.
    console.warn(`disk I/O mode on ${tmpdir()}: ${direct.mode()}, aligned window at +${direct.windowOffset()}`);
    expect(['direct', 'dsync']).toContain(direct.mode());
    expect((await direct.read(SLOT_BYTES, SLOT_BYTES)).subarray(0, 5).toString()).toBe('hello');
    await direct.write(0, Buffer.from('world'));
    await direct.close();
    // Starting from a misaligned window, direct I/O still works (the window moves) on a file too.
    const moved = new NodeFsDiskIo(file, { firstWindowAt: 1 });
    await moved.open();
    await moved.write(SLOT_BYTES, Buffer.from('moved'));
    expect((await moved.read(SLOT_BYTES, SLOT_BYTES)).subarray(0, 5).toString()).toBe('moved');
    if (moved.mode() === 'direct') expect(moved.windowOffset()).not.toBe(1);
    await moved.close();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('world');
  });
});

// A real block device opened with O_DIRECT, as on a cluster's shared disk.
const isRoot = process.getuid?.() === 0;
function canLoop(): boolean {
  if (!isRoot || process.platform !== 'linux') return false;
  try {
    execFileSync('losetup', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const canRunLoop = canLoop();
if (!canRunLoop) console.warn('skipping the loop-device disk heartbeat tests: they need root on Linux and losetup');

describe.skipIf(!canRunLoop)('disk heartbeat on a loop device (O_DIRECT)', () => {
  let device = '';
  let backing = '';
  beforeAll(() => {
    backing = join(mkdtempSync(join(tmpdir(), 'roseha-loop-')), 'disk.img');
    writeFileSync(backing, Buffer.alloc(1024 * 1024));
    device = execFileSync('losetup', ['-f', '--show', backing], { encoding: 'utf8' }).trim();
    // A loop device keeps its read-only flag across detach and re-attach (the volume driver sets it
    // on release, in other tests): start read-write.
    execFileSync('blockdev', ['--setrw', device]);
  });
  afterAll(() => {
    if (device) execFileSync('losetup', ['-d', device]);
    rmSync(join(backing, '..'), { recursive: true, force: true });
  });

  it('opens the device O_DIRECT and two nodes exchange heartbeats through it', async () => {
    const ioA = new NodeFsDiskIo(device);
    const ioB = new NodeFsDiskIo(device);
    const a = link('a', ioA, { areaOffset: 65536 });
    const b = link('b', ioB, { areaOffset: 65536 });
    const seen = record(b);
    await a.start();
    await b.start();
    expect(ioA.mode()).toBe('direct');
    console.warn(`loop device ${device}: aligned window at +${ioA.windowOffset()}`);
    for (let i = 1; i <= 3; i++) {
      await a.beat(summary('node-a', { seq: i }));
      await b.beat(summary('node-b', { seq: i }));
    }
    expect(seen.peer.map((r) => r.counter)).toEqual([1, 2, 3]);
    expect(b.counters()).toMatchObject({ storageOk: true, ioErrors: 0, timeouts: 0 });
    await a.stop();
    await b.stop();
    // The write went through to the backing file (no page cache of ours in between).
    execFileSync('sync');
    const img = readFileSync(backing);
    expect(img.subarray(65536, 65540).toString('latin1')).toBe('RHDS');
  });

  it('finds an aligned buffer window the kernel accepts for direct I/O, starting from a misaligned one', async () => {
    const io = new NodeFsDiskIo(device, { firstWindowAt: 1 });
    await io.open();
    expect(io.mode()).toBe('direct');
    await io.write(0, Buffer.from('aligned'));
    expect(io.windowOffset()).not.toBe(1);
    expect(io.windowOffset() % 16).toBe(0);
    expect((await io.read(0, SLOT_BYTES)).subarray(0, 7).toString()).toBe('aligned');
    await io.close();
    // The kernel really refuses a misaligned buffer here: the search was needed.
    const fd = openSync(device, constants.O_RDWR | constants.O_DIRECT);
    try {
      expect(() => readSync(fd, Buffer.allocUnsafeSlow(SLOT_BYTES + 1).subarray(1), 0, SLOT_BYTES, 0)).toThrow(/EINVAL/);
    } finally {
      closeSync(fd);
    }
  });
});
