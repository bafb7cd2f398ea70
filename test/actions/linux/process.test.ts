import { describe, it, expect } from 'vitest';
import { RecordingRunner } from '../../../src/platform/recording-runner.js';
import { processDriver } from '../../../src/actions/linux/process.js';
import { ctxFor, resource } from '../helpers.js';

const p = resource({ type: 'process', name: 'worker', command: ['/usr/bin/worker', '--port', '8080'], cwd: '/srv', env: { MODE: 'ha' }, stop_grace_ms: 1000 });
const pidFile = '/var/lib/roseha/process/worker.pid';

describe('process driver (recording runner, fake process host)', () => {
  it('start: spawns detached with cwd, env and a log file, then writes "pid starttime"', async () => {
    const rec = new RecordingRunner().stubSpawn(['/usr/bin/worker', '--port', '8080'], { pid: 4321, startTime: '777' });
    await processDriver.start(p, ctxFor(rec));
    rec.verify();
    expect(rec.spawned[0]).toMatchObject({ cwd: '/srv', env: { MODE: 'ha' }, logFile: '/var/lib/roseha/process/worker.log' });
    expect(rec.host.pidFiles.get(pidFile)).toEqual({ pid: 4321, startTime: '777' });
    expect((await processDriver.monitor(p, ctxFor(rec))).status).toBe('running');
  });

  it('start is idempotent while ours runs; a spawn error is E3040; an instant exit E3041', async () => {
    const rec = new RecordingRunner();
    rec.host.addProcess(50, '9');
    rec.host.pidFiles.set(pidFile, { pid: 50, startTime: '9' });
    await processDriver.start(p, ctxFor(rec));
    expect(rec.spawned).toEqual([]);
    const bad = new RecordingRunner().stubSpawn(/worker/, Object.assign(new Error('spawn /usr/bin/worker ENOENT'), { code: 'ENOENT' }));
    await expect(processDriver.start(p, ctxFor(bad))).rejects.toMatchObject({ code: 'RHA-E3040' });
    const quick = new RecordingRunner().stubSpawn(/worker/, { pid: 60 });
    quick.host.procs.clear();
    const origSpawn = quick.spawnDetached.bind(quick);
    quick.spawnDetached = async (spec) => {
      const r = await origSpawn(spec);
      quick.host.procs.delete(r.pid); // died before we looked
      return r;
    };
    await expect(processDriver.start(p, ctxFor(quick))).rejects.toMatchObject({ code: 'RHA-E3041' });
  });

  it('PID reuse: a pid whose start time differs is not ours: monitor says stopped, stop signals nothing', async () => {
    const rec = new RecordingRunner();
    rec.host.pidFiles.set(pidFile, { pid: 50, startTime: '9' });
    rec.host.addProcess(50, '12345'); // someone else's process now has pid 50
    expect((await processDriver.monitor(p, ctxFor(rec))).status).toBe('stopped');
    const ctx = ctxFor(rec);
    await processDriver.stop(p, ctx);
    expect(rec.host.signals).toEqual([]);
    expect(rec.host.procs.has(50)).toBe(true);
    expect(rec.host.pidFiles.has(pidFile)).toBe(false);
    expect(ctx.warnings.map((w) => w[0])).toEqual(['RHA-W3043']);
  });

  it('stop: SIGTERM to the group; a leader that leaves gets no wait; leftovers in its group are killed', async () => {
    const rec = new RecordingRunner();
    rec.host.pidFiles.set(pidFile, { pid: 70, startTime: '5' });
    rec.host.addProcess(70, '5');
    await processDriver.stop(p, ctxFor(rec));
    expect(rec.host.signals).toEqual([
      { pgid: 70, signal: 'SIGTERM' },
      { pgid: 70, signal: 'SIGKILL' },
    ]);
    expect(rec.host.slept).toBe(0);
    expect(rec.host.pidFiles.has(pidFile)).toBe(false);
  });

  it('stop: a process ignoring SIGTERM gets SIGKILL after stop_grace_ms', async () => {
    const rec = new RecordingRunner();
    rec.host.pidFiles.set(pidFile, { pid: 80, startTime: '5' });
    rec.host.addProcess(80, '5', { ignoresTerm: true });
    await processDriver.stop(p, ctxFor(rec));
    expect(rec.host.signals.map((s) => s.signal)).toEqual(['SIGTERM', 'SIGKILL']);
    expect(rec.host.slept).toBe(1000); // exactly the grace period, in 50 ms polls
    expect(rec.host.procs.has(80)).toBe(false);
  });

  it('stop hard (ctx.signal aborted): SIGKILL at once', async () => {
    const rec = new RecordingRunner();
    rec.host.pidFiles.set(pidFile, { pid: 81, startTime: '5' });
    rec.host.addProcess(81, '5', { ignoresTerm: true });
    await processDriver.stop(p, ctxFor(rec, { signal: AbortSignal.abort() }));
    expect(rec.host.signals.map((s) => s.signal)).toEqual(['SIGKILL']);
  });

  it('stop: the grace period is cut to fit the stop timeout', async () => {
    const rec = new RecordingRunner();
    rec.host.pidFiles.set(pidFile, { pid: 82, startTime: '5' });
    rec.host.addProcess(82, '5', { ignoresTerm: true });
    await processDriver.stop({ ...p, stop_grace_ms: 60_000 }, ctxFor(rec, { timeoutMs: 3000 }));
    expect(rec.host.slept).toBeLessThanOrEqual(2000);
  });

  it('stop of a stopped process succeeds; the dead leader\'s group is swept', async () => {
    const none = new RecordingRunner();
    await processDriver.stop(p, ctxFor(none));
    expect(none.host.signals).toEqual([]);
    const orphan = new RecordingRunner();
    orphan.host.pidFiles.set(pidFile, { pid: 90, startTime: '5' });
    orphan.host.addProcess(91, '6', { pgid: 90 }); // a child left behind in the group
    await processDriver.stop(p, ctxFor(orphan));
    expect(orphan.host.signals).toEqual([{ pgid: 90, signal: 'SIGKILL' }]);
    expect(orphan.host.procs.size).toBe(0);
  });

  it('a runner without a process host is E3003', async () => {
    const rec = new RecordingRunner();
    const bare = { run: rec.run.bind(rec), spawnDetached: rec.spawnDetached.bind(rec) };
    await expect(processDriver.monitor(p, ctxFor(bare))).rejects.toMatchObject({ code: 'RHA-E3003' });
  });
});
