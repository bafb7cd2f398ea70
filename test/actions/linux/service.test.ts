// systemd is not running on the build machine (`systemctl is-system-running` says "offline"), so the
// service driver is tested here with golden argv, and for real against test/fixtures/systemctl
// (a fake systemctl on PATH) in service.real.test.ts.
import { describe, it, expect } from 'vitest';
import { RecordingRunner } from '../../../src/platform/recording-runner.js';
import { serviceDriver } from '../../../src/actions/linux/service.js';
import { ctxFor, resource } from '../helpers.js';

const svc = resource({ type: 'service', name: 'web', service: 'nginx.service' });

describe('service driver (recording runner)', () => {
  it('golden argv for start, stop and monitor, with the deadline passed on', async () => {
    const rec = new RecordingRunner().stub(['systemctl', 'start', 'nginx.service']).stub(['systemctl', 'stop', 'nginx.service']).stub(['systemctl', 'is-active', 'nginx.service'], { stdout: 'active\n' });
    const ctx = ctxFor(rec, { timeoutMs: 3000 });
    await serviceDriver.start(svc, ctx);
    await serviceDriver.stop(svc, ctx);
    expect(await serviceDriver.monitor(svc, ctx)).toEqual({ status: 'running', output: 'active' });
    rec.verify();
    for (const c of rec.calls) expect(c.timeoutMs).toBeGreaterThan(2900);
  });

  it('monitor maps is-active states: inactive ⇒ stopped, failed/activating ⇒ failed, timeout ⇒ failed', async () => {
    const m = async (reply: object) => (await serviceDriver.monitor(svc, ctxFor(new RecordingRunner().stub(/is-active/, reply)))).status;
    expect(await m({ exitCode: 3, stdout: 'inactive\n' })).toBe('stopped');
    expect(await m({ exitCode: 3, stdout: 'failed\n' })).toBe('failed');
    expect(await m({ exitCode: 3, stdout: 'activating\n' })).toBe('failed');
    expect(await m({ exitCode: 4, stdout: 'unknown\n' })).toBe('stopped');
    expect(await m({ timedOut: true, exitCode: 137 })).toBe('failed');
  });

  it('start failure is E3030, timeout E3001, no systemd E3032; stop of an unknown unit succeeds', async () => {
    const fail = new RecordingRunner().stub(/start/, { exitCode: 1, stderr: 'Job for nginx.service failed because the control process exited with error code.' });
    await expect(serviceDriver.start(svc, ctxFor(fail))).rejects.toMatchObject({ code: 'RHA-E3030' });
    const slow = new RecordingRunner().stub(/start/, { timedOut: true, exitCode: 137 });
    await expect(serviceDriver.start(svc, ctxFor(slow))).rejects.toMatchObject({ code: 'RHA-E3001' });
    const nosd = new RecordingRunner().stub(/start/, { exitCode: 1, stderr: 'System has not been booted with systemd as init system (PID 1). Can\'t operate.' });
    await expect(serviceDriver.start(svc, ctxFor(nosd))).rejects.toMatchObject({ code: 'RHA-E3032' });
    const unknown = new RecordingRunner().stub(/stop/, { exitCode: 5, stderr: 'Failed to stop nginx.service: Unit nginx.service not loaded.' });
    await serviceDriver.stop(svc, ctxFor(unknown));
    const stuck = new RecordingRunner().stub(/stop/, { exitCode: 1, stderr: 'Job failed' });
    await expect(serviceDriver.stop(svc, ctxFor(stuck))).rejects.toMatchObject({ code: 'RHA-E3031' });
  });
});
