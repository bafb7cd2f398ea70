// `npm run bench:failover`: power-loss failovers in the lab, for keepalived (advert_int 1, and 0.1 with
// VRRPv3) and for roseha at each timing profile, on the same VIP and client. Prints ms until the VIP
// is on the peer, client outage ms and overlap ms (median, min, max), roseha/keepalived ratios, and
// each agent's idle RSS and CPU seconds per minute (from /proc). An agent that cannot run here
// (`roseha agent` not built yet, keepalived missing) gets a row saying so, not a crash.
// Options: --runs N (10)  --idle-seconds S (20)  --only keepalived|roseha  --profiles fast,balanced,safe
//          --prefix P (rhb)  --json FILE
import { writeFile } from 'node:fs/promises';
import { createExecaRunner } from '../src/platform/execa-runner.js';
import { labUnavailableReason, withLab, type Lab } from '../src/lab/lab.js';
import { keepalivedSettings, type KeepalivedSetting } from '../src/lab/keepalived-render.js';
import { keepalivedAvailability, rosehaAgentAvailability, type Availability } from '../src/lab/agents.js';
import { measurePowerLossFailover, stats, type FailoverMeasurement, type Stats } from '../src/lab/failover.js';
import { usageOf } from '../src/lab/proc-usage.js';
import { labNodeNames, type LabNodeName } from '../src/lab/names.js';
import { timingProfiles, type TimingProfile } from '../src/config/timing.js';
import { sleep } from '../src/lab/exec.js';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
};
const runs = Number(opt('runs', '10'));
const idleSeconds = Number(opt('idle-seconds', '20'));
const only = opt('only', 'all');
const prefix = opt('prefix', 'rhb');
const jsonFile = opt('json', '');
const profiles = opt('profiles', 'fast,balanced,safe').split(',').filter((p): p is TimingProfile => p in timingProfiles);

interface Contender {
  label: string;
  kind: 'keepalived' | 'roseha';
  /** Heartbeat or advert period: the fault falls at a random point within it. */
  cycleMs: number;
  /** The timing profile written into the roseha configs. */
  timing: TimingProfile;
  availability(): Promise<Availability>;
  /** Starts the agent (and for keepalived the service, which keepalived does not manage) on a node. */
  start(lab: Lab, node: LabNodeName): Promise<void>;
}

interface Row {
  label: string;
  kind: Contender['kind'];
  unavailable?: string;
  error?: string;
  runs: FailoverMeasurement[];
  vipOnPeer?: Stats;
  outage?: Stats;
  overlap?: Stats;
  volumeOverlap?: Stats;
  idle?: { rssMiB: number; cpuSecondsPerMinute: number; perNode: Record<string, { rssMiB: number; cpuSecondsPerMinute: number }> };
}

const runner = createExecaRunner();

function keepalived(setting: KeepalivedSetting): Contender {
  return {
    label: setting.label,
    kind: 'keepalived',
    cycleMs: setting.advertIntS * 1000,
    timing: 'balanced',
    availability: () => keepalivedAvailability(runner),
    async start(lab, node) {
      await lab.startService(node);
      await lab.startKeepalived(node, setting);
    },
  };
}

function roseha(profile: TimingProfile): Contender {
  return {
    label: `roseha ${profile}`,
    kind: 'roseha',
    cycleMs: timingProfiles[profile].heartbeat_ms,
    timing: profile,
    availability: () => rosehaAgentAvailability(runner),
    async start(lab, node) {
      await lab.startAgent(node);
    },
  };
}

async function clockTicks(): Promise<number> {
  const r = await runner.run({ file: 'getconf', args: ['CLK_TCK'] });
  return Number(r.stdout.trim()) || 100;
}

async function idleUsage(lab: Lab, seconds: number): Promise<Row['idle']> {
  const hz = await clockTicks();
  const pids = Object.fromEntries(await Promise.all(labNodeNames.map(async (n) => [n, await lab.agentPids(n)] as const)));
  const before = Object.fromEntries(await Promise.all(labNodeNames.map(async (n) => [n, await usageOf(pids[n]!)] as const)));
  await sleep(seconds * 1000);
  const perNode: Record<string, { rssMiB: number; cpuSecondsPerMinute: number }> = {};
  for (const n of labNodeNames) {
    const after = await usageOf(pids[n]!);
    perNode[n] = { rssMiB: after.rssKiB / 1024, cpuSecondsPerMinute: ((after.cpuTicks - before[n]!.cpuTicks) / hz) * (60 / seconds) };
  }
  const mean = (f: (x: { rssMiB: number; cpuSecondsPerMinute: number }) => number) => labNodeNames.reduce((s, n) => s + f(perNode[n]!), 0) / labNodeNames.length;
  return { rssMiB: mean((x) => x.rssMiB), cpuSecondsPerMinute: mean((x) => x.cpuSecondsPerMinute), perNode };
}

async function benchOne(c: Contender): Promise<Row> {
  const row: Row = { label: c.label, kind: c.kind, runs: [] };
  const avail = await c.availability();
  if (!avail.available) {
    row.unavailable = avail.reason;
    process.stderr.write(`RHA-W4001 ${c.label}: ${avail.reason}\n`);
    return row;
  }
  try {
    await withLab({ prefix, timing: c.timing }, async (lab) => {
      for (const node of labNodeNames) await c.start(lab, node);
      await lab.checker.waitForSingleHolder(60_000);
      await lab.prober.waitForAnswer(60_000);
      await sleep(Math.max(2000, 5 * c.cycleMs)); // let the standby settle before measuring it idle
      row.idle = await idleUsage(lab, idleSeconds);
      for (let i = 0; i < runs; i++) {
        const m = await measurePowerLossFailover(lab, { cycleMs: c.cycleMs, timeoutMs: 60_000 });
        row.runs.push(m);
        process.stderr.write(`  ${c.label} run ${i + 1}/${runs}: ${m.victim} lost power; VIP on ${m.peer} after ${m.vipOnPeerMs.toFixed(0)} ms, client outage ${m.outageMs.toFixed(0)} ms, overlap ${m.overlapMs.toFixed(0)} ms\n`);
        await lab.powerOn(m.victim);
        await c.start(lab, m.victim);
        // The restarted node joins (keepalived preempts back to node-a); wait until that has settled.
        await sleep(Math.max(3000, 10 * c.cycleMs));
        await lab.checker.waitForSingleHolder(60_000);
        await lab.prober.waitForAnswer(60_000);
      }
    });
  } catch (err) {
    row.error = (err as Error).message;
    process.stderr.write(`${c.label}: ${row.error}\n`);
  }
  row.vipOnPeer = stats(row.runs.map((r) => r.vipOnPeerMs));
  row.outage = stats(row.runs.map((r) => r.outageMs));
  row.overlap = stats(row.runs.map((r) => r.overlapMs));
  row.volumeOverlap = stats(row.runs.map((r) => r.volumeOverlapMs));
  return row;
}

const fmt = (s: Stats | undefined) => (s ? `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})` : '–');

function table(rows: Row[]): string {
  const base = {
    slow: rows.find((r) => r.label === keepalivedSettings[0]!.label)?.outage?.median,
    fast: rows.find((r) => r.label === keepalivedSettings[1]!.label)?.outage?.median,
  };
  const header = ['agent', 'runs', 'VIP on peer ms', 'client outage ms', 'overlap ms', 'outage ÷ keepalived 1 s', 'outage ÷ keepalived 0.1 s', 'idle RSS MiB', 'CPU s/min'];
  const lines = rows.map((r) => {
    if (r.unavailable) return [r.label, '0', r.unavailable, '', '', '', '', '', ''];
    const ratio = (b: number | undefined) => (r.kind === 'roseha' && b && r.outage ? (r.outage.median / b).toFixed(2) : '–');
    return [
      r.label + (r.error ? ' *' : ''),
      String(r.runs.length),
      fmt(r.vipOnPeer),
      fmt(r.outage),
      fmt(r.overlap),
      ratio(base.slow),
      ratio(base.fast),
      r.idle ? r.idle.rssMiB.toFixed(1) : '–',
      r.idle ? r.idle.cpuSecondsPerMinute.toFixed(3) : '–',
    ];
  });
  const all = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...all.map((l) => (l[i] ?? '').length)));
  const render = (l: string[]) => l.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const notes = rows.filter((r) => r.error).map((r) => `* ${r.label} stopped after ${r.runs.length} runs: ${r.error}`);
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(render), ...notes].join('\n') +
    '\n(median, min–max; power loss = all links down and every process killed at one instant; overlap = both nodes holding the VIP)\n';
}

async function main(): Promise<number> {
  const why = await labUnavailableReason(runner);
  if (why) {
    process.stderr.write(`RHA-E4002 bench:failover cannot run here: ${why}\n`);
    return 1;
  }
  const contenders: Contender[] = [];
  if (only === 'all' || only === 'keepalived') contenders.push(...keepalivedSettings.map(keepalived));
  if (only === 'all' || only === 'roseha') contenders.push(...profiles.map(roseha));
  const rows: Row[] = [];
  for (const c of contenders) {
    process.stderr.write(`${c.label}: ${runs} power-loss failovers, idle usage over ${idleSeconds} s\n`);
    rows.push(await benchOne(c));
  }
  process.stdout.write('\n' + table(rows));
  if (jsonFile) await writeFile(jsonFile, JSON.stringify({ runs, idleSeconds, rows }, null, 2) + '\n');
  return rows.some((r) => r.error) ? 1 : 0;
}

process.exitCode = await main();
