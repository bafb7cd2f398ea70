// Two real agents on loopback: they see each other, a killed node's group moves, a killed worker is
// adopted, a stopped worker is released by its guardian before the peer takes over.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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
});
