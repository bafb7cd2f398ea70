// The heartbeat datagram: what a node says about itself on every link, signed with the cluster key.
//
// Layout (big-endian; "str" = u8 length + UTF-8 bytes, "u48" = 6-byte unsigned):
//   magic "RHHB" (4) | version u8 | link u8 (0 private, 1 public, 2 disk) | cluster str | sender str
//   | incarnation str | startedAt u48 | seq u48 | sentAt u48 | body length u16 | body (JSON NodeSummary)
//   | HMAC-SHA256 tag (32) over every byte before it.
// The link is inside the signed part so that a datagram captured on one network cannot be replayed
// on another to make a dead link look alive. `seq` is the link's own counter (one per link, from 1
// per incarnation), independent of the worker's summary.seq, so a re-sent summary is still new.
// decode() never throws: every way a datagram can be wrong is a reason that the link counts.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { GroupClaim, GroupPhase, LinkName, NodeSummary } from '../../core/types.js';
import type { ClusterIntents } from '../../core/intents.js';
import { RosehaError } from '../../errors.js';

export const MAGIC = Buffer.from('RHHB', 'latin1');
export const CODEC_VERSION = 1;
export const TAG_BYTES = 32;
/** Fits one Ethernet frame without IP fragmentation (1500 − IP − UDP headers, with room for tunnels). */
export const MAX_DATAGRAM_BYTES = 1400;
/** A key shorter than this is refused: HMAC-SHA256 with a guessable key is no authentication. */
export const MIN_KEY_BYTES = 16;
const U48_MAX = 2 ** 48 - 1;
const FIXED_BYTES = 4 + 1 + 1 + 1 + 1 + 1 + 6 + 6 + 6 + 2; // magic..body length with empty strings
export const MIN_DATAGRAM_BYTES = FIXED_BYTES + TAG_BYTES;

const linkIds: Record<LinkName, number> = { private: 0, public: 1, disk: 2 };
const linkById: readonly LinkName[] = ['private', 'public', 'disk'];

export type DropReason =
  | 'truncated'
  | 'bad-magic'
  | 'bad-version'
  | 'bad-tag'
  | 'unknown-sender'
  | 'wrong-cluster'
  | 'malformed'
  | 'replayed'
  | 'stale';
export const dropReasons: readonly DropReason[] = [
  'truncated',
  'bad-magic',
  'bad-version',
  'bad-tag',
  'unknown-sender',
  'wrong-cluster',
  'malformed',
  'replayed',
  'stale',
];

/** The signed header fields besides the summary. */
export interface DatagramHeader {
  cluster: string;
  link: LinkName;
  sender: string;
  incarnation: string;
  /** The sender's wall clock (ms since epoch) when its worker started: orders incarnations. */
  startedAt: number;
  /** The link's own sequence number, from 1 per incarnation. */
  seq: number;
  /** The sender's wall clock when it sent this datagram. */
  sentAt: number;
}

export interface EncodeInput extends Omit<DatagramHeader, 'cluster' | 'sender' | 'incarnation'> {
  summary: NodeSummary;
}

export interface CodecContext {
  key: Buffer;
  cluster: string;
  /** Nodes whose datagrams this node accepts: the peer only (never itself). */
  peers: ReadonlySet<string>;
}

export type DecodeResult =
  | { ok: true; header: DatagramHeader; summary: NodeSummary }
  | { ok: false; reason: DropReason; detail?: string };

export function checkKey(key: Buffer): void {
  if (key.length < MIN_KEY_BYTES) {
    throw new RosehaError('RHA-E2401', `the cluster key has ${key.length} bytes; at least ${MIN_KEY_BYTES} are needed`);
  }
}

export function encodeDatagram(ctx: Pick<CodecContext, 'key' | 'cluster'>, input: EncodeInput): Buffer {
  const { summary } = input;
  const body = Buffer.from(JSON.stringify(summary), 'utf8');
  const parts = [
    MAGIC,
    u8(CODEC_VERSION),
    u8(linkIds[input.link]),
    str(ctx.cluster),
    str(summary.node),
    str(summary.incarnation),
    u48(input.startedAt),
    u48(input.seq),
    u48(input.sentAt),
    u16(body.length),
    body,
  ];
  const unsigned = Buffer.concat(parts);
  const total = unsigned.length + TAG_BYTES;
  if (total > MAX_DATAGRAM_BYTES) {
    throw new RosehaError('RHA-E2402', `the heartbeat summary needs ${total} bytes, more than the ${MAX_DATAGRAM_BYTES} a datagram may carry`, {
      details: { bytes: total, groups: Object.keys(summary.groups).length },
    });
  }
  return Buffer.concat([unsigned, tag(ctx.key, unsigned)]);
}

export function decodeDatagram(ctx: CodecContext, data: Uint8Array): DecodeResult {
  try {
    return decodeUnsafe(ctx, Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  } catch (err) {
    // Any parser slip is a malformed datagram, never a crash of the link.
    return { ok: false, reason: 'malformed', detail: (err as Error)?.message };
  }
}

function decodeUnsafe(ctx: CodecContext, buf: Buffer): DecodeResult {
  if (buf.length < MAGIC.length) return { ok: false, reason: 'truncated' };
  if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) return { ok: false, reason: 'bad-magic' };
  if (buf.length < MIN_DATAGRAM_BYTES) return { ok: false, reason: 'truncated' };
  if (buf.length > MAX_DATAGRAM_BYTES) return { ok: false, reason: 'malformed', detail: 'oversized' };
  if (buf[4] !== CODEC_VERSION) return { ok: false, reason: 'bad-version', detail: `version ${buf[4]}` };
  const link = linkById[buf[5]!];
  if (!link) return { ok: false, reason: 'malformed', detail: 'link id' };

  const reader = new Reader(buf, 6, buf.length - TAG_BYTES);
  const cluster = reader.str();
  const sender = reader.str();
  const incarnation = reader.str();
  const startedAt = reader.u48();
  const seq = reader.u48();
  const sentAt = reader.u48();
  const bodyLength = reader.u16();
  if (cluster === undefined || sender === undefined || incarnation === undefined || bodyLength === undefined) {
    return { ok: false, reason: 'truncated' };
  }
  if (startedAt === undefined || seq === undefined || sentAt === undefined) return { ok: false, reason: 'truncated' };
  if (reader.remaining() < bodyLength) return { ok: false, reason: 'truncated' };
  if (reader.remaining() > bodyLength) return { ok: false, reason: 'malformed', detail: 'trailing bytes' };

  // Cluster and sender are read before the tag is checked: they only choose the reason a
  // datagram is dropped (a neighbour cluster on our port is worth telling apart from forgery).
  if (cluster !== ctx.cluster) return { ok: false, reason: 'wrong-cluster', detail: cluster };
  if (!ctx.peers.has(sender)) return { ok: false, reason: 'unknown-sender', detail: sender };

  const signedEnd = buf.length - TAG_BYTES;
  const expected = tag(ctx.key, buf.subarray(0, signedEnd));
  if (!timingSafeEqual(expected, buf.subarray(signedEnd))) return { ok: false, reason: 'bad-tag' };

  const bodyStart = reader.offset;
  let parsed: unknown;
  try {
    parsed = JSON.parse(buf.toString('utf8', bodyStart, bodyStart + bodyLength));
  } catch {
    return { ok: false, reason: 'malformed', detail: 'body is not JSON' };
  }
  const summary = toSummary(parsed);
  if (!summary) return { ok: false, reason: 'malformed', detail: 'body is not a node summary' };
  if (summary.node !== sender || summary.incarnation !== incarnation) {
    return { ok: false, reason: 'malformed', detail: 'body disagrees with the header' };
  }
  return { ok: true, header: { cluster, link, sender, incarnation, startedAt, seq, sentAt }, summary };
}

const groupName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/** An automatic lock's reason, as the core names them: failover-limit, standby-public-down, … */
const lockReason = /^[a-z][a-z-]{0,39}$/;
const phases: ReadonlySet<GroupPhase> = new Set(['stopped', 'starting', 'active', 'stopping', 'failed']);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Rebuilds a NodeSummary field by field from signed JSON: no extra keys, no prototype tricks. */
function toSummary(v: unknown): NodeSummary | undefined {
  if (!isObj(v) || !isObj(v.health) || !isObj(v.groups)) return undefined;
  const { node, incarnation, seq, configGeneration, configHash, standby, maintenance } = v;
  const { publicOk, storageOk } = v.health;
  if (typeof node !== 'string' || typeof incarnation !== 'string' || typeof configHash !== 'string') return undefined;
  if (!isCount(seq) || !isCount(configGeneration)) return undefined;
  if (typeof publicOk !== 'boolean' || !(typeof storageOk === 'boolean' || storageOk === null)) return undefined;
  if (typeof standby !== 'boolean' || typeof maintenance !== 'boolean') return undefined;
  const groups: Array<[string, GroupClaim]> = [];
  for (const [name, claim] of Object.entries(v.groups)) {
    if (!groupName.test(name) || !isObj(claim)) return undefined;
    if (typeof claim.phase !== 'string' || !phases.has(claim.phase as GroupPhase) || !isCount(claim.epoch)) return undefined;
    groups.push([name, { phase: claim.phase as GroupPhase, epoch: claim.epoch }]);
  }
  const summary: NodeSummary = {
    node,
    incarnation,
    seq,
    configGeneration,
    configHash,
    health: { publicOk, storageOk },
    standby,
    maintenance,
    groups: Object.fromEntries(groups),
  };
  // The handover handshake and the lease (src/core/decide.ts), and the operator intents: optional,
  // but when present they must be well formed, or the whole datagram is malformed.
  for (const field of ['wants', 'grants'] as const) {
    if (v[field] === undefined) continue;
    const epochs = toEpochs(v[field]);
    if (!epochs) return undefined;
    summary[field] = epochs;
  }
  if (v.autoLocks !== undefined) {
    if (!isObj(v.autoLocks)) return undefined;
    const locks = Object.entries(v.autoLocks);
    if (!locks.every(([name, why]) => groupName.test(name) && typeof why === 'string' && lockReason.test(why))) return undefined;
    summary.autoLocks = Object.fromEntries(locks as Array<[string, string]>);
  }
  if (v.heard !== undefined) {
    if (v.heard === null) summary.heard = null;
    else if (isObj(v.heard) && typeof v.heard.incarnation === 'string' && isCount(v.heard.seq)) summary.heard = { incarnation: v.heard.incarnation, seq: v.heard.seq };
    else return undefined;
  }
  if (v.intents !== undefined) {
    const intents = toIntents(v.intents);
    if (!intents) return undefined;
    (summary as NodeSummary & { intents?: ClusterIntents }).intents = intents;
  }
  return summary;
}

function toEpochs(v: unknown): Record<string, number> | undefined {
  if (!isObj(v)) return undefined;
  const out: Array<[string, number]> = [];
  for (const [name, epoch] of Object.entries(v)) {
    if (!groupName.test(name) || !isCount(epoch)) return undefined;
    out.push([name, epoch]);
  }
  return Object.fromEntries(out);
}

const isStamp = (v: unknown): v is Record<string, unknown> & { by: string; at: string } => isObj(v) && typeof v.by === 'string' && typeof v.at === 'string';

/** Rebuilds the operator intents (src/core/intents.ts) key by key, dropping nothing silently. */
function toIntents(v: unknown): ClusterIntents | undefined {
  if (!isObj(v) || !isCount(v.rev) || typeof v.origin !== 'string') return undefined;
  if (!isObj(v.locks) || !isObj(v.moves) || !isObj(v.standby)) return undefined;
  if (!(v.maintenance === null || isStamp(v.maintenance))) return undefined;
  const stamp = (x: { by: string; at: string }) => ({ by: x.by, at: x.at });
  const locks: ClusterIntents['locks'] = {};
  for (const [g, l] of Object.entries(v.locks)) {
    if (!groupName.test(g) || !isStamp(l) || !(l.reason === undefined || typeof l.reason === 'string')) return undefined;
    locks[g] = { ...stamp(l), ...(typeof l.reason === 'string' ? { reason: l.reason } : {}) };
  }
  const moves: ClusterIntents['moves'] = {};
  for (const [g, m] of Object.entries(v.moves)) {
    if (!groupName.test(g) || !isStamp(m) || typeof m.to !== 'string' || typeof m.pin !== 'boolean') return undefined;
    moves[g] = { ...stamp(m), to: m.to, pin: m.pin };
  }
  const standby: ClusterIntents['standby'] = {};
  for (const [n, st] of Object.entries(v.standby)) {
    if (!groupName.test(n) || !isStamp(st)) return undefined;
    standby[n] = stamp(st);
  }
  return { rev: v.rev, origin: v.origin, locks, moves, standby, maintenance: v.maintenance === null ? null : stamp(v.maintenance) };
}

function tag(key: Buffer, data: Buffer): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

const u8 = (n: number) => Buffer.from([n]);
function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
function u48(n: number): Buffer {
  if (!Number.isSafeInteger(n) || n < 0 || n > U48_MAX) throw new RosehaError('RHA-E2403', `heartbeat field out of range: ${n}`);
  const b = Buffer.alloc(6);
  b.writeUIntBE(n, 0, 6);
  return b;
}
function str(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  if (b.length > 255) throw new RosehaError('RHA-E2403', `heartbeat field longer than 255 bytes: ${s.slice(0, 40)}…`);
  return Buffer.concat([u8(b.length), b]);
}

/** Bounds-checked reads: undefined means the datagram ended early. */
class Reader {
  constructor(
    private readonly buf: Buffer,
    public offset: number,
    private readonly end: number,
  ) {}
  remaining(): number {
    return this.end - this.offset;
  }
  str(): string | undefined {
    if (this.remaining() < 1) return undefined;
    const len = this.buf[this.offset]!;
    if (this.remaining() < 1 + len) return undefined;
    const s = this.buf.toString('utf8', this.offset + 1, this.offset + 1 + len);
    this.offset += 1 + len;
    return s;
  }
  u48(): number | undefined {
    if (this.remaining() < 6) return undefined;
    const n = this.buf.readUIntBE(this.offset, 6);
    this.offset += 6;
    return n;
  }
  u16(): number | undefined {
    if (this.remaining() < 2) return undefined;
    const n = this.buf.readUInt16BE(this.offset);
    this.offset += 2;
    return n;
  }
}

/** A fresh incarnation id for a worker start: random, so two starts never share one. */
export function newIncarnation(): string {
  return randomBytes(8).toString('hex');
}
