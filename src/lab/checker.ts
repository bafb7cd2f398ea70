// The split-brain checker: one sampler process per node namespace (see helpers/sampler.mjs for how
// it sees the VIP and the mounts), their samples merged into one timeline on CLOCK_MONOTONIC.
// Any instant at which both nodes hold the VIP on an UP interface, or both have the volume mounted,
// is an overlap: `report().overlapMs` / `volumeOverlapMs` must be 0 for every roseha test.
import { join } from 'node:path';
import type { Runner } from '../platform/types.js';
import { JsonlTail } from './jsonl.js';
import { monotonicMs, waitFor } from './exec.js';
import { analyseOverlap, firstHolding, type NodeSample, type OverlapReport } from './overlap.js';
import { helperScript } from './paths.js';
import { labNodeNames, type LabNames, type LabNodeName } from './names.js';
import type { LabDisks } from './disk.js';

export interface CheckerReport extends OverlapReport {
  /** Samples per node, CLOCK_MONOTONIC ms. */
  samples: Record<LabNodeName, NodeSample[]>;
  from: number;
  to: number;
}

export interface Holders {
  vip: LabNodeName[];
  volume: LabNodeName[];
  /** Time of the older of the two latest samples. */
  t: number;
}

export class SplitBrainChecker {
  private readonly tails: Record<LabNodeName, JsonlTail<Record<string, unknown>>>;
  private readonly data: Record<LabNodeName, NodeSample[]> = { 'node-a': [], 'node-b': [] };
  private readonly pids: number[] = [];
  private startedAt = 0;
  private stoppedAt: number | undefined;

  constructor(
    private readonly runner: Runner,
    private readonly names: LabNames,
    private readonly disks: LabDisks,
    private readonly intervalMs = 5,
  ) {
    this.tails = {
      'node-a': new JsonlTail(this.outFile('node-a')),
      'node-b': new JsonlTail(this.outFile('node-b')),
    };
  }

  outFile(node: LabNodeName): string {
    return join(this.names.nodes[node].dir, 'samples.jsonl');
  }

  /** Pids of the samplers: observers, which a power loss of their node must spare. */
  observerPids(): number[] {
    return [...this.pids];
  }

  async start(): Promise<void> {
    this.startedAt = monotonicMs();
    for (const node of labNodeNames) {
      const n = this.names.nodes[node];
      const d = this.disks[node];
      const { pid } = await this.runner.spawnDetached({
        file: 'ip',
        args: ['netns', 'exec', n.netns, process.execPath, helperScript('sampler'), '--node', node, '--vip', this.names.vip,
          '--mount', n.mountPoint, '--device', d.dataDevice, '--interval', String(this.intervalMs), '--out', this.outFile(node)],
        logFile: join(n.dir, 'sampler.log'),
      });
      this.pids.push(pid);
    }
    await waitFor('the first sample from both nodes', async () => {
      await this.poll();
      return this.data['node-a'].length > 0 && this.data['node-b'].length > 0 ? true : undefined;
    }, 10_000);
  }

  /** Reads the samples written since the last call. */
  async poll(): Promise<void> {
    for (const node of labNodeNames) {
      for (const row of await this.tails[node].read()) {
        if (typeof row.t === 'number' && (row.v === 0 || row.v === 1)) this.data[node].push(row as unknown as NodeSample);
      }
    }
  }

  samples(node: LabNodeName): readonly NodeSample[] {
    return this.data[node];
  }

  /**
   * Who holds the VIP and the volume according to each node's first sample taken after this call:
   * a sampler that lags (a starved CPU) must not answer with what it saw before, and one that
   * stopped is an error, not a verdict.
   */
  async holders(freshWithinMs = 3000): Promise<Holders> {
    const asked = monotonicMs();
    const latest = (n: LabNodeName) => this.data[n][this.data[n].length - 1];
    const staleNodes = () => labNodeNames.filter((n) => (latest(n)?.t ?? -Infinity) < asked);
    await this.poll();
    for (let stale = staleNodes(); stale.length > 0; stale = staleNodes()) {
      if (monotonicMs() - asked > freshWithinMs) throw new Error(`split-brain checker: no sample from ${stale.join(', ')} for ${freshWithinMs} ms (its sampler stalled or is gone)`);
      await new Promise((r) => setTimeout(r, this.intervalMs));
      await this.poll();
    }
    const last = labNodeNames.map((n) => [n, latest(n)] as const);
    return {
      vip: last.filter(([, s]) => s?.v === 1).map(([n]) => n),
      volume: last.filter(([, s]) => s?.m === 1).map(([n]) => n),
      t: Math.min(...last.map(([, s]) => s?.t ?? 0)),
    };
  }

  /** Waits until `node` is sampled holding the VIP (or volume) at or after `from`; returns that sample's time. */
  async waitForHolder(node: LabNodeName, timeoutMs: number, from = monotonicMs(), what: 'vip' | 'volume' = 'vip'): Promise<number> {
    return waitFor(`${node} to hold the ${what === 'vip' ? 'virtual IP' : 'volume'}`, async () => {
      await this.poll();
      return firstHolding(this.data[node], from, what);
    }, timeoutMs);
  }

  /** Waits until exactly one node holds the VIP, and returns it. */
  async waitForSingleHolder(timeoutMs: number): Promise<LabNodeName> {
    return waitFor('exactly one node holding the virtual IP', async () => {
      const h = await this.holders();
      return h.vip.length === 1 ? h.vip[0] : undefined;
    }, timeoutMs);
  }

  /** The overlap analysis so far, or within [from, to]. */
  async report(window: { from?: number; to?: number } = {}): Promise<CheckerReport> {
    await this.poll();
    const to = Math.min(window.to ?? Infinity, this.stoppedAt ?? monotonicMs());
    const from = window.from ?? this.startedAt;
    const analysis = analyseOverlap(this.data, to, { from, to });
    const inWindow = (s: NodeSample) => s.t >= from && s.t <= to;
    return { ...analysis, samples: { 'node-a': this.data['node-a'].filter(inWindow), 'node-b': this.data['node-b'].filter(inWindow) }, from, to };
  }

  async stop(): Promise<CheckerReport> {
    for (const pid of this.pids) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone (the lab is being torn down)
      }
    }
    await new Promise((r) => setTimeout(r, 50));
    const report = await this.report();
    this.stoppedAt = report.to;
    return report;
  }
}
