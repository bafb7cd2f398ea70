// Two real agents on loopback (127.0.x.y addresses, a file as the shared disk), each started as
// `roseha agent` in its own process group, so that tests can kill a whole node at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AgentClient } from '../../src/client/index.js';
import type { StatusReport } from '../../src/core/status.js';
import { loopbackNodeTables } from '../../src/lab/loopback-nodes.js';

/** The repository: found upwards from here (this file also runs bundled, from node_modules/.cache). */
export const repoRoot = (() => {
  let dir = import.meta.dirname;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bin', 'roseha'))) return dir;
    const up = resolve(dir, '..');
    if (up === dir) throw new Error('cannot find the roseha repository above ' + import.meta.dirname);
    dir = up;
  }
})();
export const rosehaBin = join(repoRoot, 'bin/roseha');
export const okScript = join(repoRoot, 'test/fixtures/ok.sh');

export interface NodeHandle {
  name: string;
  dir: string;
  config: string;
  socket: string;
  proc: ChildProcess | null;
  client: AgentClient;
  log: string[];
}

export interface LoopbackCluster {
  dir: string;
  nodes: [NodeHandle, NodeHandle];
  heartbeatMs: number;
  deadAfterMs: number;
  start(node: NodeHandle): void;
  /** SIGKILL the node's whole process group (guardian, worker, and what they spawned). */
  killNode(node: NodeHandle): void;
  workerPid(node: NodeHandle): number | undefined;
  /** The node's JSON log (both guardian and worker). */
  logText(node: NodeHandle): string;
  /** Is ok.sh's marker present for this node (the group's resource runs there)? */
  runs(node: NodeHandle): boolean;
  status(node: NodeHandle): Promise<StatusReport | undefined>;
  waitFor(node: NodeHandle, pred: (s: StatusReport) => boolean, timeoutMs: number): Promise<StatusReport>;
  stop(): Promise<void>;
}

export function makeLoopbackCluster(
  opts: {
    heartbeatMs?: number;
    deadAfterMs?: number;
    disk?: boolean;
    portBase?: number;
    monitorMs?: number;
    failoverThreshold?: number;
    /** heartbeat.watchdog = NODE_DIR/watchdog, a plain file standing in for the device. */
    watchdog?: boolean;
    /** cluster.log_max_mb (a fraction: rotation within a test's time). */
    logMaxMb?: number;
  } = {},
): LoopbackCluster {
  const heartbeatMs = opts.heartbeatMs ?? 200;
  const deadAfterMs = opts.deadAfterMs ?? 1000;
  const dir = mkdtempSync(join(tmpdir(), 'roseha-lo-'));
  const key = join(dir, 'cluster.key');
  writeFileSync(key, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  const disk = join(dir, 'disk.img');
  writeFileSync(disk, Buffer.alloc(1024 * 1024));
  const port = opts.portBase ?? 20000 + Math.floor(Math.random() * 20000);
  // Each test cluster gets its own third octet so parallel files never share an address.
  const net = 1 + Math.floor(Math.random() * 200);
  const names = ['node-a', 'node-b'] as const;
  const handles = names.map((name, i) => {
    const nodeDir = join(dir, name);
    mkdirSync(join(nodeDir, 'res'), { recursive: true });
    if (opts.watchdog) writeFileSync(join(nodeDir, 'watchdog'), '');
    const config = join(nodeDir, 'roseha.toml');
    writeFileSync(
      config,
      `generation = 1
[cluster]
name = "lo"
key_file = "${key}"
state_dir = "${join(nodeDir, 'state')}"
${opts.logMaxMb ? `log_max_mb = ${opts.logMaxMb}\nlog_keep = 2` : ''}
[timing]
heartbeat_ms = ${heartbeatMs}
dead_after_ms = ${deadAfterMs}
${loopbackNodeTables(net)}[heartbeat]
port = ${port}
gateway_check = "none"
${opts.disk === false ? '' : `disk = "${disk}"`}
${opts.watchdog ? `watchdog = "${join(nodeDir, 'watchdog')}"` : ''}
[group.web]
nodes = ["node-a", "node-b"]
${opts.failoverThreshold ? `failover_threshold = ${opts.failoverThreshold}\n` : ''}[[group.web.resource]]
name = "web-app"
type = "script"
path = "${okScript}"
args = ["res"]
monitor_interval_ms = ${opts.monitorMs ?? 200}
`,
    );
    const socket = join(nodeDir, 'state', 'roseha.sock');
    void i;
    return { name, dir: nodeDir, config, socket, proc: null, client: new AgentClient({ socketPath: socket, timeoutMs: 1000 }), log: [] as string[] } satisfies NodeHandle;
  }) as [NodeHandle, NodeHandle];

  const cluster: LoopbackCluster = {
    dir,
    nodes: handles,
    heartbeatMs,
    deadAfterMs,
    start(node) {
      // Each agent runs in its node folder, so that the same config (`args = ["res"]`) means a
      // different folder per node: both configs are then the same but for the state folder.
      const p = spawn(process.execPath, [rosehaBin, 'agent', '--config', node.config, '--node', node.name], {
        cwd: node.dir,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      });
      p.stdout!.on('data', (d: Buffer) => node.log.push(d.toString()));
      p.stderr!.on('data', (d: Buffer) => node.log.push(d.toString()));
      node.proc = p;
    },
    killNode(node) {
      // The worker runs in its own process group (so that its guardian can kill it alone): find it
      // first, then kill both groups back to back, like a power cut.
      const w = cluster.workerPid(node);
      for (const pid of [node.proc?.pid, w]) {
        if (!pid) continue;
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    },
    workerPid(node) {
      const pid = node.proc?.pid;
      if (!pid) return undefined;
      try {
        const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
        return children.length ? Number(children[0]) : undefined;
      } catch {
        return undefined;
      }
    },
    logText(node) {
      try {
        return readFileSync(join(node.dir, 'state', 'roseha.log'), 'utf8');
      } catch {
        return '';
      }
    },
    runs(node) {
      return existsSync(join(node.dir, 'res', 'ok.running'));
    },
    async status(node) {
      try {
        return await node.client.status();
      } catch {
        return undefined;
      }
    },
    async waitFor(node, pred, timeoutMs) {
      const until = Date.now() + timeoutMs;
      let last: StatusReport | undefined;
      while (Date.now() < until) {
        last = await cluster.status(node);
        if (last && pred(last)) return last;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`timed out after ${timeoutMs} ms waiting on ${node.name}; last status: ${JSON.stringify(last?.groups ?? null)} ${JSON.stringify(last?.nodes ?? null)}\nlog:\n${cluster.logText(node).slice(-3000)}`);
    },
    async stop() {
      for (const n of handles) {
        const w = cluster.workerPid(n);
        if (n.proc?.pid) {
          try {
            process.kill(-n.proc.pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }
        if (w) {
          try {
            process.kill(w, 'SIGCONT');
            process.kill(-w, 'SIGKILL');
          } catch {
            /* gone */
          }
        }
      }
      if (!process.env.ROSEHA_KEEP_TEST_DIRS) rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

export const activeOn = (s: StatusReport, group = 'web') => s.groups.find((g) => g.name === group)?.activeNode ?? null;
export const peerAlive = (s: StatusReport) => s.nodes.find((n) => !n.self)?.alive === true;
