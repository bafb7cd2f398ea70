// When did the peer write its disk slot? A read only shows that the counter moved since the previous
// read, so the write lies between the two reads, and taking the read's own time makes the disk link
// look up to one heartbeat fresher than it is: the peer is then declared dead that much later after
// a power loss (measured: +50 ms on average with the `fast` profile).
//
// The slot carries the peer's wall clock at the write (sentAt). The network heartbeats tell how the
// peer's wall clock maps onto our monotonic clock: receivedAt - sentAt is that offset plus the
// one-way delay, so its minimum over recent datagrams is the offset with the smallest delay (NTP's
// reasoning). The estimate sentAt + offset is then never earlier than the true write time (delays
// are ≥ 0), and it is clamped into the interval the reads prove, so a clock that jumps or drifts
// can move it by at most the read interval.

export interface PeerClockSample {
  /** Our monotonic ms when the datagram was accepted. */
  receivedAt: number;
  /** receivedAt − the peer's wall clock in the datagram. */
  offset: number;
}

export interface PeerClock {
  /** Recent samples, oldest first. */
  samples: readonly PeerClockSample[];
}

/** Samples older than this (ms) are forgotten: the peer's wall clock may be stepped or slewed. */
export const peerClockWindowMs = 2000;

export const emptyPeerClock: PeerClock = { samples: [] };

/** A network heartbeat heard: its sentAt (peer wall ms) and our receivedAt (monotonic ms). */
export function observePeerClock(clock: PeerClock, sentAt: number, receivedAt: number): PeerClock {
  const samples = clock.samples.filter((s) => receivedAt - s.receivedAt <= peerClockWindowMs);
  samples.push({ receivedAt, offset: receivedAt - sentAt });
  return { samples };
}

/**
 * The write time of a disk slot on our monotonic clock: within (writtenAfter, readAt], as late as the
 * clock mapping allows. Without a recent network sample there is nothing to map with: readAt.
 */
export function estimateWriteTime(clock: PeerClock, sentAt: number, writtenAfter: number | null, readAt: number): number {
  const recent = clock.samples.filter((s) => readAt - s.receivedAt <= peerClockWindowMs);
  if (writtenAfter === null || recent.length === 0) return readAt;
  const offset = Math.min(...recent.map((s) => s.offset));
  return Math.min(readAt, Math.max(writtenAfter, sentAt + offset));
}
