// npm run bench:detect — two real agents on loopback: how long until a killed node is declared dead
// (and its group runs on the survivor), over N kills at a random point of the heartbeat cycle; then
// each agent's idle RSS and CPU. Run: node src/lab/run-ts.mjs bench/detect.ts [--kills 20] [--profile balanced]
import { readFileSync } from 'node:fs';
import { makeLoopbackCluster, activeOn, type NodeHandle } from '../test/helpers/loopback-cluster.js';
import { timingProfiles, type TimingProfile } from '../src/config/timing.js';
import type { AgentEvent } from '../src/core/status.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
};
const kills = Number(arg('kills', '20'));
const profiles = arg('profile', 'balanced,fast').split(',') as TimingProfile[];
const idleSeconds = Number(arg('idle', '20'));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function firstEvent(node: NodeHandle, codes: string[], after: number, timeoutMs: number): Promise<AgentEvent | undefined> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  return (async () => {
    try {
      for await (const e of node.client.events({ signal: abort.signal })) {
        if (codes.includes(e.code) && Date.parse(e.at) >= after) return e;
      }
    } catch {
      /* aborted or gone */
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
    return undefined;
  })();
}

function procUsage(pid: number): { rssKb: number; cpuTicks: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { rssKb, cpuTicks: Number(fields[11]) + Number(fields[12]) };
}

async function runProfile(profile: TimingProfile) {
  const t = timingProfiles[profile];
  // The product's default monitor interval (2 s): idle cost is measured as an operator would run it.
  // The bench fails the group over on purpose, 20 times: the ping-pong guard (which counts across
  // agent restarts) would lock it after failover_threshold (default 2) takeovers by one node.
  const cluster = makeLoopbackCluster({ heartbeatMs: t.heartbeat_ms, deadAfterMs: t.dead_after_ms, monitorMs: 2000, failoverThreshold: 100 });
  const [a, b] = cluster.nodes;
  const detect: number[] = [];
  const takeover: number[] = [];
  try {
    cluster.start(a);
    await cluster.waitFor(a, (s) => activeOn(s) === 'node-a', 10_000);
    cluster.start(b);
    await cluster.waitFor(b, (s) => s.nodes.every((n) => n.alive), 10_000);
    let active = a;
    let standby = b;
    for (let i = 0; i < kills; i++) {
      await sleep(Math.random() * t.heartbeat_ms + t.heartbeat_ms);
      const deadEvent = firstEvent(standby, ['RHA-W2043'], Date.now() - 5, t.dead_after_ms * 4 + 5000);
      const activeEvent = firstEvent(standby, ['RHA-I2101'], Date.now() - 5, t.dead_after_ms * 4 + 10_000);
      await sleep(50); // let the event streams connect
      const killedAt = Date.now();
      cluster.killNode(active);
      const [dead, up] = await Promise.all([deadEvent, activeEvent]);
      if (!dead || !up) throw new Error(`kill ${i + 1}: no ${!dead ? 'peer-dead' : 'group-active'} event from ${standby.name}`);
      detect.push(Date.parse(dead.at) - killedAt);
      takeover.push(Date.parse(up.at) - killedAt);
      process.stderr.write(`  ${profile} kill ${i + 1}/${kills}: dead after ${detect.at(-1)} ms, group active after ${takeover.at(-1)} ms\n`);
      // The killed node comes back as the standby for the next round.
      cluster.start(active);
      await cluster.waitFor(standby, (s) => s.nodes.every((n) => n.alive), 10_000);
      [active, standby] = [standby, active];
    }
    // Idle cost: both agents (guardian + worker each), over idleSeconds.
    await sleep(2000);
    // Every process of a node: the guardian and its children (the worker and the spare worker).
    const children = (pid: number) => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    const pidsOf = cluster.nodes.map((n) => [n.proc!.pid!, ...children(n.proc!.pid!)]);
    const before = pidsOf.map((ps) => ps.map(procUsage));
    await sleep(idleSeconds * 1000);
    const after = pidsOf.map((ps) => ps.map(procUsage));
    const hz = 100;
    const perNode = pidsOf.map((ps, i) => {
      const rssMb = after[i]!.reduce((s, u) => s + u.rssKb, 0) / 1024;
      const cpuS = after[i]!.reduce((s, u, k) => s + (u.cpuTicks - before[i]![k]!.cpuTicks), 0) / hz;
      return { rssMb, cpuSecPerMin: (cpuS * 60) / idleSeconds, processes: ps.length };
    });
    return { profile, t, detect, takeover, perNode };
  } finally {
    await cluster.stop();
  }
}

const rows = [];
for (const p of profiles) rows.push(await runProfile(p));
console.log('\nroseha failure detection on loopback (kill = SIGKILL of every process of the active node)');
console.log('profile   | heartbeat×n | kills | detect median | detect max | takeover median | takeover max | idle RSS/node | CPU s/min/node');
for (const r of rows) {
  const rss = Math.max(...r.perNode.map((n) => n.rssMb));
  const cpu = Math.max(...r.perNode.map((n) => n.cpuSecPerMin));
  console.log(
    `${r.profile.padEnd(9)} | ${`${r.t.heartbeat_ms}×${r.t.dead_after_ms / r.t.heartbeat_ms}`.padEnd(11)} | ${String(r.detect.length).padEnd(5)} | ${`${median(r.detect)} ms`.padEnd(13)} | ${`${Math.max(...r.detect)} ms`.padEnd(10)} | ${`${median(r.takeover)} ms`.padEnd(15)} | ${`${Math.max(...r.takeover)} ms`.padEnd(12)} | ${`${rss.toFixed(1)} MB`.padEnd(13)} | ${cpu.toFixed(2)}`,
  );
  console.log(`          | target: detect ≤ dead_after_ms + one heartbeat = ${r.t.dead_after_ms + r.t.heartbeat_ms} ms; detect/dead_after ratio ${(median(r.detect) / r.t.dead_after_ms).toFixed(2)}`);
}
