// The disk heartbeat: one 4096-byte slot per node in a raw area of the shared disk. Each beat writes
// this node's slot (the signed datagram, whose link sequence is the slot's counter) and reads the
// peer's. It reports what it read (counter, summary, when) and whether this node's own storage path
// works; whether a still counter means "peer silent" is the failure detector's call.
//
// Slot layout: magic "RHDS" (4) | datagram length u16 | datagram (codec.ts, link "disk") | zeros.
// The peer may be writing its slot while we read it; a torn read fails the HMAC and is counted as a
// bad-tag drop, and the next read sees the whole slot.
//
// A dead device can make a read or write hang inside libuv's thread pool (4 threads, shared with
// every fs call and DNS lookup). So at most one disk I/O is ever in flight: a beat that finds the
// previous I/O still running is skipped and counted, and an I/O that outlives `timeoutMs` marks the
// storage path broken at once, while its thread stays stuck rather than being joined by more.
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { NodeSummary } from '../../core/types.js';
import { RosehaError } from '../../errors.js';
import { decodeDatagram, encodeDatagram, type CodecContext, type DecodeResult, type DropReason } from './codec.js';
import { SLOT_BYTES, type DiskIo } from './diskio.js';
import { ReplayGuard, type ReplayGuardOptions } from './replay.js';
import { DropLogThrottle } from './throttle.js';
import { emptyDropCounts, silentLogger, type DiskCounters, type HeartbeatEvent, type LinkLogger } from './types.js';

const SLOT_MAGIC = Buffer.from('RHDS', 'latin1');
const SLOT_HEADER_BYTES = SLOT_MAGIC.length + 2;

export interface DiskLinkOptions {
  codec: CodecContext;
  io: DiskIo;
  /** Where the heartbeat area starts on the device, in bytes (a multiple of 4096). */
  areaOffset: number;
  selfIndex: number;
  peerIndex: number;
  timeoutMs: number;
  startedAt: number;
  replay: ReplayGuardOptions;
  /** Used in logs only. */
  path: string;
  logger?: LinkLogger;
  monotonic?: () => number;
  wall?: () => number;
}

/** Every distinct peer slot read: the detector watches `counter` against `readAt`. */
export interface DiskPeerReading {
  counter: number;
  summary: NodeSummary;
  /** Monotonic ms when the slot was read. */
  readAt: number;
}

export interface DiskLinkEvents {
  heartbeat: [HeartbeatEvent];
  peer: [DiskPeerReading];
  storage: [boolean];
}

export class DiskLink extends EventEmitter<DiskLinkEvents> {
  readonly link = 'disk' as const;
  private seq = 0;
  private opened = false;
  private stopped = false;
  /** The I/O in flight, if any (a hung one included). */
  private busy: Promise<unknown> | undefined;
  private lastRaw: Buffer | undefined;
  /** The storage state last reported (undefined before the first I/O outcome), so the first failure is logged too. */
  private reported: boolean | undefined;
  private readonly guard: ReplayGuard;
  private readonly counts: DiskCounters;
  private readonly log: LinkLogger;
  private readonly monotonic: () => number;
  private readonly wall: () => number;
  private readonly throttle: DropLogThrottle;

  constructor(private readonly opts: DiskLinkOptions) {
    super();
    if (opts.areaOffset % SLOT_BYTES !== 0 || opts.areaOffset < 0) {
      throw new RosehaError('RHA-E2408', `heartbeat.disk_offset ${opts.areaOffset} is not a multiple of ${SLOT_BYTES}`);
    }
    this.log = opts.logger ?? silentLogger;
    this.monotonic = opts.monotonic ?? (() => performance.now());
    this.wall = opts.wall ?? (() => Date.now());
    this.guard = new ReplayGuard(opts.replay);
    this.throttle = new DropLogThrottle(this.log, 'disk');
    this.counts = {
      link: 'disk',
      received: 0,
      accepted: 0,
      dropped: emptyDropCounts(),
      sent: 0,
      sendErrors: 0,
      socketErrors: 0,
      lastHeardAt: null,
      storageOk: false,
      ioErrors: 0,
      timeouts: 0,
      skipped: 0,
      peerCounter: null,
      peerCounterMovedAt: null,
    };
  }

  /** Opens the area. Never throws: a device that cannot be opened is a broken storage path, retried every beat. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.io('open', () => this.opts.io.open());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const wasOpen = this.opened;
    this.opened = false;
    // Do not wait for a hung I/O: closing would queue behind it.
    const pending = this.busy;
    if (pending) {
      pending.finally(() => this.opts.io.close().catch(() => undefined)).catch(() => undefined);
      return;
    }
    if (wasOpen) await this.opts.io.close().catch(() => undefined);
  }

  storageOk(): boolean {
    return this.counts.storageOk;
  }

  counters(): DiskCounters {
    return { ...this.counts, dropped: { ...this.counts.dropped } };
  }

  /** Starts one beat (write own slot, read the peer's) unless the last I/O is still running. */
  send(summary: NodeSummary): void {
    void this.beat(summary);
  }

  /** One beat; resolves when it is done or has timed out. Tests await it. Never rejects. */
  async beat(summary: NodeSummary): Promise<void> {
    if (this.stopped) return;
    if (this.busy) {
      this.counts.skipped++;
      return;
    }
    if (!this.opened && !(await this.io('open', () => this.opts.io.open()))) return;
    let slot: Buffer;
    try {
      slot = this.encodeSlot(summary);
    } catch (err) {
      this.counts.sendErrors++;
      this.log.warn({ code: (err as RosehaError).code ?? 'RHA-E2402', link: 'disk', err: (err as Error).message }, 'disk heartbeat not written');
      return;
    }
    const own = this.opts.areaOffset + this.opts.selfIndex * SLOT_BYTES;
    if (!(await this.io('write', () => this.opts.io.write(own, slot)))) return;
    this.counts.sent++;
    const peer = this.opts.areaOffset + this.opts.peerIndex * SLOT_BYTES;
    let raw: Buffer | undefined;
    if (!(await this.io('read', async () => void (raw = await this.opts.io.read(peer, SLOT_BYTES))))) return;
    if (raw) this.onPeerSlot(raw);
  }

  /**
   * Reads the peer's slot between beats: its counter is then seen to stop within a fraction of a
   * heartbeat rather than up to a whole one late, which is what a takeover waits for. Skipped while
   * another I/O runs. Never rejects.
   */
  async poll(): Promise<void> {
    if (this.stopped || this.busy || !this.opened) return;
    const peer = this.opts.areaOffset + this.opts.peerIndex * SLOT_BYTES;
    let raw: Buffer | undefined;
    if (!(await this.io('read', async () => void (raw = await this.opts.io.read(peer, SLOT_BYTES))))) return;
    if (raw) this.onPeerSlot(raw);
  }

  private encodeSlot(summary: NodeSummary): Buffer {
    const datagram = encodeDatagram(this.opts.codec, {
      summary,
      link: 'disk',
      startedAt: this.opts.startedAt,
      seq: ++this.seq,
      sentAt: this.wall(),
    });
    const header = Buffer.alloc(SLOT_HEADER_BYTES);
    SLOT_MAGIC.copy(header);
    header.writeUInt16BE(datagram.length, SLOT_MAGIC.length);
    return Buffer.concat([header, datagram]);
  }

  private onPeerSlot(raw: Buffer): void {
    // Reading the same bytes again is a still counter, not a replay: nothing to count or report.
    if (this.lastRaw?.equals(raw)) return;
    this.lastRaw = raw;
    if (!raw.subarray(0, SLOT_MAGIC.length).equals(SLOT_MAGIC)) {
      // A never-written slot reads as zeros; anything else in its place is a bad slot.
      if (raw.every((b) => b === 0)) return;
      this.counts.received++;
      return this.drop('bad-magic');
    }
    this.counts.received++;
    const length = raw.readUInt16BE(SLOT_MAGIC.length);
    if (SLOT_HEADER_BYTES + length > raw.length) return this.drop('truncated');
    const decoded: DecodeResult = decodeDatagram(this.opts.codec, raw.subarray(SLOT_HEADER_BYTES, SLOT_HEADER_BYTES + length));
    if (!decoded.ok) return this.drop(decoded.reason);
    const { header, summary } = decoded;
    if (header.link !== 'disk') return this.drop('replayed');
    const now = this.monotonic();
    const verdict = this.guard.check(header, now, this.wall());
    if (!verdict.ok) return this.drop(verdict.reason);
    if (verdict.adoptedOlder) {
      this.log.warn({ code: 'RHA-W2406', link: 'disk', peer: header.sender, incarnation: header.incarnation }, 'peer restarted with an older clock');
    }
    this.counts.accepted++;
    this.counts.lastHeardAt = now;
    this.counts.peerCounter = header.seq;
    this.counts.peerCounterMovedAt = now;
    this.emit('peer', { counter: header.seq, summary, readAt: now });
    this.emit('heartbeat', { link: 'disk', summary, receivedAt: now, header });
  }

  private drop(reason: DropReason): void {
    this.counts.dropped[reason]++;
    this.throttle.note(reason, this.opts.path, this.monotonic());
  }

  /**
   * Runs one I/O with the timeout; true when it succeeded in time. The I/O stays `busy` until it
   * really settles, even after its timeout has been reported, so that no second one queues behind it.
   */
  private async io(what: 'open' | 'write' | 'read', op: () => Promise<void>): Promise<boolean> {
    if (this.busy) {
      this.counts.skipped++;
      return false;
    }
    const started = op().then(
      () => ({ ok: true as const }),
      (err: unknown) => ({ ok: false as const, err }),
    );
    const tracked = started.finally(() => {
      if (this.busy === tracked) this.busy = undefined;
    });
    this.busy = tracked;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.opts.timeoutMs);
    });
    const outcome = await Promise.race([started, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.counts.timeouts++;
      this.setStorage(false, { code: 'RHA-W2409', op: what, timeoutMs: this.opts.timeoutMs }, `disk heartbeat ${what} timed out`);
      return false;
    }
    if (!outcome.ok) {
      this.counts.ioErrors++;
      if (what === 'open') this.opened = false;
      const err = outcome.err as NodeJS.ErrnoException;
      this.setStorage(false, { code: 'RHA-W2409', op: what, err: err?.message, errno: err?.code }, `disk heartbeat ${what} failed`);
      return false;
    }
    if (what === 'open') this.opened = true;
    else this.setStorage(true, { code: 'RHA-I2410', op: what }, 'disk heartbeat area reachable');
    return true;
  }

  private setStorage(ok: boolean, fields: Record<string, unknown>, msg: string): void {
    this.counts.storageOk = ok;
    if (this.reported === ok) return;
    this.reported = ok;
    const line = { ...fields, link: 'disk', path: this.opts.path, storageOk: ok };
    if (ok) this.log.info(line, msg);
    else this.log.warn(line, msg);
    this.emit('storage', ok);
  }
}
