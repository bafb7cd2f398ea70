import { describe, expect, it } from 'vitest';
import { diskHeardAt, networkBeatHeard, noNetworkBeats, type BeatId, type NetworkBeats } from '../../src/core/disk-credit.js';

const beat = (seq: number, incarnation = 'inc-1'): BeatId => ({ incarnation, seq });
/** Network beats 1..n of inc-1, beat k arriving at 100·k ms. */
function heard(n: number): NetworkBeats {
  let beats = noNetworkBeats;
  for (let k = 1; k <= n; k++) beats = networkBeatHeard(beats, beat(k), 100 * k);
  return beats;
}

// Each row: the rule, the network beats heard, the slot's beat, when it was read, when the disk counts as heard.
const rules: Array<{ rule: string; beats: NetworkBeats; slot: BeatId; readAt: number; heardAt: number }> = [
  { rule: 'a slot holding the latest network beat counts from that beat\'s arrival', beats: heard(3), slot: beat(3), readAt: 305, heardAt: 300 },
  { rule: 'a slot read late (the next tick) still counts from its beat\'s arrival', beats: heard(4), slot: beat(3), readAt: 401, heardAt: 300 },
  { rule: 'a beat no network brought (partition) counts from the read', beats: heard(3), slot: beat(4), readAt: 390, heardAt: 390 },
  { rule: 'nothing heard on the networks: the read', beats: noNetworkBeats, slot: beat(1), readAt: 50, heardAt: 50 },
  { rule: 'a restarted peer (other incarnation) counts from the read', beats: heard(3), slot: beat(3, 'inc-2'), readAt: 305, heardAt: 305 },
  { rule: 'never later than the read (a network beat logged after the read)', beats: heard(3), slot: beat(3), readAt: 250, heardAt: 250 },
  { rule: 'a beat too old to be remembered counts from the read', beats: heard(40), slot: beat(2), readAt: 4005, heardAt: 4005 },
];

describe('when the disk link counts as heard', () => {
  it.each(rules)('$rule', ({ beats, slot, readAt, heardAt }) => {
    expect(diskHeardAt(beats, slot, readAt)).toBe(heardAt);
  });

  it('keeps the first arrival of a beat heard on both networks', () => {
    const beats = networkBeatHeard(networkBeatHeard(noNetworkBeats, beat(1), 100), beat(1), 103);
    expect(diskHeardAt(beats, beat(1), 110)).toBe(100);
  });

  it('forgets the old incarnation when the peer restarts', () => {
    const beats = networkBeatHeard(heard(3), beat(1, 'inc-2'), 900);
    expect(beats.firstHeardAt.size).toBe(1);
    expect(diskHeardAt(beats, beat(3), 950)).toBe(950);
  });
});
