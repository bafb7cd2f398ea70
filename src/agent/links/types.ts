// What the links report to the worker: heartbeats heard, storage health, counters for `status`.
import type { LinkName, NodeSummary } from '../../core/types.js';
import type { DatagramHeader, DropReason } from './codec.js';

export interface HeartbeatEvent {
  link: LinkName;
  summary: NodeSummary;
  /** The receiver's monotonic clock (performance.now(), ms) when the heartbeat was accepted. */
  receivedAt: number;
  header: DatagramHeader;
}

export interface LinkCounters {
  link: LinkName;
  /** Datagrams (or, on the disk, changed peer slots) that arrived, valid or not. */
  received: number;
  accepted: number;
  dropped: Record<DropReason, number>;
  sent: number;
  sendErrors: number;
  socketErrors: number;
  /** Monotonic ms of the last accepted heartbeat; null if never heard. */
  lastHeardAt: number | null;
}

export interface DiskCounters extends LinkCounters {
  link: 'disk';
  /** This node's own storage path: false after an I/O error or timeout, until an I/O succeeds. */
  storageOk: boolean;
  ioErrors: number;
  timeouts: number;
  /** Beats skipped because the previous I/O had not finished (a hung device). */
  skipped: number;
  /** The peer slot's counter as last read (its disk link sequence), null before a valid read. */
  peerCounter: number | null;
  /** Monotonic ms when the peer's counter last moved. */
  peerCounterMovedAt: number | null;
}

/** pino-compatible: the links log socket and disk trouble with a code, never throw it. */
export interface LinkLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export const silentLogger: LinkLogger = { info() {}, warn() {}, debug() {} };

export function emptyDropCounts(): Record<DropReason, number> {
  return {
    truncated: 0,
    'bad-magic': 0,
    'bad-version': 0,
    'bad-tag': 0,
    'unknown-sender': 0,
    'wrong-cluster': 0,
    malformed: 0,
    replayed: 0,
    stale: 0,
  };
}
