// When the disk link counts as heard.
//
// Each beat (one incarnation, one seq) goes out on the networks first and is then written to the
// peer's disk slot (links.send: the UDP sends, then the slot write). A slot carrying a beat that a
// network already brought proves the peer alive when that network beat arrived, not merely when we
// happened to read the slot. Crediting the read time made the disk link outlive the networks by the
// read's delay after every last beat, and a power loss was declared that much later.
// Never later than the read (what we saw), never earlier than the same beat's network arrival; a
// beat no network brought (a partition) counts from its read, as before.

export interface BeatId {
  incarnation: string;
  seq: number;
}

/** The recent beats heard on a network: seq -> first arrival, for the peer's latest incarnation. */
export interface NetworkBeats {
  incarnation: string | null;
  firstHeardAt: ReadonlyMap<number, number>;
}

export const noNetworkBeats: NetworkBeats = { incarnation: null, firstHeardAt: new Map() };

/** Beats remembered: a slot read lags its network beat by a fraction of a heartbeat, a few at most. */
const KEEP_BEATS = 16;

export function networkBeatHeard(beats: NetworkBeats, beat: BeatId, at: number): NetworkBeats {
  const same = beats.incarnation === beat.incarnation;
  if (same && beats.firstHeardAt.has(beat.seq)) return beats;
  const firstHeardAt = new Map(same ? beats.firstHeardAt : []);
  firstHeardAt.set(beat.seq, at);
  for (const seq of firstHeardAt.keys()) {
    if (firstHeardAt.size <= KEEP_BEATS) break;
    firstHeardAt.delete(seq);
  }
  return { incarnation: beat.incarnation, firstHeardAt };
}

export function diskHeardAt(beats: NetworkBeats, beat: BeatId, readAt: number): number {
  if (beats.incarnation !== beat.incarnation) return readAt;
  const onNetwork = beats.firstHeardAt.get(beat.seq);
  return onNetwork === undefined ? readAt : Math.min(readAt, onNetwork);
}
