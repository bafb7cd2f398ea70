// Replay protection for one peer on one link: incarnation + sequence.
//
// Within an incarnation a sequence at or below the last accepted one is a replay. Incarnations are
// ordered by the sender's start time (`startedAt`, its wall clock when the worker started, signed in
// every datagram), then by id: a datagram of an incarnation older than the newest one seen is a
// replay of traffic recorded before the peer restarted, and is refused.
//
// The one exception is deliberate. If the peer's clock was stepped back before a restart, its new
// incarnation carries an *older* start time. Refusing it for ever would make a live peer look dead
// on every link and invite a takeover beside it (split brain). So once the newest incarnation has
// been silent for `supersedeAfterMs` (the receiver's monotonic clock; the links use dead_after_ms),
// an older-stamped incarnation is adopted. What a replayer gains from that is a dead peer that looks
// alive (no failover: an outage, never two active nodes), and only with traffic it recorded.
//
// A receiver that restarts forgets all this; the optional wall-clock window (`maxClockSkewMs`, off by
// default because a cluster without synchronised clocks must not lose its heartbeats) closes that gap
// for operators who run NTP.
import type { DatagramHeader } from './codec.js';

export interface ReplayGuardOptions {
  supersedeAfterMs: number;
  maxClockSkewMs?: number;
}

export type ReplayVerdict =
  | { ok: true; newIncarnation: boolean; adoptedOlder: boolean }
  | { ok: false; reason: 'replayed' | 'stale' };

interface Seen {
  incarnation: string;
  startedAt: number;
  seq: number;
  /** Receiver's monotonic ms of the last accepted datagram of this incarnation. */
  at: number;
}

export class ReplayGuard {
  private seen: Seen | undefined;

  constructor(private readonly opts: ReplayGuardOptions) {}

  /** Call only for datagrams whose tag checked out; updates the state when the datagram is accepted. */
  check(h: Pick<DatagramHeader, 'incarnation' | 'startedAt' | 'seq' | 'sentAt'>, nowMono: number, nowWall: number): ReplayVerdict {
    const { maxClockSkewMs } = this.opts;
    if (maxClockSkewMs !== undefined && Math.abs(nowWall - h.sentAt) > maxClockSkewMs) return { ok: false, reason: 'stale' };
    const cur = this.seen;
    if (!cur) return this.accept(h, nowMono, true, false);
    if (h.incarnation === cur.incarnation && h.startedAt === cur.startedAt) {
      if (h.seq <= cur.seq) return { ok: false, reason: 'replayed' };
      return this.accept(h, nowMono, false, false);
    }
    if (isNewer(h, cur)) return this.accept(h, nowMono, true, false);
    if (nowMono - cur.at >= this.opts.supersedeAfterMs) return this.accept(h, nowMono, true, true);
    return { ok: false, reason: 'replayed' };
  }

  /** The last accepted incarnation and sequence, for status and tests. */
  last(): Readonly<Seen> | undefined {
    return this.seen;
  }

  private accept(h: Pick<DatagramHeader, 'incarnation' | 'startedAt' | 'seq'>, at: number, newIncarnation: boolean, adoptedOlder: boolean): ReplayVerdict {
    this.seen = { incarnation: h.incarnation, startedAt: h.startedAt, seq: h.seq, at };
    return { ok: true, newIncarnation, adoptedOlder };
  }
}

function isNewer(h: Pick<DatagramHeader, 'incarnation' | 'startedAt'>, cur: Seen): boolean {
  if (h.startedAt !== cur.startedAt) return h.startedAt > cur.startedAt;
  // Two starts in one millisecond cannot come from one node; order them anyway, deterministically.
  return h.incarnation > cur.incarnation;
}
