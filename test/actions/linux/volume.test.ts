import { describe, it, expect } from 'vitest';
import { RecordingRunner } from '../../../src/platform/recording-runner.js';
import { createVolumeDriver, sourceMountedAt, volumeDriver } from '../../../src/actions/linux/volume.js';
import { ctxFor, resource } from '../helpers.js';

const vol = resource({ type: 'volume', name: 'data', disk: '/dev/sdb1', mount: '/srv/data', fstype: 'ext4', options: 'noatime' });
const ours = ['findmnt', '-n', '-r', '-o', 'SOURCE,OPTIONS', '--source', '/dev/sdb1', '--mountpoint', '/srv/data'];
// /proc/self/mountinfo as Linux prints it (proc(5)): the root, and what a test puts at /srv/data.
const rootLine = '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro';
const mountinfo = (...more: string[]) => [rootLine, ...more].join('\n') + '\n';
const at = (source: string, mount = '/srv/data') => `98 22 8:17 / ${mount} rw,noatime shared:50 - ext4 ${source} rw`;
/** A runner whose mount table holds `lines` (besides the root). */
const withTable = (...lines: string[]) => new RecordingRunner().stubFile('/proc/self/mountinfo', mountinfo(...lines));

describe('volume driver (recording runner)', () => {
  it('start: reads the mount table (nothing at the mount point, no fork), makes the device writable, mounts with fstype and options', async () => {
    const rec = withTable(at('/dev/sdc1', '/srv/other'))
      .stub(['blockdev', '--setrw', '/dev/sdb1'])
      .stub(['mount', '-t', 'ext4', '-o', 'noatime', '/dev/sdb1', '/srv/data']);
    await volumeDriver.start(vol, ctxFor(rec));
    rec.verify();
    expect(rec.reads).toEqual(['/proc/self/mountinfo']);
    expect(rec.argvs.map((a) => a[0])).toEqual(['blockdev', 'mount']);
  });

  it('arms exactly the commands a cold start runs (a takeover: nothing at the mount point)', async () => {
    const rec = withTable().stub(/^blockdev/).stub(/^mount/);
    const ctx = ctxFor(rec);
    await volumeDriver.start(vol, ctx);
    expect(volumeDriver.coldStart!(vol, ctx).run!.map((c) => [c.file, ...c.args])).toEqual(rec.argvs);
  });

  it('start: fstype auto and no options ⇒ plain mount', async () => {
    const plain = resource({ type: 'volume', name: 'd', disk: '/dev/sdc', mount: '/mnt/x' });
    const rec = withTable().stub(/^blockdev --setrw/).stub(['mount', '/dev/sdc', '/mnt/x']);
    await volumeDriver.start(plain, ctxFor(rec));
    rec.verify();
  });

  it('start is idempotent when already mounted read-write; refuses read-only (E3028) and a foreign mount (E3022)', async () => {
    const rec = withTable(at('/dev/sdb1')).stub(ours, { stdout: '/dev/sdb1 rw,noatime\n' });
    await volumeDriver.start(vol, ctxFor(rec));
    expect(rec.argvs).toEqual([ours]);
    const ro = withTable(at('/dev/sdb1')).stub(ours, { stdout: '/dev/sdb1 ro,noatime\n' });
    await expect(volumeDriver.start(vol, ctxFor(ro))).rejects.toMatchObject({ code: 'RHA-E3028' });
    const foreign = withTable(at('/dev/sdz9')).stub(ours, { exitCode: 1 });
    await expect(volumeDriver.start(vol, ctxFor(foreign))).rejects.toThrow(/\/srv\/data already holds \/dev\/sdz9, not \/dev\/sdb1/);
    const unreadable = new RecordingRunner().stubFile('/proc/self/mountinfo', null);
    await expect(volumeDriver.start(vol, ctxFor(unreadable))).rejects.toMatchObject({ code: 'RHA-E3027' });
    const noReads = { run: new RecordingRunner().run, spawnDetached: new RecordingRunner().spawnDetached };
    await expect(volumeDriver.start(vol, ctxFor(noReads))).rejects.toMatchObject({ code: 'RHA-E3003' });
  });

  it('start: a symlinked mount point is compared resolved, as findmnt does', async () => {
    const rec = withTable(at('/dev/sdz9', '/data/real')).stubRealPath('/srv/data', '/data/real').stub(ours, { exitCode: 1 });
    await expect(volumeDriver.start(vol, ctxFor(rec))).rejects.toMatchObject({ code: 'RHA-E3022' });
  });

  it('reads mountinfo as proc(5) writes it: octal escapes, optional fields, the top of a stack', () => {
    const table = mountinfo(
      '30 22 0:40 / /mnt/my\\040disk rw shared:9 master:2 - ext4 /dev/sdd1 rw',
      at('/dev/sdb1'),
      '99 98 0:41 / /srv/data rw - tmpfs tmpfs rw',
    );
    expect(sourceMountedAt(table, '/mnt/my disk')).toBe('/dev/sdd1');
    expect(sourceMountedAt(table, '/srv/data')).toBe('tmpfs');
    expect(sourceMountedAt(table, '/srv')).toBe('');
    expect(sourceMountedAt('', '/')).toBe('');
  });

  it('start: mount failure is RHA-E3021', async () => {
    const rec = withTable().stub(/^blockdev/).stub(/^mount/, { exitCode: 32, stderr: 'mount: /srv/data: wrong fs type, bad option, bad superblock on /dev/sdb1.' });
    const err = await volumeDriver.start(vol, ctxFor(rec)).catch((e) => e);
    expect(err.code).toBe('RHA-E3021');
    expect(err.message).toContain('bad superblock');
  });

  it('stop: unmounts, then sets the device read-only', async () => {
    const rec = new RecordingRunner().stub(ours, { stdout: '/dev/sdb1 rw\n' }).stub(['umount', '/srv/data']).stub(['blockdev', '--setro', '/dev/sdb1']);
    await volumeDriver.stop(vol, ctxFor(rec));
    rec.verify();
    expect(rec.argvs.map((a) => a[0])).toEqual(['findmnt', 'umount', 'blockdev']);
  });

  it('stop when not mounted still leaves the device read-only; a missing device is a warning', async () => {
    const rec = new RecordingRunner().stub(ours, { exitCode: 1 }).stub(['blockdev', '--setro', '/dev/sdb1']);
    await volumeDriver.stop(vol, ctxFor(rec));
    rec.verify();
    const gone = new RecordingRunner().stub(ours, { exitCode: 1 }).stub(/^blockdev/, { exitCode: 1, stderr: 'blockdev: cannot open /dev/sdb1: No such file or directory' });
    const ctx = ctxFor(gone);
    await volumeDriver.stop(vol, ctx);
    expect(ctx.warnings.map((w) => w[0])).toEqual(['RHA-W3026']);
  });

  it('stop: a busy file system is RHA-E3023 and is not set read-only', async () => {
    const rec = new RecordingRunner().stub(ours, { stdout: '/dev/sdb1 rw\n' }).stub(['umount', '/srv/data'], { exitCode: 32, stderr: 'umount: /srv/data: target is busy.' });
    const err = await volumeDriver.stop(vol, ctxFor(rec)).catch((e) => e);
    expect(err.code).toBe('RHA-E3023');
    expect(err.message).toContain('fuser -vm /srv/data');
    rec.verify();
  });

  it('stop with killHolders: fuser -k -m, then unmount again', async () => {
    const rec = new RecordingRunner()
      .stub(ours, { stdout: '/dev/sdb1 rw\n' })
      .stub(['umount', '/srv/data'], { exitCode: 32, stderr: 'umount: /srv/data: target is busy.' })
      .stub(['fuser', '-k', '-m', '/srv/data'])
      .stub(['umount', '/srv/data'])
      .stub(['blockdev', '--setro', '/dev/sdb1']);
    await createVolumeDriver({ killHolders: true }).stop(vol, ctxFor(rec));
    rec.verify();
  });

  it('monitor: running when mounted rw, failed when ro, stopped when not mounted; findmnt errors throw E3027', async () => {
    const m = async (reply: object) => (await volumeDriver.monitor(vol, ctxFor(new RecordingRunner().stub(ours, reply)))).status;
    expect(await m({ stdout: '/dev/sdb1 rw,relatime\n' })).toBe('running');
    expect(await m({ stdout: '/dev/sdb1 ro,relatime\n' })).toBe('failed');
    expect(await m({ exitCode: 1 })).toBe('stopped');
    await expect(volumeDriver.monitor(vol, ctxFor(new RecordingRunner().stub(ours, { exitCode: 4 })))).rejects.toMatchObject({ code: 'RHA-E3027' });
  });
});

describe('volume driver: hard stop', () => {
  const hard = () => {
    const ac = new AbortController();
    ac.abort();
    return ac.signal;
  };

  it('unmounts at once, without asking first, then sets the device read-only', async () => {
    const rec = new RecordingRunner().stub(['umount', '/srv/data']).stub(['blockdev', '--setro', '/dev/sdb1']);
    await volumeDriver.stop(vol, ctxFor(rec, { signal: hard() }));
    rec.verify();
    expect(rec.argvs).toEqual([['umount', '/srv/data'], ['blockdev', '--setro', '/dev/sdb1']]);
  });

  it('takes "not mounted" for done', async () => {
    const rec = new RecordingRunner().stub(['umount', '/srv/data'], { exitCode: 32, stderr: 'umount: /srv/data: not mounted.' }).stub(['blockdev', '--setro', '/dev/sdb1']);
    await volumeDriver.stop(vol, ctxFor(rec, { signal: hard() }));
    rec.verify();
  });

  it('still reports a busy mount', async () => {
    const rec = new RecordingRunner().stub(['umount', '/srv/data'], { exitCode: 32, stderr: 'umount: /srv/data: target is busy.' });
    await expect(volumeDriver.stop(vol, ctxFor(rec, { signal: hard() }))).rejects.toMatchObject({ code: 'RHA-E3023' });
  });
});
