// `ip` resource on Linux: the virtual address with `ip addr add/del`, announced by gratuitous ARP
// (garp.ts, or arping).
// One JSON query (`ip -j addr show dev IF`) answers both "is the address there" and "is the
// interface up", so stop and monitor each read the state once before acting. A start, on the
// takeover's critical path, reads only the link's state from /sys (no fork) and adds the address,
// taking "already there" for done.
import { RosehaError } from '../../errors.js';
import type { CommandSpec, DetachedSpec, FileRead } from '../../platform/types.js';
import { garpSpec } from './garp.js';
import type { DriverContext, MonitorResult, ResourceDriver } from '../types.js';
import type { ResourceConfig } from '../../config/schema.js';
import { commandError, deadline, localFiles } from './common.js';

type IpResource = Extract<ResourceConfig, { type: 'ip' }>;

export interface IfaceState {
  exists: boolean;
  /** Administratively up and the carrier present (UP and LOWER_UP): an address there can answer. */
  up: boolean;
  /** The prefix lengths the address is configured with: none when absent; one, unless someone added it with another. */
  prefixes: number[];
}

export const splitCidr = (cidr: string): { ip: string; prefix: string } => {
  const [ip = '', prefix = '32'] = cidr.split('/');
  return { ip, prefix };
};

/** The state query; `present` is what it prints once the address is on an interface that is up. */
export function showSpec(r: IpResource, timeoutMs: number): CommandSpec {
  const { ip, prefix } = splitCidr(r.address);
  const iface = { ifname: r.interface, flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], operstate: 'UP' };
  return {
    file: 'ip',
    // Not `-4`: that filter drops a link without IPv4 addresses from the output altogether.
    args: ['-j', 'addr', 'show', 'dev', r.interface],
    timeoutMs,
    query: {
      absent: { exitCode: 0, stdout: JSON.stringify([{ ...iface, addr_info: [] }]) },
      present: { exitCode: 0, stdout: JSON.stringify([{ ...iface, addr_info: [{ family: 'inet', local: ip, prefixlen: Number(prefix) }] }]) },
    },
  };
}

/** Parses `ip -j addr show dev IF`; an exit other than 0 means the interface does not exist. */
export function parseShow(exitCode: number, stdout: string, address: string): IfaceState {
  const none = { exists: false, up: false, prefixes: [] };
  if (exitCode !== 0) return none;
  const { ip } = splitCidr(address);
  let links: Array<{ flags?: string[]; addr_info?: Array<{ family?: string; local?: string; prefixlen?: number }> }> = [];
  try {
    links = JSON.parse(stdout || '[]');
  } catch {
    links = [];
  }
  const link = links[0];
  if (!link) return none;
  const flags = link.flags ?? [];
  const prefixes = (link.addr_info ?? []).filter((a) => a.family === 'inet' && a.local === ip).map((a) => a.prefixlen ?? 32);
  return { exists: true, up: flags.includes('UP') && flags.includes('LOWER_UP'), prefixes };
}

/**
 * The link's /sys files: `flags` (IFF_UP is 0x1) and `carrier` (1 with carrier; unreadable, EINVAL,
 * while the link is administratively down). UP with carrier is what `ip` shows as UP,LOWER_UP.
 * /sys must be the agent's network namespace's (`ip netns exec` mounts it so).
 */
export function linkReads(iface: string): { flags: FileRead; carrier: FileRead } {
  const at = (file: string, text: string): FileRead => ({ path: `/sys/class/net/${iface}/${file}`, query: { absent: text, present: text } });
  return { flags: at('flags', '0x1003\n'), carrier: at('carrier', '1\n') };
}

/** From linkReads' files: a link that has no `flags` does not exist. */
export function parseLinkFiles(flags: string | null, carrier: string | null): Pick<IfaceState, 'exists' | 'up'> {
  const bits = flags === null ? NaN : Number.parseInt(flags.trim(), 16);
  if (Number.isNaN(bits)) return { exists: false, up: false };
  return { exists: true, up: (bits & 0x1) === 0x1 && carrier?.trim() === '1' };
}

async function readLink(r: IpResource, ctx: DriverContext): Promise<Pick<IfaceState, 'exists' | 'up'>> {
  const { readText } = localFiles(ctx, r.name, 'the link state from /sys');
  // A Linux interface name holds no "/": anything else names no link (and no other file).
  if (r.interface.includes('/') || r.interface === '.' || r.interface === '..') return { exists: false, up: false };
  const files = linkReads(r.interface);
  const [flags, carrier] = await Promise.all([readText(files.flags), readText(files.carrier)]);
  return parseLinkFiles(flags, carrier);
}

async function readState(r: IpResource, ctx: DriverContext, left: () => number): Promise<IfaceState> {
  const spec = showSpec(r, left());
  const res = await ctx.runner.run(spec);
  if (res.timedOut) throw commandError('RHA-E3001', `${r.name}: reading ${r.interface}`, spec, res, r.name);
  return parseShow(res.exitCode, res.stdout, r.address);
}

/**
 * Gratuitous ARP so that switches and clients learn the new owner at once (keepalived users lost
 * VIPs for 30 s without it): our own sender (garp.ts), armed ahead so that the first packet leaves
 * as the address is added; iputils `arping -U -c 2` (Debian: iputils-arping) where there is no perl.
 * Both wait a second between packets, so they run detached and the failover does not wait for them.
 * No sender at all is a warning, not a failure.
 */
export function arpSpec(r: IpResource): { file: string; args: string[] } {
  const { ip } = splitCidr(r.address);
  return { file: 'arping', args: ['-q', '-U', '-c', '2', '-I', r.interface, ip] };
}

export const garpSpecFor = (r: IpResource): DetachedSpec => garpSpec(r.interface, splitCidr(r.address).ip);

const notInstalled = (e: unknown) => /ENOENT/.test(`${(e as NodeJS.ErrnoException).code} ${(e as Error).message}`);

async function announce(r: IpResource, ctx: DriverContext): Promise<void> {
  try {
    await ctx.runner.spawnDetached(garpSpecFor(r));
    return;
  } catch (e) {
    if (!notInstalled(e)) return ctx.warn?.('RHA-W3014', `${r.name}: no gratuitous ARP for ${r.address}: ${(e as Error).message}`);
  }
  try {
    await ctx.runner.spawnDetached(arpSpec(r));
  } catch (e) {
    const why = notInstalled(e) ? 'neither perl nor arping is installed (Debian: iputils-arping)' : String((e as Error).message);
    ctx.warn?.('RHA-W3014', `${r.name}: no gratuitous ARP for ${r.address}: ${why}`);
  }
}

export const addSpec = (r: IpResource, timeoutMs: number): CommandSpec => ({ file: 'ip', args: ['addr', 'add', r.address, 'dev', r.interface], timeoutMs });

async function removeAddress(r: IpResource, ctx: DriverContext, address: string, left: () => number): Promise<void> {
  const spec: CommandSpec = { file: 'ip', args: ['addr', 'del', address, 'dev', r.interface], timeoutMs: left() };
  const res = await ctx.runner.run(spec);
  // "Address not found" (older: "Cannot assign requested address"): already gone.
  if ((res.exitCode !== 0 || res.timedOut) && !/Cannot assign requested address|Address not found/.test(res.stderr)) {
    throw commandError('RHA-E3013', `${r.name}: removing ${address}`, spec, res, r.name);
  }
}

export const ipDriver: ResourceDriver<IpResource> = {
  type: 'ip',
  async start(r, ctx) {
    const left = deadline(ctx);
    const link = await readLink(r, ctx);
    if (!link.exists) throw new RosehaError('RHA-E3010', `${r.name}: interface ${r.interface} does not exist`, { details: { resource: r.name } });
    if (!link.up) throw new RosehaError('RHA-E3011', `${r.name}: interface ${r.interface} is down (not UP with carrier)`, { details: { resource: r.name } });
    const spec = addSpec(r, left());
    const res = await ctx.runner.run(spec);
    // "Address already assigned" (older: "File exists"): there already (a re-start) — the state we want.
    if ((res.exitCode !== 0 || res.timedOut) && !/File exists|already assigned/.test(res.stderr)) throw commandError('RHA-E3012', `${r.name}: adding ${r.address}`, spec, res, r.name);
    // Announce also when it was already there: a re-start after a partition must re-announce.
    await announce(r, ctx);
  },
  coldStart: (r) => ({ run: [addSpec(r, r.start_timeout_ms)], detached: [garpSpecFor(r)] }),
  async stop(r, ctx) {
    const left = deadline(ctx);
    // A hard stop races the peer: the configured address goes at once, before any read.
    if (ctx.signal?.aborted === true) await removeAddress(r, ctx, r.address, left);
    // Then every copy of the IP, whatever its prefix: one added by hand with another prefix is a
    // second address to Linux (`ip addr add` does not refuse it), and would answer here after the stop.
    const { ip } = splitCidr(r.address);
    for (const prefix of (await readState(r, ctx, left)).prefixes) await removeAddress(r, ctx, `${ip}/${prefix}`, left);
  },
  async monitor(r, ctx): Promise<MonitorResult> {
    const state = await readState(r, ctx, deadline(ctx));
    if (!state.exists) return { status: 'failed', output: `interface ${r.interface} does not exist` };
    if (state.prefixes.length === 0) return { status: 'stopped', output: `${r.address} is not on ${r.interface}` };
    if (!state.up) return { status: 'failed', output: `${r.address} is on ${r.interface}, which is down` };
    return { status: 'running' };
  },
};

