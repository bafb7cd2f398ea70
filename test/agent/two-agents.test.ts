// Two real agents on loopback: they see each other, a killed node's group moves, a killed worker is
// adopted, a stopped worker is released by its guardian before the peer takes over.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogRecord } from '../../src/agent/api/routes.js';
import { activeOn, makeLoopbackCluster, peerAlive, repoRoot, type LoopbackCluster } from '../helpers/loopback-cluster.js';

const built = existsSync(join(repoRoot, 'dist/cli.js'));
if (!built) console.warn('two-agents tests skipped: dist/ is missing (run `npm run build`; `npm test` does)');

describe.skipIf(!built)('two agents on loopback', () => {
  let cluster: LoopbackCluster | undefined;
  afterEach(async () => {
    await cluster?.stop();
    cluster = undefined;
  });

  async function upAndActiveOnA(c: LoopbackCluster) {
    const [a, b] = c.nodes;
    // node-a first: a node that boots alone takes its groups after its boot wait, and with manual
    // failback keeps them, so the order of the starts decides where the group runs.
    c.start(a);
    await c.waitFor(a, (s) => activeOn(s) === 'node-a', 15_000);
    const t0 = Date.now();
    c.start(b);
    await c.waitFor(b, (s) => peerAlive(s), 15_000);
    await c.waitFor(a, (s) => peerAlive(s), 15_000);
    const seenMs = Date.now() - t0;
    await c.waitFor(b, (s) => activeOn(s) === 'node-a', 5000);
    expect(c.runs(a)).toBe(true);
    expect(c.runs(b)).toBe(false);
    return seenMs;
  }

  it('see each other, and the preferred node runs the group alone', async () => {
    cluster = makeLoopbackCluster();
    const seenMs = await upAndActiveOnA(cluster);
    // Process start-up included; the agents themselves hear each other within a heartbeat or two.
    expect(seenMs).toBeLessThan(3000);
  });

  it('a node killed whole (SIGKILL of every process) is declared dead and its group taken over', async () => {
    cluster = makeLoopbackCluster();
    const [a, b] = cluster.nodes;
    await upAndActiveOnA(cluster);
    const killedAt = Date.now();
    cluster.killNode(a);
    await cluster.waitFor(b, (s) => !peerAlive(s), cluster.deadAfterMs + 2000);
    const deadMs = Date.now() - killedAt;
    await cluster.waitFor(b, (s) => activeOn(s) === 'node-b', 5000);
    expect(cluster.runs(b)).toBe(true);
    // dead_after_ms + one heartbeat, plus the status polling interval and scheduling slack.
    expect(deadMs).toBeLessThan(cluster.deadAfterMs + cluster.heartbeatMs + 400);
  });

  it('a killed worker is restarted and adopts the running group: nothing moves', async () => {
    cluster = makeLoopbackCluster();
    const [a, b] = cluster.nodes;
    await upAndActiveOnA(cluster);
    const worker = cluster.workerPid(a);
    expect(worker).toBeTypeOf('number');
    process.kill(worker!, 'SIGKILL');
    // A new worker answers, with the group still active on node-a.
    await cluster.waitFor(a, (s) => cluster!.workerPid(a) !== worker && activeOn(s) === 'node-a', 5000);
    const sb = await cluster.status(b);
    expect(activeOn(sb!)).toBe('node-a');
    expect(cluster.runs(b)).toBe(false);
    expect(cluster.runs(a)).toBe(true);
    expect(cluster.logText(a)).toMatch(/RHA-I2033/);
  });

  it('a stopped worker (SIGSTOP) is killed by its guardian, which releases the group before the peer takes it', async () => {
    cluster = makeLoopbackCluster();
    const [a, b] = cluster.nodes;
    await upAndActiveOnA(cluster);
    const worker = cluster.workerPid(a)!;
    process.kill(worker, 'SIGSTOP');
    const stoppedAt = Date.now();
    // The guardian's deadline is half of dead_after_ms: the marker is gone well before the peer may act.
    let releasedAt = 0;
    while (Date.now() - stoppedAt < 3000) {
      if (!cluster.runs(a)) {
        releasedAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(releasedAt).toBeGreaterThan(0);
    expect(releasedAt - stoppedAt).toBeLessThan(cluster.deadAfterMs);
    await cluster.waitFor(b, (s) => activeOn(s) === 'node-b' || activeOn(s) === 'node-a', 5000);
    // Whoever runs it now, it runs on exactly one node.
    await new Promise((r) => setTimeout(r, 1000));
    expect(Number(cluster.runs(a)) + Number(cluster.runs(b))).toBe(1);
    expect(cluster.logText(a)).toMatch(/RHA-E2004/);
  });

  it('SIGTERM stops the group and the agent exits, guardian and worker, without waiting out the stop timeout', async () => {
    cluster = makeLoopbackCluster();
    const [a] = cluster.nodes;
    cluster.start(a);
    await cluster.waitFor(a, (s) => activeOn(s) === 'node-a', 15_000);
    const worker = cluster.workerPid(a)!;
    const exited = new Promise<number | null>((r) => a.proc!.once('exit', (code) => r(code)));
    const stoppedAt = Date.now();
    a.proc!.kill('SIGTERM');
    // Before the fix, the worker's IPC channel and the guardian's stop timer kept both alive for the
    // whole stop timeout (65 s with the default stop_timeout_ms), and the guardian then killed the worker.
    expect(await exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    expect(cluster.runs(a)).toBe(false);
    expect(() => process.kill(worker, 0)).toThrow();
    expect(cluster.logText(a)).toMatch(/RHA-I2008/);
    expect(cluster.logText(a)).not.toMatch(/RHA-W2001/);
  });

  it('with heartbeat.watchdog, the guardian keeps the device alive while it runs and disarms it on a clean stop', async () => {
    cluster = makeLoopbackCluster({ watchdog: true });
    const [a] = cluster.nodes;
    const device = join(a.dir, 'watchdog');
    cluster.start(a);
    await cluster.waitFor(a, (s) => activeOn(s) === 'node-a', 15_000);
    const first = readFileSync(device, 'utf8').length;
    await new Promise((r) => setTimeout(r, 500));
    const written = readFileSync(device, 'utf8');
    // a write every tick (heartbeat_ms / 4 = 50 ms here), never the magic close while it runs
    expect(written.length - first).toBeGreaterThanOrEqual(5);
    expect(written).toMatch(/^\.+$/);
    expect(cluster.logText(a)).toMatch(/RHA-I2016/);
    expect(cluster.logText(a)).toMatch(/RHA-W2021/); // a plain file resets nothing, and the log says so
    const self = (await cluster.status(a))!.nodes.find((n) => n.self)!;
    expect(self.watchdog).toMatchObject({ device }); // the worker shows what its guardian armed
    const exited = new Promise((r) => a.proc!.once('exit', r));
    a.proc!.kill('SIGTERM');
    await exited;
    expect(readFileSync(device, 'utf8')).toMatch(/^\.+V$/);
    expect(cluster.logText(a)).toMatch(/RHA-I2019/);
  });

  it('with a watchdog that cannot be opened, the agent refuses to start (RHA-E2015)', async () => {
    cluster = makeLoopbackCluster({ watchdog: true });
    const [a] = cluster.nodes;
    rmSync(join(a.dir, 'watchdog'));
    const exited = new Promise<number | null>((r) => {
      cluster!.start(a);
      a.proc!.once('exit', (code) => r(code));
    });
    expect(await exited).toBe(1);
    expect(a.log.join('')).toMatch(/RHA-E2015 .*cannot open/);
    expect(existsSync(join(a.dir, 'watchdog'))).toBe(false);
  });

  it('the log is rotated past cluster.log_max_mb; guardian and worker write on in the new file; the API reads the copies', async () => {
    cluster = makeLoopbackCluster({ logMaxMb: 0.002, monitorMs: 100 }); // 2 KB: the start-up alone fills it
    const [a] = cluster.nodes;
    const file = join(a.dir, 'state', 'roseha.log');
    cluster.start(a);
    await cluster.waitFor(a, (s) => activeOn(s) === 'node-a', 15_000);
    const until = Date.now() + 12_000;
    while (Date.now() < until && !/RHA-I2022/.test(cluster.logText(a))) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(readFileSync(`${file}.1`, 'utf8')).toMatch(/RHA-I2006/); // the guardian's first line went with it
    // The worker reopened too: what it logs now lands in the new file (a move's steps).
    await a.client.act('/v1/groups/web/lock', { reason: 'rotation test' });
    const later = Date.now() + 3000;
    while (Date.now() < later && !/"role":"worker"/.test(readFileSync(file, 'utf8'))) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(file, 'utf8')).toMatch(/"role":"worker"/);
    const { records } = await a.client.call<{ records: LogRecord[] }>('GET', '/v1/log?limit=100000');
    expect(records.some((r) => r.code === 'RHA-I2006')).toBe(true);
    expect(records.some((r) => r.code === 'RHA-I2022')).toBe(true);
  });
});
