// The Links facade the worker uses: every heartbeat link of this node behind one object.
//
//   const links = new Links({ config, self: 'node-a', key, runner, logger });
//   links.on('heartbeat', ({ link, summary, receivedAt }) => detector.heard(link, summary, receivedAt));
//   links.on('storage', (ok) => …);
//   await links.start();
//   every heartbeat_ms: links.send(summary);   // to the private and public links and the disk slot
//   status: links.counters();
//   await links.stop();
//
// Network links are `private` and `public`, one UDP socket each on this node's address for that
// network and heartbeat.port, sending to the peer's address. The disk link exists when
// heartbeat.disk is set. Addresses, ports and the disk path can be overridden (tests, the lab).
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { EffectiveConfig } from '../../config/load.js';
import type { LinkName, NodeName, NodeSummary } from '../../core/types.js';
import { RosehaError } from '../../errors.js';
import type { Runner } from '../../platform/types.js';
import { isIPv4 } from 'node:net';
import { networkInterfaces } from 'node:os';
import { checkGateway, parseGatewayMode, type GatewayCheckResult } from '../../probes/gateway.js';
import { GatewayWatch } from '../../probes/gateway-watch.js';
import { sameSubnet } from '../../config/ipv4.js';
import { checkKey, type CodecContext } from './codec.js';
import { DiskLink, type DiskPeerReading } from './disk.js';
import { NodeFsDiskIo, type DiskIoFactory } from './diskio.js';
import { silentLogger, type DiskCounters, type HeartbeatEvent, type LinkCounters, type LinkLogger } from './types.js';
import { UdpLink } from './udp.js';
import { heartbeatOn } from '../../config/per-node.js';

export type { HeartbeatEvent, LinkCounters, DiskCounters, LinkLogger } from './types.js';
export type { DiskPeerReading } from './disk.js';
export type { DiskIo, DiskIoFactory } from './diskio.js';
export type { DropReason } from './codec.js';
export { newIncarnation } from './codec.js';
export type { GatewayCheckResult } from '../../probes/gateway.js';

export type NetworkLinkName = Exclude<LinkName, 'disk'>;

export interface NetworkLinkOverride {
  /** Address to bind instead of this node's configured address on that network. */
  bind?: string;
  bindPort?: number;
  /** Address to send to instead of the peer's configured address. */
  peer?: string;
  peerPort?: number;
}

export interface DiskLinkOverride {
  path?: string;
  offset?: number;
  timeoutMs?: number;
}

export interface LinksOptions {
  config: EffectiveConfig;
  /** This node's name: one of config.node[].name. */
  self: NodeName;
  /** The cluster key: the key file's bytes (at least 16). */
  key: Buffer;
  /** For the gateway probe (ping). */
  runner: Runner;
  logger?: LinkLogger;
  /** This worker's start, wall-clock ms (default: now). Signed into every datagram to order incarnations. */
  startedAt?: number;
  overrides?: {
    private?: NetworkLinkOverride;
    public?: NetworkLinkOverride;
    /** false: no disk link even if configured. */
    disk?: DiskLinkOverride | false;
  };
  /** How the disk area is opened. Default: Node fs (O_DIRECT) on Linux; required on Windows (the helper). */
  diskIo?: DiskIoFactory;
  /** Drop datagrams whose sentAt is further than this from our wall clock ('stale'). Off by default. */
  maxClockSkewMs?: number;
  /** Defaults to process.platform; chooses the ping syntax and whether a DiskIo must be given. */
  platform?: NodeJS.Platform;
  /** The interfaces that are up with their addresses (os.networkInterfaces; injectable for tests). */
  interfaces?: () => ReturnType<typeof networkInterfaces>;
}

export interface LinksEvents {
  heartbeat: [HeartbeatEvent];
  /** Own storage path: false after a disk heartbeat I/O error or timeout, true again after a success. */
  storage: [boolean];
  /** Every changed peer disk slot: its counter and summary. */
  'disk-peer': [DiskPeerReading];
}

export interface NetworkLinkCounters extends LinkCounters {
  /** The socket is bound (a missing address at boot is retried every second). */
  bound: boolean;
}

export interface LinksCounters {
  private: NetworkLinkCounters;
  public: NetworkLinkCounters;
  disk?: DiskCounters;
}

const REBIND_EVERY_MS = 1000;

export class Links extends EventEmitter<LinksEvents> {
  readonly self: NodeName;
  readonly peer: NodeName;
  private readonly network: Record<NetworkLinkName, { link: UdpLink; bound: boolean; lastTry: number; warned: boolean }>;
  private readonly disk: DiskLink | undefined;
  private readonly log: LinkLogger;
  private running = false;
  private gatewayWatch: GatewayWatch | undefined;
  private readonly publicAddress: string;

  constructor(private readonly opts: LinksOptions) {
    super();
    const { config, self } = opts;
    checkKey(opts.key);
    const selfIndex = config.node.findIndex((n) => n.name === self);
    const peerIndex = selfIndex === 0 ? 1 : 0;
    const selfNode = config.node[selfIndex];
    const peerNode = config.node[peerIndex];
    if (!selfNode || !peerNode) throw new RosehaError('RHA-E2412', `this node "${self}" is not one of the [[node]] tables of the config`);
    this.self = self;
    this.peer = peerNode.name;
    this.log = opts.logger ?? silentLogger;
    const startedAt = opts.startedAt ?? Date.now();
    const codec: CodecContext = { key: opts.key, cluster: config.cluster.name, peers: new Set([peerNode.name]) };
    const replay = { supersedeAfterMs: config.timing.dead_after_ms, maxClockSkewMs: opts.maxClockSkewMs };
    const port = config.heartbeat.port;
    this.publicAddress = opts.overrides?.public?.bind ?? selfNode.public;

    const makeUdp = (link: NetworkLinkName) => {
      const o = opts.overrides?.[link] ?? {};
      const udp = new UdpLink({
        link,
        codec,
        bindAddress: o.bind ?? selfNode[link],
        bindPort: o.bindPort ?? port,
        peerAddress: o.peer ?? peerNode[link],
        peerPort: o.peerPort ?? port,
        startedAt,
        replay,
        logger: this.log,
      });
      udp.on('heartbeat', (e) => this.emit('heartbeat', e));
      return { link: udp, bound: false, lastTry: -Infinity, warned: false };
    };
    this.network = { private: makeUdp('private'), public: makeUdp('public') };

    const diskOverride = opts.overrides?.disk;
    // This node's own path, offset and timeout: the heartbeat table's on.NODE values over the shared ones.
    const heartbeat = heartbeatOn(config.heartbeat, opts.self);
    const path = diskOverride === false ? undefined : (diskOverride?.path ?? heartbeat.disk);
    if (path !== undefined && diskOverride !== false) {
      const platform = opts.platform ?? process.platform;
      const factory = opts.diskIo ?? (platform === 'win32' ? undefined : (p: string) => new NodeFsDiskIo(p));
      if (!factory) throw new RosehaError('RHA-E2413', 'the disk heartbeat on Windows needs the unbuffered I/O helper, and none was given');
      this.disk = new DiskLink({
        codec,
        io: factory(path),
        path,
        areaOffset: diskOverride?.offset ?? heartbeat.disk_offset,
        selfIndex,
        peerIndex,
        timeoutMs: diskOverride?.timeoutMs ?? heartbeat.disk_timeout_ms ?? 2 * config.timing.heartbeat_ms,
        startedAt,
        replay,
        logger: this.log,
      });
      this.disk.on('heartbeat', (e) => this.emit('heartbeat', e));
      this.disk.on('storage', (ok) => this.emit('storage', ok));
      this.disk.on('peer', (r) => this.emit('disk-peer', r));
    }
  }

  /**
   * Binds the network links and opens the disk area. Never throws for a missing address or a
   * broken disk (both are retried; the disk reports through 'storage'), so the agent comes up and
   * can say what is wrong. Throws RHA-E2404 only when no network link at all could be bound.
   */
  async start(): Promise<void> {
    this.running = true;
    await Promise.all((Object.keys(this.network) as NetworkLinkName[]).map((name) => this.bind(name)));
    if (!this.network.private.bound && !this.network.public.bound) {
      const err = new RosehaError('RHA-E2404', 'cannot listen for heartbeats on any network link (see the log for each address)');
      await this.stop();
      throw err;
    }
    await this.disk?.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.gatewayWatch?.stop();
    this.gatewayWatch = undefined;
    await Promise.all([this.network.private.link.stop(), this.network.public.link.stop(), this.disk?.stop()]);
    this.network.private.bound = this.network.public.bound = false;
  }

  /** One heartbeat: to the peer over both networks and into this node's disk slot. Never throws. */
  send(summary: NodeSummary): void {
    if (!this.running) return;
    for (const name of Object.keys(this.network) as NetworkLinkName[]) {
      const n = this.network[name];
      if (n.bound) n.link.send(summary);
      else if (performance.now() - n.lastTry >= REBIND_EVERY_MS) void this.bind(name);
    }
    this.disk?.send(summary);
  }

  /** Reads the peer's disk slot between heartbeats (see DiskLink.poll). Never throws. */
  pollDisk(): void {
    if (this.running) void this.disk?.poll();
  }

  counters(): LinksCounters {
    const out: LinksCounters = {
      private: { ...this.network.private.link.counters(), bound: this.network.private.bound },
      public: { ...this.network.public.link.counters(), bound: this.network.public.bound },
    };
    if (this.disk) out.disk = this.disk.counters();
    return out;
  }

  /** Own storage path; null when no disk heartbeat is configured. */
  storageOk(): boolean | null {
    return this.disk ? this.disk.storageOk() : null;
  }

  /** The public network's health as configured (heartbeat.gateway, heartbeat.gateway_check). */
  async checkGateway(timeoutMs = this.opts.config.timing.heartbeat_ms * 4): Promise<GatewayCheckResult> {
    const { gateway, gateway_check } = this.opts.config.heartbeat;
    const platform = this.opts.platform ?? process.platform;
    if (this.gatewayCheckIsCheap() && gateway) {
      // A running ping hears of a link gone down only at its next echo; the interface list says so at once.
      if (!this.publicAddressUp()) {
        return { status: 'critical', ok: false, output: `${this.publicAddress} is on no interface that is up`, durationMs: 0 };
      }
      if (!this.gatewayWatch && this.running) {
        this.gatewayWatch = new GatewayWatch({ runner: this.opts.runner, gateway });
        this.gatewayWatch.start();
      }
      if (this.gatewayWatch) return this.gatewayWatch.check();
    }
    return checkGateway(this.opts.runner, {
      gateway,
      mode: parseGatewayMode(gateway_check),
      timeoutMs,
      platform,
    });
  }

  /**
   * On Linux one ping runs for the agent's life (GatewayWatch), so a check only reads its state and
   * can be made every beat; elsewhere each check is one ping process.
   */
  gatewayCheckIsCheap(): boolean {
    const { gateway, gateway_check } = this.opts.config.heartbeat;
    const platform = this.opts.platform ?? process.platform;
    return gateway_check === 'icmp' && platform === 'linux' && !!this.opts.runner.spawnInteractive && !!gateway && isIPv4(gateway);
  }

  /** This node's public address lies in the subnet of an interface that is up (with carrier). */
  private publicAddressUp(): boolean {
    if (!isIPv4(this.publicAddress)) return true;
    return Object.values((this.opts.interfaces ?? networkInterfaces)()).some((addrs) =>
      (addrs ?? []).some((a) => a.family === 'IPv4' && a.cidr !== null && sameSubnet(a.address, this.publicAddress, Number(a.cidr.split('/')[1]))),
    );
  }

  private async bind(name: NetworkLinkName): Promise<void> {
    const n = this.network[name];
    n.lastTry = performance.now();
    try {
      await n.link.start();
      n.bound = true;
      if (n.warned) this.log.info({ code: 'RHA-I2414', link: name }, `listening for ${name} heartbeats`);
      n.warned = false;
      if (!this.running) {
        await n.link.stop();
        n.bound = false;
      }
    } catch (err) {
      // Logged once, not every retry: an unplugged NIC (Windows drops its address) may stay so for hours.
      if (!n.warned) this.log.warn({ code: 'RHA-E2404', link: name, err: (err as Error).message }, `cannot listen for ${name} heartbeats yet`);
      n.warned = true;
    }
  }
}
