// Live UDP links on loopback (127.0.0.x): two nodes exchange heartbeats, then a flood of random,
// forged and replayed datagrams hits one of them.
import { afterEach, describe, expect, it } from 'vitest';
import { createSocket } from 'node:dgram';
import { randomBytes, randomInt } from 'node:crypto';
import { decodeDatagram, encodeDatagram, type DropReason } from '../../../src/agent/links/codec.js';
import { UdpLink } from '../../../src/agent/links/udp.js';
import type { HeartbeatEvent } from '../../../src/agent/links/types.js';
import { ctxA, ctxB, key, otherKey, summary } from './helpers.js';

const links: UdpLink[] = [];
afterEach(async () => {
  await Promise.all(links.splice(0).map((l) => l.stop()));
});

const STARTED_A = 1_700_000_000_000;

async function pair(port: number) {
  const a = new UdpLink({ link: 'private', codec: ctxA, bindAddress: '127.0.0.11', bindPort: port, peerAddress: '127.0.0.12', peerPort: port, startedAt: STARTED_A, replay: { supersedeAfterMs: 500 } });
  const b = new UdpLink({ link: 'private', codec: ctxB, bindAddress: '127.0.0.12', bindPort: port, peerAddress: '127.0.0.11', peerPort: port, startedAt: STARTED_A + 5, replay: { supersedeAfterMs: 500 } });
  links.push(a, b);
  await a.start();
  await b.start();
  return { a, b };
}

const randomPort = () => randomInt(20_000, 60_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(5);
  }
}

describe('UDP link', () => {
  it('two links on 127.0.0.x exchange summaries', async () => {
    const { a, b } = await pair(randomPort());
    const heardByB: HeartbeatEvent[] = [];
    const heardByA: HeartbeatEvent[] = [];
    b.on('heartbeat', (e) => heardByB.push(e));
    a.on('heartbeat', (e) => heardByA.push(e));
    for (let i = 1; i <= 5; i++) {
      a.send(summary('node-a', { seq: i }));
      b.send(summary('node-b', { seq: i }));
      await sleep(10);
    }
    await until(() => heardByB.length === 5 && heardByA.length === 5);
    expect(heardByB.map((e) => e.summary.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(heardByB[0]).toMatchObject({ link: 'private', summary: summary('node-a', { seq: 1 }), header: { seq: 1, startedAt: STARTED_A } });
    expect(heardByA[4]!.summary.node).toBe('node-b');
    expect(heardByB[4]!.receivedAt).toBeGreaterThan(heardByB[0]!.receivedAt);
    expect(b.counters()).toMatchObject({ received: 5, accepted: 5, sent: 5 });
    expect(b.counters().lastHeardAt).toBe(heardByB[4]!.receivedAt);
  });

  it('refuses to bind an address twice with RHA-E2404', async () => {
    const port = randomPort();
    await pair(port);
    const dup = new UdpLink({ link: 'private', codec: ctxA, bindAddress: '127.0.0.11', bindPort: port, peerAddress: '127.0.0.12', peerPort: port, startedAt: 1, replay: { supersedeAfterMs: 500 } });
    await expect(dup.start()).rejects.toMatchObject({ code: 'RHA-E2404' });
  });

  it('survives 10 000 random, forged and replayed datagrams, keeps accepting and counts every drop by reason', async () => {
    const port = randomPort();
    const { a, b } = await pair(port);
    const accepted: number[] = [];
    b.on('heartbeat', (e) => accepted.push(e.header.seq));

    // The real peer keeps beating during the whole flood.
    let beat = 0;
    const beats = setInterval(() => a.send(summary('node-a', { seq: ++beat })), 20);
    try {
      await until(() => accepted.length >= 3);

      const s = summary('node-a');
      const make: Array<() => Buffer> = [
        () => randomBytes(randomInt(0, 1600)),
        () => Buffer.concat([Buffer.from('RHHB\x01\x00'), randomBytes(randomInt(0, 600))]),
        () => encodeDatagram({ key: otherKey, cluster: 'erp' }, { summary: s, link: 'private', startedAt: STARTED_A, seq: 1e9 + randomInt(1e6), sentAt: 1 }),
        () => encodeDatagram({ key, cluster: 'other' }, { summary: s, link: 'private', startedAt: STARTED_A, seq: 1e9, sentAt: 1 }),
        () => encodeDatagram(ctxA, { summary: summary('mallory'), link: 'private', startedAt: STARTED_A, seq: 1e9, sentAt: 1 }),
        // Replays of node-a's own earlier datagrams (same incarnation, old sequence numbers).
        () => encodeDatagram(ctxA, { summary: s, link: 'private', startedAt: STARTED_A, seq: randomInt(1, 3), sentAt: 1 }),
        // A datagram from an older incarnation (restarted before), and one signed for the public link.
        () => encodeDatagram(ctxA, { summary: s, link: 'private', startedAt: STARTED_A - 60_000, seq: 1e9, sentAt: 1 }),
        () => encodeDatagram(ctxA, { summary: s, link: 'public', startedAt: STARTED_A, seq: 1e9, sentAt: 1 }),
        () => {
          const d = encodeDatagram(ctxA, { summary: s, link: 'private', startedAt: STARTED_A, seq: 1e9, sentAt: 1 });
          const i = randomInt(0, d.length * 8);
          d[i >> 3]! ^= 1 << (i & 7);
          return d;
        },
        () => encodeDatagram(ctxA, { summary: s, link: 'private', startedAt: STARTED_A, seq: 1e9, sentAt: 1 }).subarray(0, randomInt(0, 200)),
        () => randomBytes(randomInt(1401, 4000)),
      ];

      const expected: Record<string, number> = {};
      const attacker = createSocket('udp4');
      await new Promise<void>((r) => attacker.bind(0, '127.0.0.99', r));
      const TOTAL = 10_000;
      const BATCH = 25;
      const before = b.counters();
      for (let sent = 0; sent < TOTAL; sent += BATCH) {
        const startReceived = b.counters().received;
        const startAccepted = b.counters().accepted;
        for (let i = 0; i < BATCH; i++) {
          const data = make[randomInt(make.length)]!();
          // The reason each datagram must be dropped for, as the decoder and the link see it.
          const r = decodeDatagram(ctxB, data);
          // A datagram that decodes is either signed for the other link or replays an old sequence or incarnation.
          const reason: DropReason = r.ok ? 'replayed' : r.reason;
          expected[reason] = (expected[reason] ?? 0) + 1;
          attacker.send(data, port, '127.0.0.12');
        }
        // Pace the flood so the kernel's receive buffer never overflows: every datagram must arrive to be counted.
        await until(() => b.counters().received - startReceived - (b.counters().accepted - startAccepted) >= BATCH, 5000);
      }
      attacker.close();

      const after = b.counters();
      const dropped: Record<string, number> = Object.fromEntries(Object.entries(after.dropped).map(([k, v]) => [k, v - before.dropped[k as DropReason]]).filter(([, v]) => v !== 0));
      expect(dropped).toEqual(expected);
      expect(Object.values(dropped).reduce((x, y) => x + y, 0)).toBe(TOTAL);
      for (const reason of ['truncated', 'bad-magic', 'bad-tag', 'wrong-cluster', 'unknown-sender', 'replayed', 'malformed'] as const) {
        expect(dropped[reason] ?? 0, `${reason}: ${JSON.stringify(dropped)}`).toBeGreaterThan(0);
      }
      expect(after.received).toBe(after.accepted + Object.values(after.dropped).reduce((x, y) => x + y, 0));

      // Still up and still taking the real peer's heartbeats, in order, none of them lost to the flood's replays.
      const n = accepted.length;
      await until(() => accepted.length >= n + 5);
      expect(accepted).toEqual([...accepted].sort((x, y) => x - y));
      expect(new Set(accepted).size).toBe(accepted.length);
    } finally {
      clearInterval(beats);
    }
  }, 60_000);
});
