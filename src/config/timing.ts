// Named timing profiles (DESIGN.md "Lessons from the peers"): heartbeat interval × beats missed.
export const timingProfiles = {
  fast: { heartbeat_ms: 100, dead_after_ms: 300 },
  balanced: { heartbeat_ms: 200, dead_after_ms: 1000 },
  safe: { heartbeat_ms: 1000, dead_after_ms: 10_000 },
} as const;
export type TimingProfile = keyof typeof timingProfiles;
export const defaultTimingProfile: TimingProfile = 'balanced';

export const timingLimits = {
  heartbeat_ms: { min: 50, max: 5000 },
  dead_after_ms: { min: 150, max: 60_000 },
  /** dead_after_ms below this many heartbeats turns one lost datagram into a false failover. */
  minBeatsPerDeadline: 3,
} as const;
