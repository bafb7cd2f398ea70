// When the worker looks: the peer's disk slot a moment after each new peer beat heard on a network
// link (the peer has just written it), and the silence exactly when it passes dead_after_ms.
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { Worker, type LinksPort } from '../../src/agent/worker.js';
import type { GroupExecutor } from '../../src/actions/executor.js';
import type { HeartbeatEvent } from '../../src/agent/links/types.js';
import { summary } from './links/helpers.js';

class FakeLinks extends EventEmitter implements LinksPort {
  readonly peer = 'node-b';
  diskReads = 0;
  gatewayOk = true;
  gatewayCheckIsCheap() {
    return true;
  }
  async start() {}
  async stop() {}
  send() {}
  pollDisk() {
    this.diskReads++;
  }
  counters() {
    return {} as ReturnType<LinksPort['counters']>;
  }
  storageOk() {
    return true;
  }
  async checkGateway() {
    return { ok: this.gatewayOk, output: this.gatewayOk ? 'reply' : '10.1.0.1 is on no interface that is up' };
  }
  beat(link: HeartbeatEvent['link'], seq: number, receivedAt = performance.now()) {
    const s = summary('node-b', { seq, groups: {} });
    this.emit('heartbeat', { link, summary: s, receivedAt, header: {} as HeartbeatEvent['header'] });
  }
}

const executor = { watch() {}, unwatch() {}, watching: () => [], failures: () => [], clearFailures() {}, keepArmed() {} } as unknown as GroupExecutor;
const quiet = { info() {}, warn() {}, error() {} };

let dir: string;
let worker: Worker | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roseha-worker-'));
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  clock = 0;
});
afterEach(async () => {
  await worker?.stop({ handOver: false });
  worker = undefined;
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

let clock = 0;
function start(links: FakeLinks, extra = '', ex: GroupExecutor = executor) {
  const text = `[cluster]\nname = "t"\nkey_file = "k"\nstate_dir = ${JSON.stringify(dir)}\n[timing]\nprofile = "fast"\n[[node]]\nname = "node-a"\nprivate = "10.0.0.1"\npublic = "10.1.0.1"\n[[node]]\nname = "node-b"\nprivate = "10.0.0.2"\npublic = "10.1.0.2"\n[heartbeat]\ndisk = "/dev/null"\n${extra}`;
  const { config, problems } = parseConfigText(text, join(dir, 'roseha.toml'));
  if (!config) throw new Error(JSON.stringify(problems));
  worker = new Worker({ config, self: 'node-a', incarnation: 'inc-a', links, executor: ex, log: quiet, adopt: null, now: () => clock });
  return worker.start();
}

describe('disk slot read after a peer beat', () => {
  it('reads once per new beat, a few ms after it arrives on a network link (fast: 5 ms)', async () => {
    const links = new FakeLinks();
    await start(links);
    links.beat('private', 1);
    links.beat('public', 1); // the same beat on the second link: no second read
    expect(links.diskReads).toBe(0);
    await vi.advanceTimersByTimeAsync(5);
    expect(links.diskReads).toBe(1);
    links.beat('public', 2);
    await vi.advanceTimersByTimeAsync(5);
    expect(links.diskReads).toBe(2);
  });

  it('a beat read from the disk itself starts no read', async () => {
    const links = new FakeLinks();
    await start(links);
    links.beat('disk', 1);
    await vi.advanceTimersByTimeAsync(5);
    expect(links.diskReads).toBe(0);
  });
});

describe('silence checked when it expires', () => {
  // Time runs with the fake timers: the worker's monotonic clock follows them.
  const advance = async (ms: number) => {
    for (let i = 0; i < ms; i++) {
      clock += 1;
      await vi.advanceTimersByTimeAsync(1);
    }
  };
  /** Starts a worker past its boot grace, off the 25 ms grid of the quarter-beat checks; records when the peer is silent on every link. */
  async function running() {
    const links = new FakeLinks();
    await start(links);
    await advance(1007);
    const deadAt: number[] = [];
    worker!.events.subscribe((e) => {
      if (e.code === 'RHA-W2043') deadAt.push(clock);
    });
    return { links, deadAt };
  }

  it('declares the peer dead at the last beat + dead_after_ms (fast: 300 ms), not at the next quarter-beat check', async () => {
    const { links, deadAt } = await running();
    const lastBeat = clock;
    for (const link of ['private', 'public', 'disk'] as const) links.beat(link, 1, lastBeat);
    await advance(340);
    expect(deadAt).toHaveLength(1);
    expect(deadAt[0]! - lastBeat).toBeGreaterThanOrEqual(300);
    expect(deadAt[0]! - lastBeat).toBeLessThanOrEqual(302);
  });

  it('credits a disk slot holding a beat the networks brought at that beat\'s arrival, not at the read 5 ms later', async () => {
    const { links, deadAt } = await running();
    const lastBeat = clock;
    links.beat('private', 7, lastBeat);
    links.beat('public', 7, lastBeat);
    await advance(5);
    links.beat('disk', 7, clock);
    await advance(340);
    expect(deadAt).toHaveLength(1);
    expect(deadAt[0]! - lastBeat).toBeLessThanOrEqual(302);
  });

  it('counts a disk beat that no network brought (a partition) from its read', async () => {
    const { links, deadAt } = await running();
    links.beat('private', 7, clock);
    links.beat('public', 7, clock);
    await advance(5);
    const read = clock;
    links.beat('disk', 8, read); // written after a beat the networks lost
    await advance(340);
    expect(deadAt).toHaveLength(1);
    expect(deadAt[0]! - read).toBeGreaterThanOrEqual(300);
    expect(deadAt[0]! - read).toBeLessThanOrEqual(302);
  });
});

describe('a group that fails while the public network is down', () => {
  const codes = () => worker!.events.recent().map((e) => e.code);
  it('is handed over, not held against the node (RHA-W2113, no RHA-E2112)', async () => {
    const links = new FakeLinks();
    await start(links);
    links.gatewayOk = false;
    worker!.onExecutorEvent({ type: 'group-failed', code: 'RHA-E3111', group: 'web', resource: 'vip', reason: 'vip: pub0 is down', failures: 1, at: 0 });
    await vi.advanceTimersByTimeAsync(1);
    expect(codes()).toContain('RHA-E2046');
    expect(codes()).toContain('RHA-W2113');
    expect(codes()).not.toContain('RHA-E2112');
  });

  it('with the public network up it is a failure of this node (RHA-E2112)', async () => {
    const links = new FakeLinks();
    await start(links);
    worker!.onExecutorEvent({ type: 'group-failed', code: 'RHA-E3111', group: 'web', resource: 'vip', reason: 'vip: crashed', failures: 3, at: 0 });
    await vi.advanceTimersByTimeAsync(1);
    expect(codes()).toContain('RHA-E2112');
    expect(codes()).not.toContain('RHA-W2113');
  });
});

describe('arming a takeover', () => {
  it('keeps the groups this node may take over armed while they are stopped here, and none once it runs them', async () => {
    const armed: string[][] = [];
    const ex = {
      ...executor,
      stop: async () => ({ group: 'web', op: 'stop', ok: true, ms: 0, steps: [] }),
      start: async () => ({ group: 'web', op: 'start', ok: true, ms: 0, steps: [] }),
      keepArmed: (groups: ReadonlyArray<readonly [string, unknown]>) => void armed.push(groups.map(([name]) => name)),
    } as unknown as GroupExecutor;
    const group = '[group.web]\nnodes = ["node-a", "node-b"]\n[[group.web.resource]]\nname = "s"\ntype = "script"\npath = "/x/s"\n';
    const links = new FakeLinks();
    await start(links, group, ex);
    await vi.advanceTimersByTimeAsync(150);
    expect(armed.at(-1)).toEqual(['web']);
    // The peer never speaks: after the boot grace this node starts the group, and disarms it.
    for (let i = 0; i < 100 && !worker!.events.recent().some((e) => e.code === 'RHA-I2101'); i++) {
      clock += 100;
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(worker!.events.recent().map((e) => e.code)).toContain('RHA-I2101');
    await vi.advanceTimersByTimeAsync(150);
    expect(armed.at(-1)).toEqual([]);
  });

  it('leaves the armory alone while a start runs: the start takes its armed commands one by one', async () => {
    const armed: string[][] = [];
    let finishStart = () => {};
    const ex = {
      ...executor,
      stop: async () => ({ group: 'web', op: 'stop', ok: true, ms: 0, steps: [] }),
      start: () => new Promise((resolve) => (finishStart = () => resolve({ group: 'web', op: 'start', ok: true, ms: 0, steps: [] }))),
      keepArmed: (groups: ReadonlyArray<readonly [string, unknown]>) => void armed.push(groups.map(([name]) => name)),
    } as unknown as GroupExecutor;
    const group = '[group.web]\nnodes = ["node-a", "node-b"]\n[[group.web.resource]]\nname = "s"\ntype = "script"\npath = "/x/s"\n';
    await start(new FakeLinks(), group, ex);
    for (let i = 0; i < 100 && !worker!.events.recent().some((e) => e.code === 'RHA-I2100'); i++) {
      clock += 100;
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(worker!.events.recent().map((e) => e.code)).toContain('RHA-I2100');
    const callsWhenStarted = armed.length;
    for (let i = 0; i < 10; i++) {
      clock += 100;
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(armed.length).toBe(callsWhenStarted); // ten beats, not one call: nothing killed, nothing forked
    finishStart();
    await vi.advanceTimersByTimeAsync(150);
    expect(armed.at(-1)).toEqual([]);
  });
});

describe('failover history across a restart', () => {
  const group = '[group.web]\nnodes = ["node-a", "node-b"]\n[[group.web.resource]]\nname = "s"\ntype = "script"\npath = "/x/s"\n';
  it('failovers recorded before the restart still count: at failover_threshold (2) the group is locked at once (RHA-E2508)', async () => {
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    writeFileSync(join(dir, 'failovers.json'), JSON.stringify({ failovers: { web: [minutesAgo(30), minutesAgo(10)] } }));
    await start(new FakeLinks(), group);
    await vi.advanceTimersByTimeAsync(150);
    expect(worker!.events.recent().map((e) => e.code)).toContain('RHA-E2508');
  });

  it('without them, the same start raises nothing, and the file is left as it was', async () => {
    await start(new FakeLinks(), group);
    await vi.advanceTimersByTimeAsync(150);
    expect(worker!.events.recent().map((e) => e.code)).not.toContain('RHA-E2508');
    expect(() => readFileSync(join(dir, 'failovers.json'))).toThrow(/ENOENT/);
  });
});


describe('storage health before the first disk I/O has answered', () => {
  class SlowLinks extends FakeLinks {
    /** The links take a second to start (sockets, the disk opened), and the first I/O has not answered yet. */
    override async start() {
      clock += 1000;
    }
    override storageOk() {
      return false;
    }
  }
  const selfStorage = () => worker!.status().nodes.find((n) => n.self)?.storageOk;

  it('says healthy for the first I/O\'s time counted from when the links started, not from the worker\'s construction, then broken', async () => {
    await start(new SlowLinks());
    expect(selfStorage()).toBe(true); // 1 s after construction, but the I/O has just begun
    clock += 250;
    expect(selfStorage()).toBe(true);
    clock += 100; // past disk_timeout (2 × 100 ms) + one heartbeat with no answer
    expect(selfStorage()).toBe(false);
  });

  class FlakyLinks extends FakeLinks {
    ok = true;
    override storageOk() {
      return this.ok;
    }
    report(ok: boolean) {
      this.ok = ok;
      this.emit('storage', ok);
    }
  }

  it('a first I/O that fails within that time is not believed until the disk has once worked; after that, at once', async () => {
    const links = new FlakyLinks();
    await start(links);
    clock += 200;
    links.report(false); // the first write ran late on a starved start
    expect(selfStorage()).toBe(true);
    clock += 50;
    links.report(true);
    expect(selfStorage()).toBe(true);
    links.report(false); // now it is known to work: a failure is news
    expect(selfStorage()).toBe(false);
  });

  it('a disk that never worked is broken once that time is up', async () => {
    const links = new FlakyLinks();
    await start(links);
    links.report(false);
    expect(selfStorage()).toBe(true);
    clock += 301;
    expect(selfStorage()).toBe(false);
  });
});
