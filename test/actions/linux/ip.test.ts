import { describe, it, expect } from 'vitest';
import { RecordingRunner } from '../../../src/platform/recording-runner.js';
import { ipDriver, parseLinkFiles, parseShow } from '../../../src/actions/linux/ip.js';
import { garpProgram } from '../../../src/actions/linux/garp.js';
import { ctxFor, resource } from '../helpers.js';

const vip = resource({ type: 'ip', name: 'vip', address: '10.0.0.100/24', interface: 'eth0' });
const show = ['ip', '-j', 'addr', 'show', 'dev', 'eth0'];
/** `ip -j addr show dev eth0`; an address is "10.0.0.5" (a /24) or "10.0.0.100/16". */
const link = (flags: string[], addrs: string[] = []) =>
  JSON.stringify([{ ifname: 'eth0', flags, addr_info: addrs.map((a) => ({ family: 'inet', local: a.split('/')[0], prefixlen: Number(a.split('/')[1] ?? 24) })) }]);
const up = ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'];
// /sys/class/net/eth0 as Linux shows it: flags in hex (IFF_UP 0x1), carrier unreadable (null) while down.
const sysLink = (flags: string | null, carrier: string | null = '1\n') =>
  new RecordingRunner().stubFile('/sys/class/net/eth0/flags', flags).stubFile('/sys/class/net/eth0/carrier', carrier);
const linkUp = () => sysLink('0x1003\n');
const add = ['ip', 'addr', 'add', '10.0.0.100/24', 'dev', 'eth0'];
const garp = ['perl', '-e', garpProgram, 'eth0', '10.0.0.100', '2'];
const arping = ['arping', '-q', '-U', '-c', '2', '-I', 'eth0', '10.0.0.100'];
const enoent = (file: string) => Object.assign(new Error(`spawn ${file} ENOENT`), { code: 'ENOENT' });

describe('ip driver (recording runner)', () => {
  it('start: reads the link from /sys (no fork), adds the address, announces it by gratuitous ARP (detached)', async () => {
    const rec = linkUp()
      .stub(add)
      .stubSpawn(garp, { pid: 900 });
    const ctx = ctxFor(rec);
    await ipDriver.start(vip, ctx);
    rec.verify();
    expect(rec.reads.sort()).toEqual(['/sys/class/net/eth0/carrier', '/sys/class/net/eth0/flags']);
    expect(rec.argvs).toEqual([add]);
    expect(rec.spawned).toEqual([{ file: 'perl', args: garp.slice(1), goOnStdin: true }]);
    expect(ctx.warnings).toEqual([]);
  });

  it('start: without perl the announcement is arping\'s; without either, a warning (RHA-W3014), not a failure', async () => {
    const noPerl = linkUp().stub(add).stubSpawn(garp, enoent('perl')).stubSpawn(arping, { pid: 901 });
    const ctx = ctxFor(noPerl);
    await ipDriver.start(vip, ctx);
    noPerl.verify();
    expect(ctx.warnings).toEqual([]);
    const neither = linkUp().stub(add).stubSpawn(garp, enoent('perl')).stubSpawn(arping, enoent('arping'));
    const bare = ctxFor(neither);
    await ipDriver.start(vip, bare);
    expect(bare.warnings.map((w) => w[0])).toEqual(['RHA-W3014']);
    expect(bare.warnings[0]?.[1]).toMatch(/neither perl nor arping is installed/);
  });

  it('arms exactly what a cold start runs, the ARP announcement too', async () => {
    const rec = linkUp().stub(/^ip addr add/).stubSpawn(/^perl/, { pid: 903 });
    const ctx = ctxFor(rec);
    await ipDriver.start(vip, ctx);
    const cold = ipDriver.coldStart!(vip, ctx);
    expect(cold.run!.map((c) => [c.file, ...c.args])).toEqual(rec.argvs);
    expect(cold.detached!.map((c) => [c.file, ...c.args])).toEqual(rec.spawned.map((sp) => [sp.file, ...sp.args]));
  });

  it('start is idempotent: the address already there ("File exists", older kernels; "Address already assigned") counts as added, and ARP goes out again', async () => {
    for (const stderr of ['RTNETLINK answers: File exists', 'Error: ipv4: Address already assigned.']) {
      const rec = linkUp().stub(/^ip addr add/, { exitCode: 2, stderr }).stubSpawn(/^perl/, { pid: 902 });
      await ipDriver.start(vip, ctxFor(rec));
      rec.verify();
    }
  });

  it('start refuses a missing interface (E3010), a down one or one without carrier (E3011), and adds nothing', async () => {
    const cases: Array<[RecordingRunner, string]> = [
      [sysLink(null, null), 'RHA-E3010'],
      [sysLink('0x1002\n', null), 'RHA-E3011'], // administratively down: carrier is EINVAL
      [sysLink('0x1003\n', '0\n'), 'RHA-E3011'], // up, no carrier (the cable, the veth's peer)
    ];
    for (const [rec, code] of cases) {
      await expect(ipDriver.start(vip, ctxFor(rec))).rejects.toMatchObject({ code });
      expect(rec.argvs).toEqual([]);
    }
    const sneaky = new RecordingRunner();
    await expect(ipDriver.start({ ...vip, interface: '../../../etc' }, ctxFor(sneaky))).rejects.toMatchObject({ code: 'RHA-E3010' });
    expect(sneaky.reads).toEqual([]);
    const noReads = { run: sneaky.run.bind(sneaky), spawnDetached: sneaky.spawnDetached.bind(sneaky) };
    await expect(ipDriver.start(vip, ctxFor(noReads))).rejects.toMatchObject({ code: 'RHA-E3003' });
  });

  it('parseLinkFiles: IFF_UP from the hex flags, carrier 1', () => {
    expect(parseLinkFiles('0x1003\n', '1\n')).toEqual({ exists: true, up: true });
    expect(parseLinkFiles('0x1002\n', null)).toEqual({ exists: true, up: false });
    expect(parseLinkFiles('garbage', '1')).toEqual({ exists: false, up: false });
  });

  it('start: a failing add is RHA-E3012 with the command and its error', async () => {
    const rec = linkUp().stub(/^ip addr add/, { exitCode: 2, stderr: 'RTNETLINK answers: Operation not permitted' });
    const err = await ipDriver.start(vip, ctxFor(rec)).catch((e) => e);
    expect(err).toMatchObject({ code: 'RHA-E3012' });
    expect(err.message).toContain('Operation not permitted');
    expect(err.details.command).toBe('ip addr add 10.0.0.100/24 dev eth0');
  });

  it('a timed-out query is RHA-E3001, and each command gets what is left of the deadline', async () => {
    const rec = new RecordingRunner().stub(show, { timedOut: true, exitCode: 137, durationMs: 500 });
    await expect(ipDriver.monitor(vip, ctxFor(rec, { timeoutMs: 500 }))).rejects.toMatchObject({ code: 'RHA-E3001' });
    expect(rec.calls[0]?.timeoutMs).toBeLessThanOrEqual(500);
    expect(rec.calls[0]?.timeoutMs).toBeGreaterThan(400);
  });

  it('stop: removes a present address; idempotent when absent or removed meanwhile', async () => {
    const rec = new RecordingRunner().stub(show, { stdout: link(up, ['10.0.0.100']) }).stub(['ip', 'addr', 'del', '10.0.0.100/24', 'dev', 'eth0']);
    await ipDriver.stop(vip, ctxFor(rec));
    rec.verify();
    const absent = new RecordingRunner().stub(show, { stdout: link(up) });
    await ipDriver.stop(vip, ctxFor(absent));
    absent.verify();
    expect(absent.argvs).toEqual([show]);
    const race = new RecordingRunner().stub(show, { stdout: link(up, ['10.0.0.100']) }).stub(/^ip addr del/, { exitCode: 2, stderr: 'Error: ipv4: Address not found.' });
    await ipDriver.stop(vip, ctxFor(race));
    const fails = new RecordingRunner().stub(show, { stdout: link(up, ['10.0.0.100']) }).stub(/^ip addr del/, { exitCode: 2, stderr: 'Operation not permitted' });
    await expect(ipDriver.stop(vip, ctxFor(fails))).rejects.toMatchObject({ code: 'RHA-E3013' });
  });

  it('stop: removes every copy of the IP, also one added by hand with another prefix (it would answer here after the stop)', async () => {
    const rec = new RecordingRunner()
      .stub(show, { stdout: link(up, ['10.0.0.100/16', '10.0.0.5', '10.0.0.100']) })
      .stub(['ip', 'addr', 'del', '10.0.0.100/16', 'dev', 'eth0'])
      .stub(['ip', 'addr', 'del', '10.0.0.100/24', 'dev', 'eth0']);
    await ipDriver.stop(vip, ctxFor(rec));
    rec.verify();
    expect(rec.argvs.slice(1)).toEqual([
      ['ip', 'addr', 'del', '10.0.0.100/16', 'dev', 'eth0'],
      ['ip', 'addr', 'del', '10.0.0.100/24', 'dev', 'eth0'],
    ]);
  });

  it('monitor: running only with the address on an UP interface with carrier', async () => {
    const cases: Array<[string, Partial<{ exitCode: number; stdout: string }>, string]> = [
      ['up with address', { stdout: link(up, ['10.0.0.100']) }, 'running'],
      ['up without it', { stdout: link(up, ['10.0.0.5']) }, 'stopped'],
      ['address on a link without carrier', { stdout: link(['NO-CARRIER', 'UP'], ['10.0.0.100']) }, 'failed'],
      ['no such interface', { exitCode: 1 }, 'failed'],
    ];
    for (const [, reply, want] of cases) {
      const rec = new RecordingRunner().stub(show, reply);
      expect((await ipDriver.monitor(vip, ctxFor(rec))).status).toBe(want);
    }
  });

  it('parseShow ignores IPv6 entries and other addresses', () => {
    const out = JSON.stringify([{ flags: up, addr_info: [{ family: 'inet6', local: '10.0.0.100' }, { family: 'inet', local: '10.0.0.1' }] }]);
    expect(parseShow(0, out, '10.0.0.100/24')).toEqual({ exists: true, up: true, prefixes: [] });
    expect(parseShow(0, 'not json', '10.0.0.100/24').exists).toBe(false);
  });
});

describe('ip driver: hard stop', () => {
  const hard = () => {
    const ac = new AbortController();
    ac.abort();
    return ac.signal;
  };

  it('deletes the address at once, before reading the interface (then for copies with another prefix)', async () => {
    const rec = new RecordingRunner().stub(['ip', 'addr', 'del', '10.0.0.100/24', 'dev', 'eth0']).stub(show, { stdout: link(up) });
    await ipDriver.stop(vip, ctxFor(rec, { signal: hard() }));
    rec.verify();
    expect(rec.argvs).toEqual([['ip', 'addr', 'del', '10.0.0.100/24', 'dev', 'eth0'], show]);
  });

  it('an address already gone is fine', async () => {
    const rec = new RecordingRunner().stub(/^ip addr del/, { exitCode: 2, stderr: 'RTNETLINK answers: Cannot assign requested address' }).stub(show, { stdout: link(up) });
    await ipDriver.stop(vip, ctxFor(rec, { signal: hard() }));
    rec.verify();
  });
});
