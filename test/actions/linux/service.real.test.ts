// The service driver against a fake systemctl (test/fixtures/bin/systemctl) on PATH: systemd does
// not run on the build machine (`systemctl is-system-running` says "offline"; in CI containers too),
// so this checks the driver's handling of real exit codes and output, not systemd itself.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { serviceDriver } from '../../../src/actions/linux/service.js';
import { Lab, fixtures, real } from './real-env.js';
import { ctxFor, resource } from '../helpers.js';

describe('service driver, against a fake systemctl on PATH', () => {
  const lab = new Lab();
  const saved = { PATH: process.env.PATH, dir: process.env.RHA_FAKE_SYSTEMD_DIR };
  beforeAll(() => {
    process.env.PATH = `${join(fixtures, 'bin')}:${saved.PATH}`;
    process.env.RHA_FAKE_SYSTEMD_DIR = lab.dir;
  });
  afterAll(async () => {
    process.env.PATH = saved.PATH;
    if (saved.dir === undefined) delete process.env.RHA_FAKE_SYSTEMD_DIR;
    else process.env.RHA_FAKE_SYSTEMD_DIR = saved.dir;
    await lab.cleanup();
  });

  it('start → is-active → stop → is-active', async () => {
    const ctx = ctxFor(real, { stateDir: lab.stateDir });
    const web = resource({ type: 'service', name: 'web', service: 'web.service' });
    expect((await serviceDriver.monitor(web, ctx)).status).toBe('stopped');
    await serviceDriver.start(web, ctx);
    expect(await serviceDriver.monitor(web, ctx)).toEqual({ status: 'running', output: 'active' });
    await serviceDriver.stop(web, ctx);
    expect((await serviceDriver.monitor(web, ctx)).status).toBe('stopped');
  });

  it('a unit that fails to start (E3030), one that is not loaded (stop succeeds), one too slow (E3001)', async () => {
    const ctx = ctxFor(real, { stateDir: lab.stateDir });
    const err = await serviceDriver.start(resource({ type: 'service', name: 'b', service: 'broken.service' }), ctx).catch((e) => e);
    expect(err.code).toBe('RHA-E3030');
    expect(err.message).toContain('control process exited with error code');
    await serviceDriver.stop(resource({ type: 'service', name: 'm', service: 'missing.service' }), ctx);
    const t0 = performance.now();
    await expect(serviceDriver.start(resource({ type: 'service', name: 's', service: 'slow.service' }), { ...ctx, timeoutMs: 400 })).rejects.toMatchObject({ code: 'RHA-E3001' });
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
