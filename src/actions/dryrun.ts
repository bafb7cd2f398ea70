// `--dry-run` and `roseha simulate`: the exact OS commands a group's start or stop would run, in
// order, got by running the real executor and drivers against the dry-run runner (which runs
// nothing). A start assumes nothing is running yet; a stop assumes everything is.
import type { GroupConfig, ResourceConfig, ResourceType } from '../config/schema.js';
import { DryRunRunner, type DryRunEntry } from '../platform/recording-runner.js';
import type { DriverContext, DriverTable, ResourceDriver, TargetPlatform } from './types.js';
import { createExecutor, type GroupReport } from './executor.js';
import { isRosehaError } from '../errors.js';

export interface DryRunStep {
  resource: string;
  type: ResourceType;
  op: 'start' | 'stop';
  kind: DryRunEntry['kind'];
  /** A copyable command line; signal and pid-file steps are shown as their shell equivalents. */
  text: string;
}

export interface DryRunPlan {
  group: string;
  op: 'start' | 'stop';
  platform: TargetPlatform;
  steps: DryRunStep[];
  /** Set when a driver refused even in a dry run (a config it cannot act on). */
  error?: { code: string; message: string };
}

export interface DryRunOptions {
  platform: TargetPlatform;
  drivers: DriverTable;
  /** Where pid files would go; shown in the commands. Default /var/lib/roseha. */
  stateDir?: string;
  node?: DriverContext['node'];
  gateway?: string;
  /** Include the read-only state queries (default: actions only). */
  queries?: boolean;
}

type AnyDriver = ResourceDriver<ResourceConfig>;

export async function commandsFor(op: 'start' | 'stop', group: string, config: GroupConfig, opts: DryRunOptions): Promise<DryRunPlan> {
  const runner = new DryRunRunner(op === 'start' ? 'absent' : 'present');
  const tagged: Array<{ from: number; r: ResourceConfig; op: 'start' | 'stop' }> = [];
  // Wrap each driver to note where its commands begin, so that every command names its resource.
  const mark = (d: AnyDriver): AnyDriver => ({
    type: d.type,
    start: (r, ctx) => (tagged.push({ from: runner.entries.length, r, op: 'start' }), d.start(r, ctx)),
    stop: (r, ctx) => (tagged.push({ from: runner.entries.length, r, op: 'stop' }), d.stop(r, ctx)),
    monitor: (r, ctx) => d.monitor(r, ctx),
  });
  const drivers = Object.fromEntries(Object.entries(opts.drivers).map(([t, d]) => [t, mark(d as AnyDriver)])) as unknown as DriverTable;
  const executor = createExecutor({
    drivers,
    runner,
    platform: opts.platform,
    stateDir: opts.stateDir ?? '/var/lib/roseha',
    ...(opts.node ? { node: opts.node } : {}),
    ...(opts.gateway ? { gateway: opts.gateway } : {}),
  });
  let error: DryRunPlan['error'];
  try {
    const report: GroupReport = op === 'start' ? await executor.start(group, config) : await executor.stop(group, config);
    void report;
  } catch (e) {
    error = { code: isRosehaError(e) ? e.code : 'RHA-E3105', message: e instanceof Error ? e.message : String(e) };
  }
  const steps: DryRunStep[] = [];
  runner.entries.forEach((entry, i) => {
    const owner = [...tagged].reverse().find((t) => t.from <= i);
    if (!owner || (entry.kind === 'query' && !opts.queries)) return;
    steps.push({ resource: owner.r.name, type: owner.r.type, op: owner.op, kind: entry.kind, text: entry.text });
  });
  return { group, op, platform: opts.platform, steps, ...(error ? { error } : {}) };
}
