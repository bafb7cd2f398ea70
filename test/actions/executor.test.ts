import { describe, it, expect, vi, afterEach } from 'vitest';
import { createExecutor, type ExecutorEvent } from '../../src/actions/executor.js';
import { RosehaError } from '../../src/errors.js';
import type { DriverTable, MonitorResult, ResourceDriver } from '../../src/actions/types.js';
import type { ResourceConfig } from '../../src/config/schema.js';
import { RecordingRunner } from '../../src/platform/recording-runner.js';
import type { ArmedCommands } from '../../src/platform/types.js';
import { group } from './helpers.js';
import { garpProgram } from '../../src/actions/linux/garp.js';

/** Script resources backed by an in-memory world: what runs, what fails, and a journal of calls. */
function world() {
  const running = new Set<string>();
  const journal: string[] = [];
  const failStart = new Set<string>();
  const failStop = new Set<string>();
  const hang = new Set<string>();
  const monitorOverride = new Map<string, MonitorResult>();
  const driver: ResourceDriver<Extract<ResourceConfig, { type: 'script' }>> = {
    type: 'script',
    async start(r) {
      journal.push(`start ${r.name}`);
      if (hang.has(r.name)) return new Promise(() => {});
      if (failStart.has(r.name)) throw new RosehaError('RHA-E3050', `${r.name}: exit 1: boom`);
      running.add(r.name);
    },
    async stop(r) {
      journal.push(`stop ${r.name}`);
      if (failStop.has(r.name)) throw new RosehaError('RHA-E3051', `${r.name}: exit 1: stuck`);
      running.delete(r.name);
    },
    async monitor(r) {
      journal.push(`monitor ${r.name}`);
      return monitorOverride.get(r.name) ?? (running.has(r.name) ? { status: 'running' } : { status: 'stopped' });
    },
  };
  const drivers = { script: driver } as unknown as DriverTable;
  return { running, journal, failStart, failStop, hang, monitorOverride, drivers };
}

const res = (name: string, extra: Record<string, unknown> = {}) => ({ type: 'script', name, path: `/x/${name}`, ...extra });
const abc = (extra: Record<string, unknown> = {}, res2: Record<string, unknown> = {}) =>
  group([res('a'), res('b', res2), res('c')], extra);

function executor(w: ReturnType<typeof world>, events: ExecutorEvent[] = [], random = () => 0) {
  return createExecutor({ drivers: w.drivers, runner: new RecordingRunner(), platform: 'linux', stateDir: '/tmp/x', onEvent: (e) => events.push(e), random });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('group executor: start and stop', () => {
  it('starts in order, stops in reverse, with a timing per step', async () => {
    const w = world();
    const ex = executor(w);
    const started = await ex.start('g', abc());
    expect(w.journal).toEqual(['start a', 'start b', 'start c']);
    expect(started.steps.map((s) => [s.resource, s.op, s.ok])).toEqual([['a', 'start', true], ['b', 'start', true], ['c', 'start', true]]);
    for (const s of started.steps) expect(s.ms).toBeGreaterThanOrEqual(0);
    w.journal.length = 0;
    const stopped = await ex.stop('g', abc());
    expect(w.journal).toEqual(['stop c', 'stop b', 'stop a']);
    expect(stopped.ok).toBe(true);
  });

  it('a failing middle resource rolls back: the failed one and those before it stop in reverse; the error says who and why', async () => {
    const w = world();
    w.failStart.add('b');
    const err = await executor(w).start('g', abc()).catch((e) => e);
    expect(w.journal).toEqual(['start a', 'start b', 'stop b', 'stop a']);
    expect(w.running.size).toBe(0);
    expect(err).toBeInstanceOf(RosehaError);
    expect(err.code).toBe('RHA-E3100');
    expect(err.message).toBe('group g: b failed to start: b: exit 1: boom; rolled back a');
    expect(err.details).toMatchObject({ group: 'g', resource: 'b', causeCode: 'RHA-E3050', rollbackFailed: [] });
    expect(err.details.steps.map((s: { resource: string; op: string; ok: boolean; rollback?: boolean }) => `${s.op} ${s.resource} ${s.ok}${s.rollback ? ' rollback' : ''}`)).toEqual([
      'start a true',
      'start b false',
      'stop b true rollback',
      'stop a true rollback',
    ]);
  });

  it('a rollback that fails too is RHA-E3102 and names what is left', async () => {
    const w = world();
    w.failStart.add('c');
    w.failStop.add('a');
    const err = await executor(w).start('g', abc()).catch((e) => e);
    expect(err.code).toBe('RHA-E3102');
    expect(err.message).toContain('rollback incomplete: a (a: exit 1: stuck)');
    expect(w.running).toEqual(new Set(['a']));
  });

  it('a start that overruns its timeout fails with RHA-E3103 and is rolled back', async () => {
    vi.useFakeTimers();
    const w = world();
    w.hang.add('b');
    const p = executor(w).start('g', abc({}, { start_timeout_ms: 1000 })).catch((e) => e);
    await vi.advanceTimersByTimeAsync(3001);
    const err = await p;
    expect(err.code).toBe('RHA-E3100');
    expect(err.details.causeCode).toBe('RHA-E3103');
    expect(w.journal).toEqual(['start a', 'start b', 'stop b', 'stop a']);
  });

  it('stop goes on past a failure (releasing what it can) and reports RHA-E3101', async () => {
    const w = world();
    const ex = executor(w);
    await ex.start('g', abc());
    w.failStop.add('b');
    const err = await ex.stop('g', abc()).catch((e) => e);
    expect(w.journal.slice(3)).toEqual(['stop c', 'stop b', 'stop a']);
    expect(err.code).toBe('RHA-E3101');
    expect(err.details.resources).toEqual(['b']);
    expect(w.running).toEqual(new Set(['b']));
  });

  it('adopt: running only when every monitor says running', async () => {
    const w = world();
    const ex = executor(w);
    expect(await ex.adopt('g', abc())).toMatchObject({ running: false, stopped: true });
    await ex.start('g', abc());
    const full = await ex.adopt('g', abc());
    expect(full.running).toBe(true);
    expect(full.resources.map((r) => r.status)).toEqual(['running', 'running', 'running']);
    w.running.delete('c');
    expect(await ex.adopt('g', abc())).toMatchObject({ running: false, stopped: false });
  });
});

describe('group executor: monitors and local restarts (fake clock)', () => {
  it('first runs are jittered within the interval, then every interval', async () => {
    vi.useFakeTimers();
    const w = world();
    const ex = executor(w, [], () => 0.5);
    await ex.start('g', abc({}, {}));
    w.journal.length = 0;
    ex.watch('g', abc());
    await vi.advanceTimersByTimeAsync(999); // interval 2000 ms × jitter 0.5 = 1000 ms
    expect(w.journal).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.journal).toEqual(['monitor a', 'monitor b', 'monitor c']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(w.journal.length).toBe(6);
    ex.unwatch();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.journal.length).toBe(6);
  });

  it('runs never overlap: a slow monitor delays its own next run', async () => {
    vi.useFakeTimers();
    const w = world();
    let inFlight = 0;
    let maxInFlight = 0;
    const slow = w.drivers.script.monitor;
    w.drivers.script.monitor = async (r, ctx) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((res) => setTimeout(res, 5000));
      inFlight--;
      return slow(r, ctx);
    };
    const ex = executor(w);
    // The monitor outlives its timeout (1 s + 2 s overrun): the executor reports it, but waits for it before the next run.
    const g = group([res('a', { monitor_interval_ms: 1000, monitor_timeout_ms: 1000 })], { max_restarts: 100 });
    await ex.start('g', g);
    ex.watch('g', g);
    await vi.advanceTimersByTimeAsync(30_000);
    ex.unwatch();
    expect(maxInFlight).toBe(1);
  });

  it('restarts a failing resource and those after it, up to max_restarts within restart_period_s, then fails the group', async () => {
    vi.useFakeTimers();
    const w = world();
    const events: ExecutorEvent[] = [];
    const ex = executor(w, events);
    const g = abc({ max_restarts: 2, restart_period_s: 60 });
    await ex.start('g', g);
    ex.watch('g', g);
    await vi.advanceTimersByTimeAsync(1); // first runs at jitter 0
    w.journal.length = 0;

    w.running.delete('b'); // b dies
    await vi.advanceTimersByTimeAsync(2000);
    expect(w.journal.filter((j) => !j.startsWith('monitor'))).toEqual(['stop c', 'stop b', 'start b', 'start c']);
    expect(ex.failures('g').find((f) => f.resource === 'b')?.count).toBe(1);

    w.running.delete('b');
    await vi.advanceTimersByTimeAsync(2000);
    expect(events.filter((e) => e.type === 'resource-restarted')).toHaveLength(2);

    w.running.delete('b'); // third failure within 60 s: over max_restarts = 2
    await vi.advanceTimersByTimeAsync(2000);
    const failed = events.filter((e) => e.type === 'group-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ group: 'g', resource: 'b', failures: 3, code: 'RHA-E3111' });
    expect(events.filter((e) => e.type === 'resource-failed').map((e) => (e as { willRestart: boolean }).willRestart)).toEqual([true, true, false]);
    expect(ex.watching()).toEqual([]);
    expect(ex.failures('g')).toEqual([expect.objectContaining({ resource: 'b', count: 3 })]);
    ex.clearFailures('g');
    expect(ex.failures()).toEqual([]);
  });

  it('failures older than restart_period_s no longer count', async () => {
    vi.useFakeTimers();
    const w = world();
    const events: ExecutorEvent[] = [];
    const ex = executor(w, events);
    const g = group([res('a')], { max_restarts: 1, restart_period_s: 10 });
    await ex.start('g', g);
    ex.watch('g', g);
    await vi.advanceTimersByTimeAsync(1);
    w.running.delete('a');
    await vi.advanceTimersByTimeAsync(2000); // failure 1: restart
    await vi.advanceTimersByTimeAsync(10_000); // the window passes
    expect(ex.failures('g')[0]?.count).toBe(0);
    w.running.delete('a');
    await vi.advanceTimersByTimeAsync(2000); // failure 2, but alone in its window: restart again
    expect(events.filter((e) => e.type === 'group-failed')).toEqual([]);
    expect(events.filter((e) => e.type === 'resource-restarted')).toHaveLength(2);
    ex.unwatch();
  });

  it('max_restarts = 0 fails the group at the first monitor failure; a failed restart fails it too', async () => {
    vi.useFakeTimers();
    const w = world();
    const events: ExecutorEvent[] = [];
    const ex = executor(w, events);
    const g = group([res('a')], { max_restarts: 0 });
    await ex.start('g', g);
    ex.watch('g', g);
    await vi.advanceTimersByTimeAsync(1);
    w.monitorOverride.set('a', { status: 'failed', output: 'exit 1: db down' });
    await vi.advanceTimersByTimeAsync(2000);
    expect(events.map((e) => e.type)).toEqual(['resource-failed', 'group-failed']);
    expect(w.journal.filter((j) => j.startsWith('st'))).toEqual(['start a']); // no restart attempted

    const w2 = world();
    const events2: ExecutorEvent[] = [];
    const ex2 = executor(w2, events2);
    const g2 = group([res('a')], { max_restarts: 3 });
    await ex2.start('g', g2);
    ex2.watch('g', g2);
    await vi.advanceTimersByTimeAsync(1);
    w2.running.delete('a');
    w2.failStart.add('a');
    await vi.advanceTimersByTimeAsync(2000);
    expect(events2.map((e) => e.type)).toEqual(['resource-failed', 'resource-restarted', 'group-failed']);
    expect(events2[1]).toMatchObject({ ok: false, code: 'RHA-E3113' });
  });

  it('a monitor that overruns its timeout counts as a failure', async () => {
    vi.useFakeTimers();
    const w = world();
    const events: ExecutorEvent[] = [];
    w.drivers.script.monitor = () => new Promise((res) => setTimeout(() => res({ status: 'running' }), 60_000));
    const ex = executor(w, events);
    const g = group([res('a', { monitor_timeout_ms: 1000 })], { max_restarts: 0 });
    await ex.start('g', g);
    ex.watch('g', g);
    await vi.advanceTimersByTimeAsync(3100);
    expect(events[0]).toMatchObject({ type: 'resource-failed', resource: 'a' });
    expect((events[0] as { output: string }).output).toMatch(/did not finish within 1000 ms/);
    ex.unwatch();
  });
});

describe('group executor: stop ends monitoring', () => {
  it('stopping a watched group ends its monitors (they would otherwise restart what was stopped)', async () => {
    vi.useFakeTimers();
    const w = world();
    const events: ExecutorEvent[] = [];
    const ex = executor(w, events);
    await ex.start('g', abc());
    ex.watch('g', abc());
    expect(ex.watching()).toEqual(['g']);
    await ex.stop('g', abc());
    expect(ex.watching()).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events).toEqual([]);
    expect(w.journal.filter((j) => j.startsWith('monitor'))).toEqual([]);
  });
});

describe('group executor: hard stop', () => {
  it('takes everything down at once; a volume still busy is tried again once the rest is down', async () => {
    const journal: string[] = [];
    const pending = new Map<string, () => void>();
    let volumeTries = 0;
    const gated = (type: string) => ({
      type,
      async start() {},
      async stop(r: { name: string }) {
        if (r.name === 'data') {
          volumeTries += 1;
          journal.push(`umount try ${volumeTries}`);
          if (volumeTries === 1) throw new RosehaError('RHA-E3023', 'data: target is busy');
          return;
        }
        journal.push(`begin ${r.name}`);
        await new Promise<void>((resolve) => pending.set(r.name, resolve));
        journal.push(`end ${r.name}`);
        if (r.name === 'app') throw new RosehaError('RHA-E3051', 'app: stuck');
      },
      async monitor() {
        return { status: 'stopped' as const };
      },
    });
    const drivers = { volume: gated('volume'), ip: gated('ip'), process: gated('process'), service: gated('service'), script: gated('script') } as unknown as DriverTable;
    const ex = createExecutor({ drivers, runner: new RecordingRunner(), platform: 'linux', stateDir: '/tmp/x' });
    const g = group([
      { type: 'volume', name: 'data', disk: '/dev/x', mount: '/m' },
      { type: 'ip', name: 'vip', address: '10.0.0.9/24', interface: 'eth0' },
      { type: 'process', name: 'app', command: ['/bin/app'] },
    ] as never);
    const done = ex.stop('g', g, { hard: true }).catch((e: RosehaError) => e);
    await new Promise((r) => setTimeout(r, 10));
    // The address, the process and a first unmount all go at once.
    expect(journal).toEqual(['umount try 1', 'begin app', 'begin vip']);
    pending.get('vip')!();
    await new Promise((r) => setTimeout(r, 10));
    expect(journal).toEqual(['umount try 1', 'begin app', 'begin vip', 'end vip']);
    pending.get('app')!();
    const err = await done;
    // The busy volume was tried again after the others, and the stuck process is reported.
    expect(journal.slice(-2)).toEqual(['end app', 'umount try 2']);
    expect(err).toBeInstanceOf(RosehaError);
    expect((err as RosehaError).code).toBe('RHA-E3101');
    expect((err as RosehaError).message).toMatch(/app/);
    expect((err as RosehaError).message).not.toMatch(/data/);
  });
});

describe('group executor: arming a takeover', () => {
  it('hands the runner the cold-start commands of the given groups, in order; none for drivers without them', async () => {
    const { driversFor } = await import('../../src/actions/index.js');
    const drivers = await driversFor('linux');
    const armed: string[][] = [];
    const line = (s: { file: string; args: readonly string[] }) => [s.file, ...s.args].join(' ');
    const runner = Object.assign(new RecordingRunner(), {
      keepArmed: (c: ArmedCommands) => void armed.push([...c.run.map(line), ...c.detached.map((d) => `detached: ${line(d)}`)]),
    });
    const ex = createExecutor({ drivers, runner, platform: 'linux', stateDir: '/tmp/x' });
    const web = group([
      { type: 'volume', name: 'd', disk: '/dev/sdb1', mount: '/srv/d' },
      { type: 'ip', name: 'v', address: '10.0.0.9/24', interface: 'eth0' },
      { type: 'script', name: 's', path: '/x/s' },
      { type: 'process', name: 'p', command: ['/opt/srv', '--port', '80'] },
    ]);
    ex.keepArmed([['web', web]]);
    ex.keepArmed([]);
    expect(armed).toEqual([
      [
        'blockdev --setrw /dev/sdb1',
        'mount /dev/sdb1 /srv/d',
        'ip addr add 10.0.0.9/24 dev eth0',
        `detached: perl -e ${garpProgram} eth0 10.0.0.9 2`,
        'detached: /opt/srv --port 80',
      ],
      [],
    ]);
  });
});
