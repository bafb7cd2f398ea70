// The script driver for real with the fixture scripts (OCF-like exit codes, timeouts).
import { describe, it, expect, afterAll } from 'vitest';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { scriptDriver } from '../../../src/actions/linux/script.js';
import { Lab, fixtures, real, skipNotice } from './real-env.js';
import { ctxFor, resource } from '../helpers.js';

const skip = skipNotice('script driver (real)', process.platform === 'linux' ? null : 'needs a POSIX shell');

describe.skipIf(skip)('script driver, for real', () => {
  const lab = new Lab();
  afterAll(() => lab.cleanup());
  const script = (file: string, args: string[] = [], extra: Record<string, unknown> = {}) => resource({ type: 'script', name: file, path: join(fixtures, file), args, ...extra });

  it('ok.sh: start → monitor running → stop → monitor not running (7)', async () => {
    const ctx = ctxFor(real, { stateDir: lab.stateDir });
    const ok = script('ok.sh', [lab.dir]);
    expect((await scriptDriver.monitor(ok, ctx)).status).toBe('stopped');
    await scriptDriver.start(ok, ctx);
    expect(existsSync(join(lab.dir, 'ok.running'))).toBe(true);
    expect(await scriptDriver.monitor(ok, ctx)).toEqual({ status: 'running', output: 'running' });
    await scriptDriver.stop(ok, ctx);
    expect((await scriptDriver.monitor(ok, ctx)).status).toBe('stopped');
  });

  it('not-running.sh: monitor 7 ⇒ stopped; stop 7 ⇒ success', async () => {
    const ctx = ctxFor(real, { stateDir: lab.stateDir });
    const nr = script('not-running.sh');
    expect((await scriptDriver.monitor(nr, ctx)).status).toBe('stopped');
    await scriptDriver.stop(nr, ctx);
  });

  it('fail.sh: start fails with RHA-E3050 and its stderr; monitor failed', async () => {
    const ctx = ctxFor(real, { stateDir: lab.stateDir });
    const f = script('fail.sh');
    const err = await scriptDriver.start(f, ctx).catch((e) => e);
    expect(err.code).toBe('RHA-E3050');
    expect(err.message).toContain('fail.sh: start failed on purpose');
    expect((await scriptDriver.monitor(f, ctx)).status).toBe('failed');
  });

  it('hang.sh: start times out (RHA-E3001) and its child is killed with it; monitor timeout ⇒ failed', async () => {
    const childPid = join(lab.dir, 'hang-child.pid');
    const ctx = ctxFor(real, { stateDir: lab.stateDir, timeoutMs: 500 });
    const h = script('hang.sh', [childPid]);
    const t0 = performance.now();
    await expect(scriptDriver.start(h, ctx)).rejects.toMatchObject({ code: 'RHA-E3001' });
    expect(performance.now() - t0).toBeLessThan(2000);
    await new Promise((r) => setTimeout(r, 100));
    expect(await real.host!.startTime(Number(readFileSync(childPid, 'utf8')))).toBeNull();
    const m = await scriptDriver.monitor(h, ctx);
    expect(m.status).toBe('failed');
    expect(m.output).toMatch(/timed out/);
  });

  it('a path that does not exist is RHA-E3052', async () => {
    const ctx = ctxFor(real, { stateDir: lab.stateDir });
    await expect(scriptDriver.start(resource({ type: 'script', name: 'x', path: join(lab.dir, 'missing.sh') }), ctx)).rejects.toMatchObject({ code: 'RHA-E3052' });
  });
});
