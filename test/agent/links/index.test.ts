// The Links facade as the worker uses it: two nodes on loopback (127.0.0.x) with a file as the disk.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Links, type HeartbeatEvent, type LinksOptions } from '../../../src/agent/links/index.js';
import type { Runner } from '../../../src/platform/types.js';
import { config, key, summary } from './helpers.js';

/** A runner that fails the test if anything tries to spawn. */
const noRunner: Runner = {
  run: async (spec) => {
    throw new Error(`unexpected command ${spec.file}`);
  },
  spawnDetached: async (spec) => {
    throw new Error(`unexpected command ${spec.file}`);
  },
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'roseha-links-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const running: Links[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((l) => l.stop()));
});

/** Documentation addresses that are on no interface of this machine (binding them fails like an unplugged NIC). */
const local = new Set(Object.values(networkInterfaces()).flatMap((l) => (l ?? []).map((i) => i.address)));
const [absent1, absent2] = ['198.51.100.77', '203.0.113.77', '198.51.100.78', '203.0.113.78'].filter((a) => !local.has(a)) as [string, string];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(5);
  }
}

/** Both nodes send a heartbeat every 20 ms until `done`. */
async function beatUntil(a: Links, b: Links, done: () => boolean): Promise<void> {
  let seq = 0;
  const timer = setInterval(() => {
    seq++;
    a.send(summary('node-a', { seq }));
    b.send(summary('node-b', { seq }));
  }, 20);
  try {
    await until(done);
  } finally {
    clearInterval(timer);
  }
}

function make(self: 'node-a' | 'node-b', port: number, disk: string, over: Partial<LinksOptions> = {}): Links {
  const l = new Links({ config: config({ heartbeat: { port, disk } }), self, key, runner: noRunner, ...over });
  running.push(l);
  return l;
}

describe('Links facade', () => {
  it('two nodes hear each other on private, public and disk within a few heartbeats', async () => {
    const port = randomInt(20_000, 60_000);
    const disk = join(dir, 'shared.img');
    const a = make('node-a', port, disk);
    const b = make('node-b', port, disk);
    expect(a.peer).toBe('node-b');
    const heard: HeartbeatEvent[] = [];
    const storage: boolean[] = [];
    b.on('heartbeat', (e) => heard.push(e));
    b.on('storage', (ok) => storage.push(ok));
    await a.start();
    await b.start();
    const t0 = performance.now();
    await beatUntil(a, b, () => new Set(heard.map((e) => e.link)).size === 3);
    const firstByLink = Object.fromEntries(['private', 'public', 'disk'].map((l) => [l, heard.find((e) => e.link === l)!.receivedAt - t0]));
    expect(Math.max(...Object.values(firstByLink))).toBeLessThan(1000);
    expect(storage).toEqual([true]);
    expect(b.storageOk()).toBe(true);
    const c = b.counters();
    expect(c.private).toMatchObject({ link: 'private', bound: true });
    expect(c.public).toMatchObject({ link: 'public', bound: true });
    expect(c.private.accepted).toBeGreaterThan(0);
    expect(c.public.accepted).toBeGreaterThan(0);
    expect(c.disk).toMatchObject({ link: 'disk', storageOk: true });
    expect(c.disk!.accepted).toBeGreaterThan(0);
    for (const e of heard) expect(e.summary.node).toBe('node-a');
  });

  it("each node opens its own heartbeat.on.NODE disk path (one disk, a different name on each node)", async () => {
    const port = randomInt(20_000, 60_000);
    const disk = join(dir, 'per-node.img');
    writeFileSync(disk, Buffer.alloc(1024 * 1024));
    symlinkSync(disk, join(dir, 'per-node-alias.img'));
    const heartbeat = { port, disk: join(dir, 'missing', 'shared-name.img'), on: { 'node-a': { disk }, 'node-b': { disk: join(dir, 'per-node-alias.img') } } };
    const open = (self: 'node-a' | 'node-b') => {
      const l = new Links({ config: config({ heartbeat }), self, key, runner: noRunner });
      running.push(l);
      return l;
    };
    const a = open('node-a');
    const b = open('node-b');
    const heard: HeartbeatEvent[] = [];
    b.on('heartbeat', (e) => heard.push(e));
    await a.start();
    await b.start();
    await beatUntil(a, b, () => heard.some((e) => e.link === 'disk'));
    expect(b.storageOk()).toBe(true);
  });

  it('comes up with one network link when the other address is missing, and says so in its counters', async () => {
    const port = randomInt(20_000, 60_000);
        const a = make('node-a', port, join(dir, 'one-link.img'), { overrides: { public: { bind: absent1 }, disk: false } });
    const warnings: object[] = [];
    const a2 = new Links({
      config: config({ heartbeat: { port: port + 1 } }),
      self: 'node-a',
      key,
      runner: noRunner,
      logger: { info() {}, debug() {}, warn: (o) => warnings.push(o) },
      overrides: { public: { bind: absent1 } },
    });
    running.push(a2);
    await a.start();
    await a2.start();
    expect(a.counters().private.bound).toBe(true);
    expect(a.counters().public.bound).toBe(false);
    expect(a.counters().disk).toBeUndefined();
    expect(a.storageOk()).toBeNull();
    expect(warnings).toEqual([expect.objectContaining({ code: 'RHA-E2404', link: 'public' })]);
  });

  it('refuses to start when no network link can listen', async () => {
    const a = make('node-a', randomInt(20_000, 60_000), join(dir, 'none.img'), {
      overrides: { private: { bind: absent1 }, public: { bind: absent2 }, disk: false },
    });
    await expect(a.start()).rejects.toMatchObject({ code: 'RHA-E2404' });
  });

  it('refuses a node name that is not in the config, a short key, and a Windows disk without the helper', () => {
    const cfg = config({ heartbeat: { disk: join(dir, 'x.img') } });
    expect(() => new Links({ config: cfg, self: 'node-z', key, runner: noRunner })).toThrow(expect.objectContaining({ code: 'RHA-E2412' }));
    expect(() => new Links({ config: cfg, self: 'node-a', key: Buffer.from('short'), runner: noRunner })).toThrow(expect.objectContaining({ code: 'RHA-E2401' }));
    expect(() => new Links({ config: cfg, self: 'node-a', key, runner: noRunner, platform: 'win32' })).toThrow(expect.objectContaining({ code: 'RHA-E2413' }));
  });

  it('asks the runner to ping the configured gateway', async () => {
    const calls: string[][] = [];
    const runner: Runner = {
      run: async (spec) => {
        calls.push([spec.file, ...spec.args]);
        return { exitCode: 0, stdout: '64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.2 ms', stderr: '', timedOut: false, durationMs: 1 };
      },
      spawnDetached: noRunner.spawnDetached,
    };
    const l = new Links({ config: config({ heartbeat: { gateway: '10.0.0.1' } }), self: 'node-a', key, runner, platform: 'linux' });
    await expect(l.checkGateway(800)).resolves.toMatchObject({ status: 'passing', ok: true });
    expect(calls).toEqual([['ping', '-c', '1', '-W', '1', '-n', '10.0.0.1']]);
  });

  it('on Linux, once started, keeps one ping running for every check (no process per check), and ends it on stop', async () => {
    const spawned: string[][] = [];
    let killed = 0;
    let say: (line: string) => void = () => undefined;
    const runner: Runner = {
      run: async () => {
        throw new Error('no ping per check');
      },
      spawnDetached: noRunner.spawnDetached,
      spawnInteractive: (spec) => {
        spawned.push([spec.file, ...spec.args]);
        return { pid: 1, write() {}, onLine: (l) => void (say = l), onStderr() {}, onExit() {}, kill: () => void killed++ };
      },
    };
    const port = randomInt(20_000, 60_000);
    let up = true;
    const interfaces = () => (up ? { lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4' as const, mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }] } : {});
    const l = new Links({ config: config({ heartbeat: { port, gateway: '10.0.0.1' } }), self: 'node-a', key, runner, platform: 'linux', interfaces });
    running.push(l);
    expect(l.gatewayCheckIsCheap()).toBe(true);
    await l.start();
    await l.checkGateway();
    say('64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.2 ms');
    await expect(l.checkGateway()).resolves.toMatchObject({ status: 'passing', output: '64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.2 ms' });
    say('no answer yet for icmp_seq=2');
    await expect(l.checkGateway()).resolves.toMatchObject({ status: 'critical' });
    say('64 bytes from 10.0.0.1: icmp_seq=3 ttl=64 time=0.2 ms');
    // The public interface went down: known at once, before ping's next echo could tell.
    up = false;
    await expect(l.checkGateway()).resolves.toMatchObject({ status: 'critical', output: expect.stringMatching(/is on no interface that is up/) });
    expect(spawned).toEqual([['ping', '-O', '-n', '-i', '0.5', '-W', '1', '10.0.0.1']]);
    await l.stop();
    expect(killed).toBe(1);
  });
});
