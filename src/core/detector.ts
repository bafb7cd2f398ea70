// Per-link failure detection and the peer's liveness, as data (Pacemaker's controld_matrix,
// keepalived's named states): two transition tables and a pure step(state, event, now).
//
// A link is `down` when no valid heartbeat came on it for `deadAfterMs` of the monotonic clock
// (a link that was never heard starts the count when it is configured: a booting node waits one
// `deadAfterMs` before it calls the peer silent). The peer is `dead` only when it is silent on every
// configured link. The caller validates datagrams (HMAC, replay, and for the disk a counter that moved);
// the detector only counts what it is told is valid.
//
// A tick that comes more than `deadAfterMs / 2` after the previous one means this process was not
// running (SIGSTOP, a VM pause, a long GC): heartbeats that arrived meanwhile sit unread in the socket,
// so silence measured across the gap says nothing about the peer. Such a tick restarts every
// silence count instead of expiring links; the decision core treats the same gap as a pause.
import type { LinkName } from './types.js';
import { linkNames } from './types.js';

/** unconfigured: not in the config; waiting: configured, never heard; up; down: silent past the deadline. */
export type LinkState = 'unconfigured' | 'waiting' | 'up' | 'down';
/** unknown: no link heard yet and none expired; alive: some link up; dead: silent on every configured link. */
export type PeerState = 'unknown' | 'alive' | 'dead';

export const linkStates: readonly LinkState[] = ['unconfigured', 'waiting', 'up', 'down'];
export const peerStates: readonly PeerState[] = ['unknown', 'alive', 'dead'];

export type DetectorEvent =
  | { type: 'heartbeat-received'; link: LinkName; at: number }
  | { type: 'tick'; now: number }
  | { type: 'link-configured'; link: LinkName }
  | { type: 'link-unconfigured'; link: LinkName };

export type DetectorEffect =
  | { type: 'link-up'; link: LinkName; at: number }
  | { type: 'link-down'; link: LinkName; at: number; silentForMs: number }
  | { type: 'peer-alive'; at: number }
  | { type: 'peer-dead'; at: number }
  /** The gap since the previous tick was too long to trust silence: every count restarted. */
  | { type: 'pause-detected'; at: number; gapMs: number };

export interface LinkRecord {
  state: LinkState;
  /** Monotonic ms of the last valid heartbeat on this link; null when never heard. */
  lastHeardAt: number | null;
  /** Where the silence count starts: the last heartbeat, or when the link was configured / the process woke. */
  silentSince: number;
}

export interface DetectorState {
  deadAfterMs: number;
  links: Record<LinkName, LinkRecord>;
  peer: PeerState;
  /** Monotonic ms of the previous tick, to spot a pause of this process. */
  lastTickAt: number | null;
}

/** The per-link inputs the events turn into: the rows of the link table. */
export type LinkInput = 'configured' | 'unconfigured' | 'heard' | 'expired';
export const linkInputs: readonly LinkInput[] = ['configured', 'unconfigured', 'heard', 'expired'];

/** linkTable[input][state] = next state. `expired` is only fed for a link whose silence passed the deadline. */
export const linkTable: Readonly<Record<LinkInput, Readonly<Record<LinkState, LinkState>>>> = {
  configured: { unconfigured: 'waiting', waiting: 'waiting', up: 'up', down: 'down' },
  unconfigured: { unconfigured: 'unconfigured', waiting: 'unconfigured', up: 'unconfigured', down: 'unconfigured' },
  // A heartbeat on a link that is not configured is ignored: the config is what says which links exist.
  heard: { unconfigured: 'unconfigured', waiting: 'up', up: 'up', down: 'up' },
  expired: { unconfigured: 'unconfigured', waiting: 'down', up: 'down', down: 'down' },
};

/** What the configured links say, summarised: the rows of the peer table. */
export type PeerInput = 'some-up' | 'none-up-some-waiting' | 'all-down';
export const peerInputs: readonly PeerInput[] = ['some-up', 'none-up-some-waiting', 'all-down'];

/**
 * peerTable[input][state] = next state. No configured link at all counts as all-down (nothing can
 * vouch for the peer). A link that is still waiting keeps an unknown peer unknown, but does not
 * revive a dead one: only a heartbeat does.
 */
export const peerTable: Readonly<Record<PeerInput, Readonly<Record<PeerState, PeerState>>>> = {
  'some-up': { unknown: 'alive', alive: 'alive', dead: 'alive' },
  'none-up-some-waiting': { unknown: 'unknown', alive: 'unknown', dead: 'dead' },
  'all-down': { unknown: 'dead', alive: 'dead', dead: 'dead' },
};

export function initialDetector(deadAfterMs: number, configured: readonly LinkName[], now: number): DetectorState {
  const links = {} as Record<LinkName, LinkRecord>;
  for (const link of linkNames) {
    links[link] = { state: configured.includes(link) ? 'waiting' : 'unconfigured', lastHeardAt: null, silentSince: now };
  }
  return { deadAfterMs, links, peer: 'unknown', lastTickAt: now };
}

function classifyPeer(links: Record<LinkName, LinkRecord>): PeerInput {
  const states = linkNames.map((l) => links[l].state);
  if (states.includes('up')) return 'some-up';
  if (states.includes('waiting')) return 'none-up-some-waiting';
  return 'all-down';
}

/** Pure: the next detector state and what changed. `now` is the monotonic clock of the caller. */
export function step(state: DetectorState, event: DetectorEvent, now: number): { state: DetectorState; effects: DetectorEffect[] } {
  const effects: DetectorEffect[] = [];
  const links = { ...state.links } as Record<LinkName, LinkRecord>;
  const apply = (link: LinkName, input: LinkInput, patch: Partial<LinkRecord> = {}): void => {
    const before = links[link];
    const next = linkTable[input][before.state];
    links[link] = { ...before, ...patch, state: next };
    if (next === before.state) return;
    if (next === 'up') effects.push({ type: 'link-up', link, at: now });
    if (next === 'down') effects.push({ type: 'link-down', link, at: now, silentForMs: now - before.silentSince });
  };

  switch (event.type) {
    case 'link-configured':
      // A newly configured link gets a full deadline before it can be called silent.
      apply(event.link, 'configured', links[event.link].state === 'unconfigured' ? { silentSince: now } : {});
      break;
    case 'link-unconfigured':
      apply(event.link, 'unconfigured');
      break;
    case 'heartbeat-received':
      // A beat credited earlier than the link's silence began (a disk slot credited at its network
      // arrival, after a pause reset) never moves it back.
      if (links[event.link].state !== 'unconfigured') {
        const at = Math.max(event.at, links[event.link].silentSince);
        apply(event.link, 'heard', { lastHeardAt: at, silentSince: at });
      }
      break;
    case 'tick': {
      const gap = state.lastTickAt === null ? 0 : event.now - state.lastTickAt;
      if (gap > state.deadAfterMs / 2) {
        effects.push({ type: 'pause-detected', at: event.now, gapMs: gap });
        for (const link of linkNames) links[link] = { ...links[link], silentSince: event.now };
        break;
      }
      for (const link of linkNames) {
        const rec = links[link];
        if (rec.state !== 'unconfigured' && event.now - rec.silentSince >= state.deadAfterMs) apply(link, 'expired');
      }
      break;
    }
  }

  const peer = peerTable[classifyPeer(links)][state.peer];
  if (peer !== state.peer) {
    if (peer === 'alive') effects.push({ type: 'peer-alive', at: now });
    if (peer === 'dead') effects.push({ type: 'peer-dead', at: now });
  }
  return { state: { ...state, links, peer, lastTickAt: event.type === 'tick' ? event.now : state.lastTickAt }, effects };
}

/** The per-link view decide() takes (DecisionInput.links). */
export interface LinkView {
  configured: boolean;
  up: boolean;
  lastHeardAt: number | null;
}

export function linkViews(state: DetectorState): Record<LinkName, LinkView> {
  const out = {} as Record<LinkName, LinkView>;
  for (const link of linkNames) {
    const rec = state.links[link];
    out[link] = { configured: rec.state !== 'unconfigured', up: rec.state === 'up', lastHeardAt: rec.lastHeardAt };
  }
  return out;
}
