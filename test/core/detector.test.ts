import { describe, expect, it } from 'vitest';
import {
  initialDetector,
  linkStates,
  linkViews,
  peerStates,
  step,
  type DetectorEvent,
  type DetectorState,
  type LinkState,
  type PeerState,
} from '../../src/core/detector.js';

const DEAD = 1000;

/** A detector whose private link is in `link` state, the other links unconfigured, the peer in `peer` state. */
function stateWith(link: LinkState, peer: PeerState, at = 10_000): DetectorState {
  const s = initialDetector(DEAD, [], at);
  const heard = link === 'up' || link === 'down';
  s.links.private = { state: link, lastHeardAt: heard ? at - 100 : null, silentSince: at - 100 };
  return { ...s, peer };
}

// Every link state × every event kind, with the expected next link state and effects.
// Events: a heartbeat on the link, a tick within the deadline, a tick past it, a paused tick,
// configure and unconfigure.
type EventCase = { name: string; event: (t: number) => DetectorEvent; now: (t: number) => number };
const events: EventCase[] = [
  { name: 'heartbeat', event: (t) => ({ type: 'heartbeat-received', link: 'private', at: t + 50 }), now: (t) => t + 50 },
  { name: 'tick-quiet', event: (t) => ({ type: 'tick', now: t + 200 }), now: (t) => t + 200 },
  { name: 'tick-expired', event: (t) => ({ type: 'tick', now: t + DEAD - 100 }), now: (t) => t + DEAD - 100 },
  { name: 'configure', event: () => ({ type: 'link-configured', link: 'private' }), now: (t) => t + 10 },
  { name: 'unconfigure', event: () => ({ type: 'link-unconfigured', link: 'private' }), now: (t) => t + 10 },
];

// expected[linkState][event] = next private link state
const expectedLink: Record<LinkState, Record<string, LinkState>> = {
  unconfigured: { heartbeat: 'unconfigured', 'tick-quiet': 'unconfigured', 'tick-expired': 'unconfigured', configure: 'waiting', unconfigure: 'unconfigured' },
  waiting: { heartbeat: 'up', 'tick-quiet': 'waiting', 'tick-expired': 'down', configure: 'waiting', unconfigure: 'unconfigured' },
  up: { heartbeat: 'up', 'tick-quiet': 'up', 'tick-expired': 'down', configure: 'up', unconfigure: 'unconfigured' },
  down: { heartbeat: 'up', 'tick-quiet': 'down', 'tick-expired': 'down', configure: 'down', unconfigure: 'unconfigured' },
};

// With only the private link possibly configured, the peer follows it.
function expectedPeer(link: LinkState, before: PeerState): PeerState {
  if (link === 'up') return 'alive';
  if (link === 'waiting') return before === 'dead' ? 'dead' : 'unknown';
  return 'dead'; // down or unconfigured: no configured link vouches for the peer
}

describe('detector: every link state × event', () => {
  const T = 10_000;
  for (const linkState of linkStates) {
    for (const peer of peerStates) {
      for (const ev of events) {
        it(`${linkState}/${peer} + ${ev.name}`, () => {
          const before = stateWith(linkState, peer, T);
          // Ticks must follow a recent tick, or they read as a pause.
          before.lastTickAt = ev.name === 'tick-expired' ? T + DEAD - 150 : T;
          const { state, effects } = step(before, ev.event(T), ev.now(T));
          const nextLink = expectedLink[linkState][ev.name]!;
          expect(state.links.private.state).toBe(nextLink);
          // The other links are untouched.
          expect(state.links.public).toEqual(before.links.public);
          expect(state.links.disk).toEqual(before.links.disk);
          const nextPeer = expectedPeer(nextLink, peer);
          expect(state.peer).toBe(nextPeer);

          const kinds = effects.map((e) => e.type);
          expect(kinds.includes('link-up')).toBe(nextLink === 'up' && linkState !== 'up');
          expect(kinds.includes('link-down')).toBe(nextLink === 'down' && linkState !== 'down');
          expect(kinds.includes('peer-alive')).toBe(nextPeer === 'alive' && peer !== 'alive');
          expect(kinds.includes('peer-dead')).toBe(nextPeer === 'dead' && peer !== 'dead');
          // The input is not mutated (pure).
          expect(before.links.private.state).toBe(linkState);
        });
      }
    }
  }
});

describe('detector: timing', () => {
  it('a booting node waits dead_after_ms before calling a never-heard peer dead', () => {
    let s = initialDetector(DEAD, ['private', 'public', 'disk'], 0);
    for (let t = 200; t < DEAD; t += 200) {
      s = step(s, { type: 'tick', now: t }, t).state;
      expect(s.peer).toBe('unknown');
    }
    const r = step(s, { type: 'tick', now: DEAD }, DEAD);
    expect(r.state.peer).toBe('dead');
    expect(r.effects.filter((e) => e.type === 'link-down')).toHaveLength(3);
  });

  it('the peer is dead only when silent on every configured link', () => {
    let s = initialDetector(DEAD, ['private', 'public', 'disk'], 0);
    for (const link of ['private', 'public', 'disk'] as const) s = step(s, { type: 'heartbeat-received', link, at: 100 }, 100).state;
    expect(s.peer).toBe('alive');
    // Disk keeps beating, the networks go silent.
    let lastDisk = 0;
    for (let t = 300; t <= 3000; t += 200) {
      lastDisk = t - 50;
      s = step(s, { type: 'heartbeat-received', link: 'disk', at: lastDisk }, lastDisk).state;
      s = step(s, { type: 'tick', now: t }, t).state;
    }
    expect(linkViews(s)).toMatchObject({ private: { up: false }, public: { up: false }, disk: { up: true } });
    expect(s.peer).toBe('alive');
    // Now the disk stops too: dead exactly dead_after_ms after its last heartbeat.
    let diedAt: number | null = null;
    for (let t = 3100; t <= 5000; t += 50) {
      const r = step(s, { type: 'tick', now: t }, t);
      s = r.state;
      if (r.effects.some((e) => e.type === 'peer-dead')) diedAt = t;
    }
    expect(diedAt).toBe(lastDisk + DEAD);
  });

  it('a tick after a long gap (this process was paused) restarts the silence counts instead of expiring', () => {
    let s = initialDetector(DEAD, ['private'], 0);
    s = step(s, { type: 'heartbeat-received', link: 'private', at: 100 }, 100).state;
    s = step(s, { type: 'tick', now: 200 }, 200).state;
    const r = step(s, { type: 'tick', now: 5000 }, 5000);
    expect(r.effects).toEqual([{ type: 'pause-detected', at: 5000, gapMs: 4800 }]);
    expect(r.state.peer).toBe('alive');
    // The queued heartbeat read right after waking keeps it alive; without it, dead one deadline later.
    const later = step(r.state, { type: 'tick', now: 5000 + DEAD }, 5000 + DEAD);
    expect(later.state.peer).toBe('alive'); // a 1000 ms gap is also a pause
    let t = 5000;
    s = r.state;
    while (t < 5000 + DEAD) {
      t += 200;
      s = step(s, { type: 'tick', now: t }, t).state;
    }
    expect(s.peer).toBe('dead');
  });
  it('a heartbeat credited before the silence began (a disk slot at its network arrival, after a pause) does not move it back', () => {
    let s = initialDetector(DEAD, ['disk'], 0);
    s = step(s, { type: 'heartbeat-received', link: 'disk', at: 100 }, 100).state;
    s = step(s, { type: 'tick', now: 200 }, 200).state;
    s = step(s, { type: 'tick', now: 5000 }, 5000).state; // a pause: silence restarts at 5000
    s = step(s, { type: 'heartbeat-received', link: 'disk', at: 4990 }, 5001).state;
    expect(s.links.disk.silentSince).toBe(5000);
    expect(step(s, { type: 'tick', now: 5000 + DEAD - 1 }, 5000 + DEAD - 1).state.peer).toBe('alive');
  });
});
