// One measured power-loss failover, the unit of the benchmark and of the end-to-end tests: wait for a
// steady state, cut the power of whichever node holds the VIP at a random point of the heartbeat
// cycle, and measure from the fault: when the peer holds the VIP, how long the client saw no answer,
// and how long both nodes held the VIP or the volume.
import { monotonicMs, sleep } from './exec.js';
import { peerOf, type LabNodeName } from './names.js';
import type { Lab } from './lab.js';
import type { Outage } from './prober.js';
import type { PowerLossResult } from './faults.js';

export interface FailoverMeasurement {
  victim: LabNodeName;
  peer: LabNodeName;
  /** Random delay after the steady state was seen, within one heartbeat/advert cycle. */
  delayMs: number;
  fault: PowerLossResult;
  /** From the fault to the first sample showing the VIP on the peer (on an UP interface). */
  vipOnPeerMs: number;
  /** The client's outage around the fault (from its first failed attempt to its next success). */
  outageMs: number;
  outage: Outage;
  /** Both nodes holding the VIP / the volume, from one cycle before the fault to the end of the measurement. */
  overlapMs: number;
  volumeOverlapMs: number;
  answeredBy: string;
}

export interface FailoverOptions {
  /** The agent's heartbeat/advert period: the fault falls at a random point within it. */
  cycleMs: number;
  /** Random number in [0, 1); Math.random by default. */
  random?: () => number;
  /** How long a takeover may take before the run fails. Default 30 s. */
  timeoutMs?: number;
  /** Extra time watched for overlap after the client is served again. Default 500 ms. */
  watchAfterMs?: number;
}

export async function measurePowerLossFailover(lab: Lab, opts: FailoverOptions): Promise<FailoverMeasurement> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const victim = await lab.checker.waitForSingleHolder(timeoutMs);
  await lab.prober.waitForAnswer(timeoutMs, victim);
  const peer = peerOf(victim);
  const delayMs = (opts.random ?? Math.random)() * opts.cycleMs;
  await sleep(delayMs);
  const fault = await lab.faults.powerLoss(victim);
  const vipAt = await lab.checker.waitForHolder(peer, timeoutMs, fault.t);
  const outage = await lab.prober.waitForOutageAfter(fault.t, timeoutMs);
  await sleep(opts.watchAfterMs ?? 500);
  const report = await lab.checker.report({ from: fault.t - opts.cycleMs, to: monotonicMs() });
  return {
    victim,
    peer,
    delayMs,
    fault,
    vipOnPeerMs: vipAt - fault.t,
    outageMs: outage.ms,
    outage,
    overlapMs: report.overlapMs,
    volumeOverlapMs: report.volumeOverlapMs,
    answeredBy: outage.after,
  };
}

export interface Stats {
  median: number;
  min: number;
  max: number;
}

export function stats(values: readonly number[]): Stats | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]! };
}
