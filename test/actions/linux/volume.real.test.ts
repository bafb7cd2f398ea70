// The volume driver for real: ext4 on a loop device, mounted and released in the host's mount namespace.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVolumeDriver, volumeDriver } from '../../../src/actions/linux/volume.js';
import { Lab, real, sh, skipNotice, whyNot } from './real-env.js';
import { ctxFor, resource } from '../helpers.js';

const skip = skipNotice('volume driver (real, loop device)', await whyNot({ loop: true }));

describe.skipIf(skip)('volume driver, for real on a loop device', () => {
  const lab = new Lab();
  let vol: ReturnType<typeof resource<'volume'>>;
  beforeAll(async () => {
    const { device, mountPoint } = await lab.makeLoop();
    vol = resource({ type: 'volume', name: 'data', disk: device, mount: mountPoint, fstype: 'ext4', options: 'noatime' });
  });
  afterAll(() => lab.cleanup());

  const mountedHere = () => readFileSync('/proc/self/mounts', 'utf8').split('\n').find((l) => l.split(' ')[1] === vol.mount);
  const readOnly = async () => (await sh('blockdev', '--getro', vol.disk)).stdout.trim();

  it('start → monitor → write → stop (read-only when released) → monitor → start again keeps the data', async () => {
    const ctx = ctxFor(real, { stateDir: lab.stateDir });
    await sh('blockdev', '--setro', vol.disk);
    expect((await volumeDriver.monitor(vol, ctx)).status).toBe('stopped');
    await volumeDriver.start(vol, ctx);
    expect(mountedHere()).toMatch(/ ext4 rw,noatime/);
    expect(await readOnly()).toBe('0');
    expect((await volumeDriver.monitor(vol, ctx)).status).toBe('running');
    await volumeDriver.start(vol, ctx); // idempotent
    writeFileSync(join(vol.mount, 'hello.txt'), 'kept');
    await volumeDriver.stop(vol, ctx);
    expect(mountedHere()).toBeUndefined();
    expect(await readOnly()).toBe('1');
    expect((await volumeDriver.monitor(vol, ctx)).status).toBe('stopped');
    await volumeDriver.stop(vol, ctx); // idempotent
    await volumeDriver.start(vol, ctx);
    expect(readFileSync(join(vol.mount, 'hello.txt'), 'utf8')).toBe('kept');
    await volumeDriver.stop(vol, ctx);
  });

  it('a busy mount is RHA-E3023 and stays mounted; with killHolders the holder is killed and it unmounts', async () => {
    const ctx = ctxFor(real, { stateDir: lab.stateDir });
    await volumeDriver.start(vol, ctx);
    const { pid } = await real.spawnDetached({ file: 'sleep', args: ['600'], cwd: vol.mount });
    try {
      const err = await volumeDriver.stop(vol, ctx).catch((e) => e);
      expect(err.code).toBe('RHA-E3023');
      expect(mountedHere()).toBeDefined();
      await createVolumeDriver({ killHolders: true }).stop(vol, ctx);
      expect(mountedHere()).toBeUndefined();
      expect(await real.host!.startTime(pid)).toBeNull();
    } finally {
      await real.host!.signalGroup(pid, 'SIGKILL');
    }
  });

  it('refuses to mount over another file system at the mount point (E3022)', async () => {
    const ctx = ctxFor(real, { stateDir: lab.stateDir });
    await sh('mount', '-t', 'tmpfs', 'rha-other', vol.mount);
    try {
      await expect(volumeDriver.start(vol, ctx)).rejects.toMatchObject({ code: 'RHA-E3022' });
    } finally {
      await sh('umount', vol.mount);
    }
  });
});
