import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import {
  decodeDatagram,
  encodeDatagram,
  MAX_DATAGRAM_BYTES,
  MIN_DATAGRAM_BYTES,
  TAG_BYTES,
  checkKey,
  dropReasons,
  type EncodeInput,
} from '../../../src/agent/links/codec.js';
import { ctxA, ctxB, key, otherKey, summary } from './helpers.js';

const input = (over: Partial<EncodeInput> = {}): EncodeInput => ({
  summary: summary('node-a'),
  link: 'private',
  startedAt: 1_700_000_000_000,
  seq: 7,
  sentAt: 1_700_000_000_500,
  ...over,
});

/** Re-signs a tampered datagram with the right key, as a key holder (or a bug) would. */
function resign(buf: Buffer, k = key): Buffer {
  const body = buf.subarray(0, buf.length - TAG_BYTES);
  return Buffer.concat([body, createHmac('sha256', k).update(body).digest()]);
}

describe('heartbeat codec', () => {
  it('round-trips a summary with its header', () => {
    const s = summary('node-a', { health: { publicOk: false, storageOk: null }, groups: { erp: { phase: 'stopping', epoch: 9 }, web: { phase: 'stopped', epoch: 0 } } });
    const r = decodeDatagram(ctxB, encodeDatagram(ctxA, input({ summary: s, link: 'public' })));
    expect(r).toEqual({
      ok: true,
      summary: s,
      header: { cluster: 'erp', link: 'public', sender: 'node-a', incarnation: 'inc-node-a', startedAt: 1_700_000_000_000, seq: 7, sentAt: 1_700_000_000_500 },
    });
  });

  it('refuses a short key', () => {
    expect(() => checkKey(Buffer.from('short'))).toThrow(/RHA-E2401|at least 16/);
    expect(() => checkKey(key)).not.toThrow();
  });

  it('refuses to encode a summary larger than one datagram', () => {
    const groups = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`group-with-a-rather-long-name-${i}`, { phase: 'active' as const, epoch: i }]));
    expect(() => encodeDatagram(ctxA, input({ summary: summary('node-a', { groups }) }))).toThrow(expect.objectContaining({ code: 'RHA-E2402' }));
  });

  const good = encodeDatagram(ctxA, input());

  const rejects: Array<[string, Buffer, string]> = [
    ['empty', Buffer.alloc(0), 'truncated'],
    ['magic only', good.subarray(0, 4), 'truncated'],
    ['cut before the tag', good.subarray(0, good.length - TAG_BYTES), 'truncated'],
    ['cut in the middle', good.subarray(0, 30), 'truncated'],
    ['one byte short', good.subarray(0, good.length - 1), 'truncated'],
    ['other magic', Buffer.concat([Buffer.from('XXXX'), good.subarray(4)]), 'bad-magic'],
    ['other version', (() => { const b = Buffer.from(good); b[4] = 2; return b; })(), 'bad-version'],
    ['a flipped tag bit', (() => { const b = Buffer.from(good); b[b.length - 1]! ^= 1; return b; })(), 'bad-tag'],
    ['a flipped body bit', (() => { const b = Buffer.from(good); b[b.length - TAG_BYTES - 5]! ^= 4; return b; })(), 'bad-tag'],
    ['signed with another key', encodeDatagram({ key: otherKey, cluster: 'erp' }, input()), 'bad-tag'],
    ['from another cluster', encodeDatagram({ key, cluster: 'crm' }, input()), 'wrong-cluster'],
    ['from an unknown node', encodeDatagram(ctxA, input({ summary: summary('node-x') })), 'unknown-sender'],
    ['from ourselves (reflected)', encodeDatagram(ctxA, input({ summary: summary('node-b') })), 'unknown-sender'],
    ['oversized', Buffer.concat([good, Buffer.alloc(MAX_DATAGRAM_BYTES)]), 'malformed'],
    ['unknown link id', resign((() => { const b = Buffer.from(good); b[5] = 9; return b; })()), 'malformed'],
  ];
  it.each(rejects)('drops a datagram %s', (_name, data, reason) => {
    const r = decodeDatagram(ctxB, data);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe(reason);
  });

  it('drops a signed datagram whose body is not a node summary', () => {
    // Build a datagram by hand with a valid header and tag but a body that lies.
    const bad = (body: string) => {
      const b = Buffer.from(encodeDatagram(ctxA, input()));
      const s = summary('node-a');
      const json = Buffer.from(JSON.stringify(s));
      const headerEnd = b.length - TAG_BYTES - json.length;
      const header = Buffer.from(b.subarray(0, headerEnd));
      const nb = Buffer.from(body);
      header.writeUInt16BE(nb.length, headerEnd - 2);
      return resign(Buffer.concat([header, nb, Buffer.alloc(TAG_BYTES)]));
    };
    const s = summary('node-a');
    for (const body of [
      'not json',
      '[]',
      JSON.stringify({ ...s, seq: -1 }),
      JSON.stringify({ ...s, health: { publicOk: 'yes', storageOk: true } }),
      JSON.stringify({ ...s, groups: { erp: { phase: 'flying', epoch: 1 } } }),
      JSON.stringify({ ...s, groups: { '../x': { phase: 'active', epoch: 1 } } }),
      '{"__proto__":{"polluted":true},' + JSON.stringify(s).slice(1),
      JSON.stringify({ ...s, node: 'node-c' }),
      JSON.stringify({ ...s, incarnation: 'other' }),
    ]) {
      const r = decodeDatagram(ctxB, bad(body));
      // The prototype-pollution attempt parses into a valid summary without the extra key.
      if (body.includes('__proto__')) {
        expect(r.ok).toBe(true);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        continue;
      }
      expect(r, body).toMatchObject({ ok: false, reason: 'malformed' });
    }
  });

  it('lists every reason it can give', () => {
    expect(dropReasons).toHaveLength(9);
    expect(MIN_DATAGRAM_BYTES).toBeGreaterThan(TAG_BYTES);
  });
});

describe('decoder fuzz (fast-check)', () => {
  it('never throws on random bytes, and never accepts them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1600 }), (bytes) => {
        const r = decodeDatagram(ctxB, bytes);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on random bytes behind a valid magic and version', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1500 }), fc.integer({ min: 0, max: 3 }), (bytes, link) => {
        const data = Buffer.concat([Buffer.from('RHHB'), Buffer.from([1, link]), bytes]);
        expect(decodeDatagram(ctxB, data).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects every bit flip and truncation of a valid datagram', () => {
    const arbSummary = fc.record({
      seq: fc.nat(),
      configGeneration: fc.nat(),
      configHash: fc.string({ maxLength: 16 }),
      publicOk: fc.boolean(),
      storageOk: fc.constantFrom(true, false, null),
      groups: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), fc.record({ phase: fc.constantFrom('stopped', 'starting', 'active', 'stopping', 'failed' as const), epoch: fc.nat() }), { maxKeys: 5 }),
    });
    fc.assert(
      fc.property(arbSummary, fc.nat(), fc.nat(), fc.nat(), (s, bit, cut, seq) => {
        const sum = summary('node-a', { seq: s.seq, configGeneration: s.configGeneration, configHash: s.configHash, health: { publicOk: s.publicOk, storageOk: s.storageOk }, groups: s.groups });
        const data = encodeDatagram(ctxA, input({ summary: sum, seq }));
        const ok = decodeDatagram(ctxB, data);
        expect(ok).toMatchObject({ ok: true, summary: sum });
        const flipped = Buffer.from(data);
        const i = bit % (data.length * 8);
        flipped[i >> 3]! ^= 1 << (i & 7);
        expect(decodeDatagram(ctxB, flipped).ok).toBe(false);
        expect(decodeDatagram(ctxB, data.subarray(0, cut % data.length)).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('codec: handshake, lease and intents travel signed', () => {
  const ctx = { key: Buffer.alloc(32, 7), cluster: 'erp', peers: new Set(['node-a']) };
  const base = {
    node: 'node-a',
    incarnation: 'abc',
    seq: 3,
    configGeneration: 1,
    configHash: 'h',
    health: { publicOk: true, storageOk: null },
    standby: false,
    maintenance: false,
    groups: { erp: { phase: 'active' as const, epoch: 2 } },
  };
  const encode = (summary: Record<string, unknown>) =>
    encodeDatagram(ctx, { link: 'private', startedAt: 1000, seq: 1, sentAt: 2000, summary: summary as never });

  it('carries wants, grants, heard and the operator intents', () => {
    const intents = {
      rev: 4,
      origin: 'node-b',
      locks: { erp: { by: 'ops', at: 't', reason: 'patching' } },
      moves: { web: { by: 'ops', at: 't', to: 'node-b', pin: true } },
      standby: { 'node-b': { by: 'ops', at: 't' } },
      maintenance: null,
    };
    const full = { ...base, wants: { erp: 3 }, grants: { web: 5 }, autoLocks: { erp: 'standby-public-down' }, heard: { incarnation: 'zz', seq: 9 }, intents };
    const r = decodeDatagram(ctx, encode(full));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.summary).toEqual(full);
  });

  it('a malformed optional field makes the whole datagram malformed', () => {
    for (const bad of [{ wants: { erp: -1 } }, { grants: [] }, { autoLocks: { erp: 7 } }, { autoLocks: { erp: 'Rm -rf; <b>' } }, { autoLocks: ['erp'] }, { heard: { seq: 1 } }, { intents: { rev: 1, origin: 'x', locks: {}, moves: {}, standby: {}, maintenance: 'yes' } }]) {
      const r = decodeDatagram(ctx, encode({ ...base, ...bad }));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toBe('malformed');
    }
  });
});
