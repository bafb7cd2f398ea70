import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Guardian, type GuardianDeps, type WorkerHandle } from '../../src/agent/guardian.js';
import type { AdoptState } from '../../src/agent/guardian-protocol.js';

class FakeWorker extends EventEmitter implements WorkerHandle {
  connected = true;
  sent: unknown[] = [];
  constructor(readonly pid: number) {
    super();
  }
  send(m: unknown) {
    this.sent.push(m);
    return true;
  }
  alive(held: Array<{ group: string; epoch: number }>) {
    this.emit('message', { type: 'alive', configGeneration: 1, held });
  }
}

/** The worker's keep-alive every 50 ms, `rounds` times, as a running worker sends it. */
async function keepAlive(w: FakeWorker, rounds: number, held: Array<{ group: string; epoch: number }>) {
  for (let i = 0; i < rounds; i++) {
    w.alive(held);
    await vi.advanceTimersByTimeAsync(50);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const adopts: Array<AdoptState | null> = [];
  const killed: number[] = [];
  const killedAt: number[] = [];
  const released: Array<Array<{ group: string; epoch: number }>> = [];
  const logs: string[] = [];
  const deps: GuardianDeps = {
    spawnWorker(adopt) {
      adopts.push(adopt);
      const w = new FakeWorker(100 + workers.length);
      workers.push(w);
      return w;
    },
    killWorker: (pid) => {
      killed.push(pid);
      killedAt.push(Date.now());
      workers.find((w) => w.pid === pid)?.emit('exit', null, 'SIGKILL');
    },
    release: async (held) => {
      released.push(held);
    },
    now: () => Date.now(),
    log: (_l, code) => logs.push(code),
    keepAliveMs: 50,
    deadlineMs: 200,
    adoptMs: 250,
  };
  return { guardian: new Guardian(deps), deps, workers, adopts, killed, killedAt, released, logs };
}

describe('guardian', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('leaves a worker alone while its keep-alives arrive', async () => {
    const t = setup();
    t.guardian.start();
    await keepAlive(t.workers[0]!, 40, [{ group: 'web', epoch: 3 }]);
    expect(t.killed).toEqual([]);
    expect(t.released).toEqual([]);
  });

  it('kills a hung worker and releases its groups within the deadline, then starts a fresh one', async () => {
    const t = setup();
    t.guardian.start();
    t.workers[0]!.alive([{ group: 'web', epoch: 3 }]);
    const hungAt = Date.now();
    await vi.advanceTimersByTimeAsync(200);
    expect(t.killed).toEqual([]);
    await vi.advanceTimersByTimeAsync(60);
    expect(t.killed).toEqual([100]);
    expect(t.released).toEqual([[{ group: 'web', epoch: 3 }]]);
    expect(t.killedAt[0]! - hungAt).toBeLessThanOrEqual(200 + 25);
    expect(t.logs).toContain('RHA-E2004');
    // It sits out one detection period (2 × the deadline), so that the peer takes over.
    await vi.advanceTimersByTimeAsync(300);
    expect(t.workers).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(150);
    expect(t.workers).toHaveLength(2);
    expect(t.adopts[1]).toBeNull();
  });

  it('restarts a crashed worker at once, telling it what to adopt, and releases nothing', async () => {
    const t = setup();
    t.guardian.start();
    t.workers[0]!.alive([{ group: 'web', epoch: 7 }]);
    t.workers[0]!.emit('exit', null, 'SIGKILL');
    expect(t.workers).toHaveLength(2);
    expect(t.adopts[1]).toEqual({ held: [{ group: 'web', epoch: 7 }] });
    expect(t.released).toEqual([]);
  });

  it('stops a crash loop by releasing the groups', async () => {
    const t = setup();
    t.guardian.start();
    t.workers[0]!.alive([{ group: 'web', epoch: 1 }]);
    for (let i = 0; i < 11; i++) t.workers[t.workers.length - 1]!.emit('exit', 1, null);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.released).toEqual([[{ group: 'web', epoch: 1 }]]);
    expect(t.logs).toContain('RHA-E2002');
  });

  it('does not blame the worker for the guardian\'s own pause', async () => {
    const t = setup();
    t.guardian.start();
    t.workers[0]!.alive([]);
    // The timers stall for a second (the guardian was frozen), then run on.
    vi.setSystemTime(Date.now() + 1000);
    await vi.advanceTimersByTimeAsync(25);
    expect(t.killed).toEqual([]);
  });

  it('asks the worker to hand over on stop, and kills and releases if it does not exit', async () => {
    const t = setup();
    t.guardian.start();
    t.workers[0]!.alive([{ group: 'web', epoch: 2 }]);
    const stopped = t.guardian.stop(500);
    expect(t.workers[0]!.sent).toEqual([{ type: 'shutdown' }]);
    await vi.advanceTimersByTimeAsync(500);
    await stopped;
    expect(t.killed).toEqual([100]);
    expect(t.released).toEqual([[{ group: 'web', epoch: 2 }]]);
  });

  it('gives a fresh worker that holds nothing time to start', async () => {
    const t = setup();
    t.guardian.start();
    await vi.advanceTimersByTimeAsync(2000);
    expect(t.killed).toEqual([]);
  });

  it('releases the groups if a worker restarted to adopt them stays silent past the deadline', async () => {
    const t = setup();
    t.guardian.start();
    t.workers[0]!.alive([{ group: 'web', epoch: 4 }]);
    t.workers[0]!.emit('exit', null, 'SIGKILL');
    expect(t.adopts[1]).toEqual({ held: [{ group: 'web', epoch: 4 }] });
    // "Still loading" pings prove the process is not hung, not that the peer hears us again.
    for (let i = 0; i < 12; i++) {
      t.workers[1]!.emit('message', { type: 'starting' });
      await vi.advanceTimersByTimeAsync(26);
    }
    expect(t.killed).toEqual([101]);
    expect(t.released).toEqual([[{ group: 'web', epoch: 4 }]]);
  });

  it('replaces a crashed worker with the loaded spare, told what to adopt', async () => {
    const t = setup();
    const spares: FakeWorker[] = [];
    const g = new Guardian({
      ...t.deps,
      spawnSpare: () => {
        const s = new FakeWorker(900 + spares.length);
        spares.push(s);
        return s;
      },
    });
    g.start();
    expect(spares).toHaveLength(0); // not before the worker runs: they would compete for the CPU
    t.workers[0]!.alive([{ group: 'web', epoch: 6 }]);
    expect(spares).toHaveLength(1);
    spares[0]!.emit('message', { type: 'spare-ready' });
    t.workers[0]!.emit('exit', null, 'SIGKILL');
    expect(t.workers).toHaveLength(1); // nothing forked: the spare took over
    expect(spares[0]!.sent).toEqual([{ type: 'activate', adopt: { held: [{ group: 'web', epoch: 6 }] } }]);
    // The activated spare is the worker now: its keep-alives count, and a new spare follows.
    spares[0]!.alive([{ group: 'web', epoch: 6 }]);
    expect(spares).toHaveLength(2);
    await keepAlive(spares[0]!, 20, [{ group: 'web', epoch: 6 }]);
    expect(t.killed).toEqual([]);
    expect(t.released).toEqual([]);
  });

  it('forks a fresh worker when the spare is not ready yet', async () => {
    const t = setup();
    const spares: FakeWorker[] = [];
    const g = new Guardian({ ...t.deps, spawnSpare: () => { const s = new FakeWorker(900 + spares.length); spares.push(s); return s; } });
    g.start();
    t.workers[0]!.alive([]);
    t.workers[0]!.emit('exit', 1, null);
    expect(t.workers).toHaveLength(2);
    expect(spares[0]!.sent).toEqual([]);
  });

  describe('watchdog', () => {
    /** A watchdog that records pets (by the fake clock) and the disarm. */
    function withWatchdog(overrides: Partial<GuardianDeps> = {}) {
      const t = setup();
      const pets: number[] = [];
      const events: string[] = [];
      const g = new Guardian({
        ...t.deps,
        ...overrides,
        watchdog: {
          pet: () => {
            pets.push(Date.now());
            events.push('pet');
          },
          disarm: () => events.push('disarm'),
        },
      });
      return { ...t, guardian: g, pets, events };
    }

    it('is kept alive on every tick while the guardian runs', async () => {
      const t = withWatchdog();
      t.guardian.start();
      await keepAlive(t.workers[0]!, 20, [{ group: 'web', epoch: 1 }]);
      // a tick every keepAliveMs / 2 = 25 ms over 1 s
      expect(t.pets.length).toBeGreaterThanOrEqual(38);
      expect(t.events).not.toContain('disarm');
    });

    it('is kept alive through a release that ends within the deadline', async () => {
      const t = withWatchdog({ release: () => new Promise((r) => setTimeout(r, 150)) });
      t.guardian.start();
      t.workers[0]!.alive([{ group: 'web', epoch: 1 }]);
      await vi.advanceTimersByTimeAsync(260); // hung: killed, release under way
      expect(t.killed).toEqual([100]);
      const before = t.pets.length;
      await vi.advanceTimersByTimeAsync(150);
      expect(t.pets.length - before).toBeGreaterThanOrEqual(5);
      expect(t.logs).not.toContain('RHA-E2018');
    });

    it('is left to reset the node when a release runs past the deadline, and kept alive again once it ends', async () => {
      let finish = () => {};
      const t = withWatchdog({ release: () => new Promise<void>((r) => (finish = r)) });
      t.guardian.start();
      t.workers[0]!.alive([{ group: 'web', epoch: 1 }]);
      await vi.advanceTimersByTimeAsync(260);
      const releaseStartedAt = Date.now();
      expect(t.killed).toEqual([100]);
      await vi.advanceTimersByTimeAsync(600);
      expect(t.logs.filter((c) => c === 'RHA-E2018')).toHaveLength(1);
      const lastPet = t.pets[t.pets.length - 1]!;
      expect(lastPet - releaseStartedAt).toBeLessThanOrEqual(200); // none after the deadline
      const finishedAt = Date.now();
      finish();
      await vi.advanceTimersByTimeAsync(50);
      expect(t.pets[t.pets.length - 1]!).toBeGreaterThanOrEqual(finishedAt);
    });

    it('a clean stop keeps it alive while the worker hands over, then disarms it, and nothing after', async () => {
      const t = withWatchdog();
      t.guardian.start();
      t.workers[0]!.alive([{ group: 'web', epoch: 1 }]);
      const stopped = t.guardian.stop(5000);
      const before = t.pets.length;
      await vi.advanceTimersByTimeAsync(300); // the worker takes its time to stop its groups
      expect(t.pets.length - before).toBeGreaterThanOrEqual(10);
      t.workers[0]!.emit('exit', 0, null);
      await stopped;
      expect(t.events[t.events.length - 1]).toBe('disarm');
      expect(t.logs).toContain('RHA-I2019');
      await vi.advanceTimersByTimeAsync(200);
      expect(t.events[t.events.length - 1]).toBe('disarm');
    });

    it('a failing write is logged once, and the loop goes on', async () => {
      const t = setup();
      let calls = 0;
      const g = new Guardian({ ...t.deps, watchdog: { pet: () => { calls++; throw new Error('EIO'); }, disarm: () => {} } });
      g.start();
      await keepAlive(t.workers[0]!, 8, []);
      expect(calls).toBeGreaterThanOrEqual(14);
      expect(t.logs.filter((c) => c === 'RHA-W2017')).toHaveLength(1);
      expect(t.killed).toEqual([]);
    });
  });
});
