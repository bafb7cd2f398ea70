// One network heartbeat link (private or public): a UDP socket bound to this node's address on that
// network, sending the signed summary to the peer's address and accepting only valid, fresh
// datagrams from it. Nothing a packet contains can crash it: every bad datagram is a counted drop,
// every socket error is counted and logged.
import { createSocket, type Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { LinkName, NodeSummary } from '../../core/types.js';
import { RosehaError } from '../../errors.js';
import { decodeDatagram, encodeDatagram, type CodecContext, type DropReason } from './codec.js';
import { ReplayGuard, type ReplayGuardOptions } from './replay.js';
import { emptyDropCounts, silentLogger, type HeartbeatEvent, type LinkCounters, type LinkLogger } from './types.js';
import { DropLogThrottle } from './throttle.js';

export interface UdpLinkOptions {
  link: Exclude<LinkName, 'disk'>;
  codec: CodecContext;
  bindAddress: string;
  bindPort: number;
  peerAddress: string;
  peerPort: number;
  /** This worker's start time (wall ms), signed into every datagram: orders incarnations. */
  startedAt: number;
  replay: ReplayGuardOptions;
  logger?: LinkLogger;
  /** Clocks, injectable for tests: monotonic ms and wall ms. */
  monotonic?: () => number;
  wall?: () => number;
}

export interface UdpLinkEvents {
  heartbeat: [HeartbeatEvent];
}

export class UdpLink extends EventEmitter<UdpLinkEvents> {
  readonly link: Exclude<LinkName, 'disk'>;
  private socket: Socket | undefined;
  private seq = 0;
  private readonly guards = new Map<string, ReplayGuard>();
  private readonly counts: LinkCounters;
  private readonly log: LinkLogger;
  private readonly monotonic: () => number;
  private readonly wall: () => number;
  private readonly throttle: DropLogThrottle;

  constructor(private readonly opts: UdpLinkOptions) {
    super();
    this.link = opts.link;
    this.log = opts.logger ?? silentLogger;
    this.monotonic = opts.monotonic ?? (() => performance.now());
    this.wall = opts.wall ?? (() => Date.now());
    this.throttle = new DropLogThrottle(this.log, opts.link);
    this.counts = {
      link: opts.link,
      received: 0,
      accepted: 0,
      dropped: emptyDropCounts(),
      sent: 0,
      sendErrors: 0,
      socketErrors: 0,
      lastHeardAt: null,
    };
  }

  /** Binds the socket; rejects with RHA-E2404 if the address or port cannot be bound. */
  async start(): Promise<void> {
    if (this.socket) return;
    const socket = createSocket({ type: 'udp4', reuseAddr: false });
    socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo.address));
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => {
        socket.close();
        reject(
          new RosehaError('RHA-E2404', `cannot listen for ${this.link} heartbeats on ${this.opts.bindAddress}:${this.opts.bindPort}: ${err.message}`, {
            cause: err,
          }),
        );
      };
      socket.once('error', onError);
      socket.bind({ address: this.opts.bindAddress, port: this.opts.bindPort, exclusive: true }, () => {
        socket.off('error', onError);
        resolve();
      });
    });
    // After the bind, an error (ICMP port unreachable reflected as ECONNREFUSED, ENETUNREACH…)
    // is a fact about the network, not a reason to stop listening.
    socket.on('error', (err) => {
      this.counts.socketErrors++;
      this.log.warn({ code: 'RHA-W2405', link: this.link, err: err.message }, `${this.link} heartbeat socket error`);
    });
    this.socket = socket;
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return;
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  /** Sends one heartbeat to the peer; never throws (an oversized summary is logged and counted). */
  send(summary: NodeSummary): void {
    const socket = this.socket;
    if (!socket) return;
    let datagram: Buffer;
    try {
      datagram = encodeDatagram(this.opts.codec, {
        summary,
        link: this.link,
        startedAt: this.opts.startedAt,
        seq: ++this.seq,
        sentAt: this.wall(),
      });
    } catch (err) {
      this.counts.sendErrors++;
      this.log.warn({ code: (err as RosehaError).code ?? 'RHA-E2402', link: this.link, err: (err as Error).message }, 'heartbeat not sent');
      return;
    }
    socket.send(datagram, this.opts.peerPort, this.opts.peerAddress, (err) => {
      if (err) {
        this.counts.sendErrors++;
        this.log.debug({ code: 'RHA-W2405', link: this.link, err: err.message }, `${this.link} heartbeat not sent`);
      } else {
        this.counts.sent++;
      }
    });
  }

  counters(): LinkCounters {
    return { ...this.counts, dropped: { ...this.counts.dropped } };
  }

  /** The port actually bound (useful when a test binds port 0). */
  boundPort(): number | undefined {
    return this.socket?.address().port;
  }

  private onMessage(msg: Buffer, from: string): void {
    this.counts.received++;
    const decoded = decodeDatagram(this.opts.codec, msg);
    if (!decoded.ok) return this.drop(decoded.reason, from);
    const { header, summary } = decoded;
    // A datagram signed for another link (captured on one network, replayed on the other).
    if (header.link !== this.link) return this.drop('replayed', from);
    const now = this.monotonic();
    let guard = this.guards.get(header.sender);
    if (!guard) this.guards.set(header.sender, (guard = new ReplayGuard(this.opts.replay)));
    const verdict = guard.check(header, now, this.wall());
    if (!verdict.ok) return this.drop(verdict.reason, from);
    if (verdict.adoptedOlder) {
      this.log.warn({ code: 'RHA-W2406', link: this.link, peer: header.sender, incarnation: header.incarnation }, 'peer restarted with an older clock');
    }
    this.counts.accepted++;
    this.counts.lastHeardAt = now;
    this.emit('heartbeat', { link: this.link, summary, receivedAt: now, header });
  }

  private drop(reason: DropReason, from: string): void {
    this.counts.dropped[reason]++;
    this.throttle.note(reason, from, this.monotonic());
  }
}
