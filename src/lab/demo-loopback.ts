// The demo where the lab cannot run (not root, no network namespaces, not Linux): two real roseha
// agents on loopback addresses with a plain file as the shared disk and a harmless process as the
// group's only resource, then `roseha simulate` for what the OS commands would be. Nothing real (no
// address, no volume, no service) is moved, and the demo says so.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AgentClient } from '../client/index.js';
import type { StatusReport } from '../core/status.js';
import { rosehaBin } from './paths.js';
import { monotonicMs, sleep, waitFor } from './exec.js';
import { descendantsOf } from './proc-usage.js';
import { loopbackNodeTables } from './loopback-nodes.js';

type Say = (text: string) => void;

interface LoopbackNode {
  name: 'node-a' | 'node-b';
  config: string;
  client: AgentClient;
  proc?: ChildProcess;
}

function configText(dir: string, name: string, port: number, net: number): string {
  const q = JSON.stringify;
  return `generation = 1
[cluster]
name = "demo"
key_file = ${q(join(dir, 'cluster.key'))}
state_dir = ${q(join(dir, name, 'state'))}
[timing]
profile = "balanced"
${loopbackNodeTables(net)}[heartbeat]
port = ${port}
gateway_check = "none"
disk = ${q(join(dir, 'disk.img'))}
[group.web]
nodes = ["node-a", "node-b"]
[[group.web.resource]]
name = "web-app"
type = "process"
command = [${q(process.execPath)}, "-e", "setInterval(() => {}, 1 << 30)"]
`;
}

const statusOf = async (n: LoopbackNode): Promise<StatusReport | undefined> => n.client.status().catch(() => undefined);

function line(s: StatusReport | undefined): string {
  if (!s) return 'no answer';
  const peer = s.nodes.find((x) => !x.self);
  const g = s.groups.find((x) => x.name === 'web');
  return `peer ${peer?.name} ${peer?.alive ? 'alive' : 'DEAD'} | ${s.links.filter((l) => l.configured).map((l) => `${l.name} ${l.up ? 'up' : 'DOWN'}`).join(', ')} | web on ${g?.activeNode ?? 'no node'}`;
}

export async function runLoopbackDemo(say: Say, title: Say): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'roseha-demo-'));
  writeFileSync(join(dir, 'cluster.key'), randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  writeFileSync(join(dir, 'disk.img'), Buffer.alloc(1024 * 1024));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const net = 1 + Math.floor(Math.random() * 200);
  const nodes: LoopbackNode[] = (['node-a', 'node-b'] as const).map((name) => {
    mkdirSync(join(dir, name, 'state'), { recursive: true });
    const config = join(dir, name, 'roseha.toml');
    writeFileSync(config, configText(dir, name, port, net));
    return { name, config, client: new AgentClient({ socketPath: join(dir, name, 'state', 'roseha.sock'), timeoutMs: 1000 }) };
  });
  const [a, b] = nodes as [LoopbackNode, LoopbackNode];
  const start = (n: LoopbackNode) => {
    n.proc = spawn(process.execPath, [rosehaBin(), 'agent', '--config', n.config, '--node', n.name], { detached: true, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  };
  const killWhole = async (n: LoopbackNode) => {
    // The guardian, its worker and what the worker started, all at once: a power cut, as near as an
    // unprivileged process can make one (on Linux; elsewhere the guardian's process group).
    const pid = n.proc?.pid;
    if (!pid) return;
    const all = process.platform === 'linux' ? [pid, ...(await descendantsOf(pid))] : [pid];
    for (const p of all) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // gone
      }
    }
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone
    }
  };
  const cleanup = async () => {
    for (const n of nodes) await killWhole(n);
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = () => {
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    title('Starting two roseha agents on loopback (127.x addresses, a file as the shared disk)');
    start(a);
    await waitFor('web on node-a', async () => ((await statusOf(a))?.groups[0]?.activeNode === 'node-a' ? true : undefined), 60_000, 100);
    start(b);
    await waitFor('node-b to see node-a', async () => ((await statusOf(b))?.nodes.find((x) => !x.self)?.alive ? true : undefined), 60_000, 100);
    say(`node-b sees: ${line(await statusOf(b))}`);

    title('Killing every process of node-a at once');
    const t0 = monotonicMs();
    await killWhole(a);
    let last = '';
    await waitFor('node-b to run web', async () => {
      const s = await statusOf(b);
      const l = line(s);
      if (l !== last) say(`  +${String(Math.round(monotonicMs() - t0)).padStart(5)} ms  node-b sees: ${l}`);
      last = l;
      return s?.groups[0]?.activeNode === 'node-b' ? true : undefined;
    }, 60_000, 50);
    say(`web (a harmless process standing in for the service) runs on node-b ${Math.round(monotonicMs() - t0)} ms after node-a died.`);

    title('What the same power loss does on real servers: roseha simulate crash node-a');
    const sim = spawn(process.execPath, [rosehaBin(), 'simulate', 'crash node-a', '--config', a.config], { stdio: ['ignore', 'inherit', 'inherit'] });
    await new Promise((r) => sim.once('exit', r));
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await cleanup();
  }
  say('\nNothing real was moved: no virtual IP, no volume, no service. The two agents, their heartbeats and');
  say('their decisions were real; the resources were a harmless process and a simulation. Run the demo as');
  say('root on Linux for the real lab (network namespaces, a shared loop disk, a virtual IP and a client).');
  await sleep(0);
  return 0;
}
