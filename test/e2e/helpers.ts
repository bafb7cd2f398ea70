// Shared by the end-to-end fault tests: one lab per test file (its own prefix), roseha on both
// nodes, and the one assertion every test makes: the split-brain checker saw no overlap.
import { expect } from 'vitest';
import { createExecaRunner } from '../../src/platform/execa-runner.js';
import { Lab, labUnavailableReason } from '../../src/lab/lab.js';
import { LabRoseha } from '../../src/lab/roseha.js';
import { monotonicMs } from '../../src/lab/exec.js';
import type { CheckerReport } from '../../src/lab/checker.js';
import type { TimingProfile } from '../../src/config/timing.js';
import type { LabNodeName } from '../../src/lab/names.js';

export const runner = createExecaRunner();

/** Why these tests cannot run here (printed, never silent), or undefined. CI runs them as root. */
export async function e2eUnavailable(file: string): Promise<string | undefined> {
  const why = await labUnavailableReason(runner);
  if (why) console.warn(`${file} skipped: ${why}`);
  return why;
}

export interface E2eLab {
  lab: Lab;
  roseha: LabRoseha;
}

/** A lab with both agents started (node-a first, so that it runs the group) and settled. */
export async function upWithRoseha(prefix: string, timing: TimingProfile = 'balanced'): Promise<E2eLab> {
  const lab = await Lab.up({ prefix, timing });
  try {
    const roseha = new LabRoseha(lab);
    await roseha.start('node-a');
    await roseha.waitStatus('node-a', 'web active on node-a', (s) => s.groups[0]?.activeNode === 'node-a', 30_000);
    await roseha.start('node-b');
    await roseha.waitSettled(30_000);
    await lab.prober.waitForAnswer(10_000, 'node-a');
    return { lab, roseha };
  } catch (err) {
    await lab.down();
    throw err;
  }
}

/** Every test's last word: no sample in which both nodes held the VIP or had the volume mounted. */
export async function expectNoOverlap(lab: Lab, window: { from?: number; to?: number } = {}): Promise<CheckerReport> {
  const r = await lab.checker.report(window);
  const summary = { overlapMs: r.overlapMs, volumeOverlapMs: r.volumeOverlapMs, intervals: r.intervals, samples: r.sampleCount, maxGapMs: r.maxGapMs };
  expect(r.overlapSamples, `split-brain samples: ${JSON.stringify(summary)}`).toEqual([]);
  expect(r.overlapMs).toBe(0);
  expect(r.volumeOverlapMs).toBe(0);
  // The check must have been a real one: both nodes sampled, finely.
  for (const node of ['node-a', 'node-b']) {
    expect(r.sampleCount[node] ?? 0).toBeGreaterThan(10);
  }
  return r;
}

/** Brings a node back to a clean standby after a test that took it apart, and waits until all is settled. */
export async function restartNode(e: E2eLab, node: LabNodeName): Promise<LabNodeName> {
  await e.roseha.wipe(node);
  await e.roseha.start(node);
  return e.roseha.waitSettled(30_000);
}

export const now = monotonicMs;
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
