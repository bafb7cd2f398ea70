// One group of every Linux resource type, for real as root: volume (loop ext4) → ip (veth in a
// namespace) → service (fake systemctl) → process (sleeper.sh) → script (ok.sh), started in order,
// stopped in reverse, and a failing middle resource rolling back what had started.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createExecutor } from '../../../src/actions/executor.js';
import { linuxDrivers } from '../../../src/actions/linux/index.js';
import { commandsFor } from '../../../src/actions/dryrun.js';
import type { Runner } from '../../../src/platform/types.js';
import { Lab, fixtures, netCommandsIn, real, sh, skipNotice, whyNot } from './real-env.js';
import { group } from '../helpers.js';

const skip = skipNotice('group of all Linux resources (real)', await whyNot({ netns: true, loop: true }));

describe.skipIf(skip)('a group of every Linux resource, for real', () => {
  const lab = new Lab();
  let runner: Runner;
  let device = '';
  let mountPoint = '';
  let ns = '';
  const saved = { PATH: process.env.PATH, dir: process.env.RHA_FAKE_SYSTEMD_DIR };

  beforeAll(async () => {
    ns = await lab.makeNetns();
    ({ device, mountPoint } = await lab.makeLoop());
    runner = netCommandsIn(real, ns);
    process.env.PATH = `${join(fixtures, 'bin')}:${saved.PATH}`;
    process.env.RHA_FAKE_SYSTEMD_DIR = lab.dir;
  });
  afterAll(async () => {
    process.env.PATH = saved.PATH;
    if (saved.dir === undefined) delete process.env.RHA_FAKE_SYSTEMD_DIR;
    else process.env.RHA_FAKE_SYSTEMD_DIR = saved.dir;
    // Stop whatever a failed test left running before the lab is taken apart.
    await sh('sh', '-c', `for f in ${lab.stateDir}/process/*.pid; do [ -f "$f" ] && kill -9 -- -"$(cut -d' ' -f1 "$f")"; done; true`);
    await lab.cleanup();
  });

  const resources = (middle?: Record<string, unknown>) => [
    { type: 'volume', name: 'data', disk: device, mount: mountPoint, fstype: 'ext4' },
    { type: 'ip', name: 'vip', address: '192.0.2.100/24', interface: 'rha0' },
    { type: 'service', name: 'db', service: 'db.service' },
    ...(middle ? [middle] : []),
    { type: 'process', name: 'app', command: [join(fixtures, 'sleeper.sh')], cwd: mountPoint, stop_grace_ms: 1000 },
    { type: 'script', name: 'check', path: join(fixtures, 'ok.sh'), args: [lab.dir] },
  ];

  const state = async () => ({
    mounted: readFileSync('/proc/self/mounts', 'utf8').split('\n').some((l) => l.split(' ')[1] === mountPoint),
    vip: (await sh('ip', '-n', ns, '-o', '-4', 'addr', 'show', 'dev', 'rha0')).stdout.includes('192.0.2.100'),
    db: existsSync(join(lab.dir, 'db.service.active')),
    app: existsSync(join(lab.stateDir, 'process', 'app.pid')),
    check: existsSync(join(lab.dir, 'ok.running')),
    ro: (await sh('blockdev', '--getro', device)).stdout.trim() === '1',
  });

  it('starts in order, adopts, stops in reverse; prints per-step timings', async () => {
    const ex = createExecutor({ drivers: linuxDrivers(), runner, platform: 'linux', stateDir: lab.stateDir });
    const g = group(resources());
    const started = await ex.start('all', g);
    expect(started.steps.map((s) => `${s.op} ${s.resource}`)).toEqual(['start data', 'start vip', 'start db', 'start app', 'start check']);
    expect(await state()).toEqual({ mounted: true, vip: true, db: true, app: true, check: true, ro: false });
    // The process runs with its cwd on the volume: stopping in reverse is what lets the unmount succeed.
    expect((await ex.adopt('all', g)).running).toBe(true);
    const stopped = await ex.stop('all', g);
    expect(stopped.steps.map((s) => `${s.op} ${s.resource}`)).toEqual(['stop check', 'stop app', 'stop db', 'stop vip', 'stop data']);
    expect(await state()).toEqual({ mounted: false, vip: false, db: false, app: false, check: false, ro: true });
    expect((await ex.adopt('all', g)).stopped).toBe(true);
    const t = (r: { steps: Array<{ resource: string; ms: number }>; ms: number }) => r.steps.map((s) => `${s.resource} ${s.ms}`).join(', ') + ` (total ${r.ms} ms)`;
    console.log(`group start: ${t(started)}\ngroup stop: ${t(stopped)}`);
  });

  it('a failing middle resource rolls back what had started, in reverse, and says which failed', async () => {
    const ex = createExecutor({ drivers: linuxDrivers(), runner, platform: 'linux', stateDir: lab.stateDir });
    const g = group(resources({ type: 'script', name: 'broken', path: join(fixtures, 'fail.sh') }));
    const err = await ex.start('all', g).catch((e) => e);
    expect(err.code).toBe('RHA-E3100');
    expect(err.details.resource).toBe('broken');
    expect(err.message).toContain('fail.sh: start failed on purpose');
    expect(err.message).toContain('rolled back data, vip, db');
    expect(err.details.steps.map((s: { op: string; resource: string }) => `${s.op} ${s.resource}`)).toEqual([
      'start data', 'start vip', 'start db', 'start broken', 'stop broken', 'stop db', 'stop vip', 'stop data',
    ]);
    expect(await state()).toEqual({ mounted: false, vip: false, db: false, app: false, check: false, ro: true });
  });

  it('the dry run of the same group lists the commands the real start ran, in the same order', async () => {
    const plan = await commandsFor('start', 'all', group(resources()), { platform: 'linux', drivers: linuxDrivers(), stateDir: lab.stateDir });
    expect(plan.steps.map((s) => s.resource)).toEqual(['data', 'data', 'vip', 'vip', 'db', 'app', 'app', 'check']);
    expect(plan.steps[1]?.text).toBe(`mount -t ext4 ${device} ${mountPoint}`);
  });
});
