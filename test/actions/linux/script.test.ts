import { describe, it, expect } from 'vitest';
import { RecordingRunner } from '../../../src/platform/recording-runner.js';
import { scriptDriver } from '../../../src/actions/linux/script.js';
import { ctxFor, resource } from '../helpers.js';

const s = resource({ type: 'script', name: 'app', path: '/opt/app/ha.sh', args: ['--instance', 'a b'] });

describe('script driver (recording runner)', () => {
  it('calls PATH ACTION ARGS… (argv, the action first)', async () => {
    const rec = new RecordingRunner()
      .stub(['/opt/app/ha.sh', 'start', '--instance', 'a b'])
      .stub(['/opt/app/ha.sh', 'monitor', '--instance', 'a b'])
      .stub(['/opt/app/ha.sh', 'stop', '--instance', 'a b']);
    const ctx = ctxFor(rec);
    await scriptDriver.start(s, ctx);
    expect((await scriptDriver.monitor(s, ctx)).status).toBe('running');
    await scriptDriver.stop(s, ctx);
    rec.verify();
  });

  it('OCF exit codes: monitor 0 running, 7 stopped, others failed; stop 7 is success', async () => {
    const m = async (reply: object) => (await scriptDriver.monitor(s, ctxFor(new RecordingRunner().stub(/monitor/, reply)))).status;
    expect(await m({ exitCode: 7 })).toBe('stopped');
    expect(await m({ exitCode: 1, stdout: 'database down\n' })).toBe('failed');
    expect(await m({ timedOut: true, exitCode: 137 })).toBe('failed');
    await scriptDriver.stop(s, ctxFor(new RecordingRunner().stub(/stop/, { exitCode: 7 })));
    await expect(scriptDriver.stop(s, ctxFor(new RecordingRunner().stub(/stop/, { exitCode: 1 })))).rejects.toMatchObject({ code: 'RHA-E3051' });
  });

  it('start: non-zero is E3050 (with the output), timeout E3001, not executable E3052', async () => {
    const err = await scriptDriver.start(s, ctxFor(new RecordingRunner().stub(/start/, { exitCode: 1, stderr: 'port 80 in use\n' }))).catch((e) => e);
    expect(err.code).toBe('RHA-E3050');
    expect(err.message).toContain('port 80 in use');
    await expect(scriptDriver.start(s, ctxFor(new RecordingRunner().stub(/start/, { timedOut: true, exitCode: 137 })))).rejects.toMatchObject({ code: 'RHA-E3001' });
    await expect(scriptDriver.start(s, ctxFor(new RecordingRunner().stub(/start/, { exitCode: 126 })))).rejects.toMatchObject({ code: 'RHA-E3052' });
  });
});
