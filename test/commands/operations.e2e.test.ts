// The operator's commands against two real agents on loopback (bin/roseha, so `npm run build` first):
// a timed move, a lock that holds through a crash, drain and return, maintenance through a crash.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { activeOn, makeLoopbackCluster, peerAlive, repoRoot, rosehaBin, type LoopbackCluster, type NodeHandle } from '../helpers/loopback-cluster.js';

const built = existsSync(join(repoRoot, 'dist/cli.js'));
if (!built) console.warn('operations e2e tests skipped: dist/ is missing (run `npm run build`; `npm test` does)');

function roseha(node: NodeHandle, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [rosehaBin, ...args, '--config', node.config], { env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

async function upOnA(c: LoopbackCluster) {
  const [a, b] = c.nodes;
  // Generous: an agent's start-up takes seconds on a loaded 2-core machine.
  c.start(a);
  await c.waitFor(a, (s) => activeOn(s) === 'node-a', 15_000);
  c.start(b);
  await c.waitFor(a, (s) => peerAlive(s), 15_000);
  await c.waitFor(b, (s) => peerAlive(s) && activeOn(s) === 'node-a', 15_000);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!built)('operator commands on two loopback agents', () => {
  let cluster: LoopbackCluster | undefined;
  afterEach(async () => {
    await cluster?.stop();
    cluster = undefined;
  });

  it('move --dry-run, a timed move with each step, both logs merged; node standby and online', async () => {
    cluster = makeLoopbackCluster();
    const [a, b] = cluster.nodes;
    await upOnA(cluster);

    const dry = await roseha(a, ['move', 'web', '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/dry run: would do: moving group web from node-a to node-b/);
    // Both nodes run the same config; `res` is relative to each agent's folder.
    expect(dry.stdout).toMatch(/node-a {2}stop script web-app\n +\$ .*ok\.sh stop res/);
    expect(dry.stdout).toMatch(/node-b {2}start script web-app\n +\$ .*ok\.sh start res/);
    expect(cluster.runs(a)).toBe(true);

    // Both agents on one machine: the peer's API is its socket (on real nodes: its address, TLS and the token).
    const mv = await roseha(a, ['move', 'web'], { ROSEHA_PEER_SOCKET: b.socket });
    expect(mv.stderr).toBe('');
    expect(mv.code).toBe(0);
    expect(mv.stdout).toMatch(/node-a {2}stopping group web \(move\)/);
    expect(mv.stdout).toMatch(/node-a {2}group web stopped on node-a after \d+ ms \(move\)\n +stop web-app: \d+ ms\n/);
    expect(mv.stdout).toMatch(/node-b {2}starting group web \(move\)/);
    expect(mv.stdout).toMatch(/node-b {2}group web active on node-b after \d+ ms \(move\)\n +start web-app: \d+ ms\n/);
    expect(mv.stdout).toMatch(/group web active on node-b after \d+\.\d\d s\n$/);
    console.log(`roseha move web (loopback, heartbeat ${cluster.heartbeatMs} ms): ${mv.ms} ms wall, CLI start included\n${mv.stdout}`);
    expect(cluster.runs(b)).toBe(true);
    expect(cluster.runs(a)).toBe(false);
    // Transient: once done, no constraint is left behind.
    await cluster.waitFor(a, (s) => s.intents.length === 0, 3000);

    const log = await roseha(a, ['log', '--json', '--since', '5m'], { ROSEHA_PEER_SOCKET: b.socket });
    expect(log.code).toBe(0);
    const doc = JSON.parse(log.stdout) as { sources: Array<{ node: string; lines: number }>; records: Array<{ time: number; node: string; code?: string }> };
    expect(doc.sources.map((s) => s.node)).toEqual(['node-a', 'node-b']);
    expect(doc.records.some((r) => r.node === 'node-a' && r.code === 'RHA-I2104')).toBe(true);
    expect(doc.records.some((r) => r.node === 'node-b' && r.code === 'RHA-I2101')).toBe(true);
    expect(doc.records.map((r) => r.time)).toEqual([...doc.records.map((r) => r.time)].sort((x, y) => x - y));

    const sb = await roseha(a, ['node', 'standby', 'node-b']);
    expect(sb.code).toBe(0);
    expect(sb.stdout).toMatch(/^node-b in standby: moving web away/);
    await cluster.waitFor(a, (s) => activeOn(s) === 'node-a' && s.nodes.find((n) => n.name === 'node-b')!.standby, 5000);
    expect(cluster.runs(a)).toBe(true);
    expect(cluster.runs(b)).toBe(false);
    const refused = await roseha(a, ['move', 'web', 'node-b']);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/^error RHA-E2076 node-b is in standby; run `roseha node online node-b` first/);

    const on = await roseha(b, ['node', 'online', 'node-b', '--json']);
    expect(on.code).toBe(0);
    expect(JSON.parse(on.stdout)).toMatchObject({ accepted: true });
    await cluster.waitFor(b, (s) => s.intents.length === 0 && !s.nodes.some((n) => n.standby), 3000);
    // failback = manual: it stays where it is.
    await sleep(3 * cluster.heartbeatMs);
    expect(activeOn((await cluster.status(b))!)).toBe('node-a');
  });

  it('lock, then the active node dies: nothing moves, and status says why', async () => {
    cluster = makeLoopbackCluster();
    const [a, b] = cluster.nodes;
    await upOnA(cluster);
    const lock = await roseha(b, ['lock', 'web', '--reason', 'month-end close']);
    expect(lock.code).toBe(0);
    await cluster.waitFor(a, (s) => s.groups[0]!.locked?.reason === 'month-end close', 3000);
    cluster.killNode(a);
    await cluster.waitFor(b, (s) => !peerAlive(s), cluster.deadAfterMs + 2000);
    await sleep(cluster.deadAfterMs);
    const s = (await cluster.status(b))!;
    expect(activeOn(s)).toBeNull();
    expect(cluster.runs(b)).toBe(false);
    expect(s.groups[0]!.locked).toMatchObject({ code: 'RHA-W2052', reason: 'month-end close', by: 'local' });
    expect(s.problems).toContainEqual({ code: 'RHA-W2052', message: 'group web is locked: month-end close' });
    expect(s.problems.map((p) => p.code)).toContain('RHA-W2043');
    expect(cluster.logText(b)).toMatch(/RHA-W2043/);
    // Unlocking lets the survivor take the group.
    const unlock = await roseha(b, ['unlock', 'web']);
    expect(unlock.code).toBe(0);
    await cluster.waitFor(b, (x) => activeOn(x) === 'node-b', 5000);
    expect(cluster.runs(b)).toBe(true);
  });

  it('maintenance on, then the active node dies: nothing moves, resources untouched', async () => {
    cluster = makeLoopbackCluster();
    const [a, b] = cluster.nodes;
    await upOnA(cluster);
    const on = await roseha(a, ['maintenance', 'on']);
    expect(on.code).toBe(0);
    await cluster.waitFor(b, (s) => s.maintenance, 3000);
    const mv = await roseha(b, ['move', 'web']);
    expect(mv.code).toBe(5);
    expect(mv.stderr).toMatch(/RHA-E2074/);
    cluster.killNode(a);
    await cluster.waitFor(b, (s) => !peerAlive(s), cluster.deadAfterMs + 2000);
    await sleep(cluster.deadAfterMs);
    const s = (await cluster.status(b))!;
    expect(activeOn(s)).toBeNull();
    expect(s.maintenance).toBe(true);
    expect(s.problems.map((p) => p.code)).toContain('RHA-W2055');
    expect(cluster.runs(b)).toBe(false);
    // node-a's resource was left as it was (its marker stays: nobody stopped it).
    expect(cluster.runs(a)).toBe(true);
  });
});
