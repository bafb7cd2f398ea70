import { describe, it, expect } from 'vitest';
import { RecordingRunner } from '../../../src/platform/recording-runner.js';
import { ipDriver, parseShow } from '../../../src/actions/linux/ip.js';
import { ctxFor, resource } from '../helpers.js';

const vip = resource({ type: 'ip', name: 'vip', address: '10.0.0.100/24', interface: 'eth0' });
const show = ['ip', '-j', 'addr', 'show', 'dev', 'eth0'];
const link = (flags: string[], addrs: string[] = []) =>
  JSON.stringify([{ ifname: 'eth0', flags, addr_info: addrs.map((a) => ({ family: 'inet', local: a, prefixlen: 24 })) }]);
const up = ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'];

describe('ip driver (recording runner)', () => {
  it('start: checks, adds the address, announces it by gratuitous ARP (detached)', async () => {
    const rec = new RecordingRunner()
      .stub(show, { stdout: link(up) })
      .stub(['ip', 'addr', 'add', '10.0.0.100/24', 'dev', 'eth0'])
      .stubSpawn(['arping', '-q', '-U', '-c', '2', '-I', 'eth0', '10.0.0.100'], { pid: 900 });
    const ctx = ctxFor(rec);
    await ipDriver.start(vip, ctx);
    rec.verify();
    expect(rec.argvs).toEqual([show, ['ip', 'addr', 'add', '10.0.0.100/24', 'dev', 'eth0']]);
    expect(ctx.warnings).toEqual([]);
  });

  it('arms exactly what a cold start runs (the address not there yet), the ARP announcement too', async () => {
    const rec = new RecordingRunner().stub(show, { stdout: link(up) }).stub(/^ip addr add/).stubSpawn(/^arping/, { pid: 903 });
    const ctx = ctxFor(rec);
    await ipDriver.start(vip, ctx);
    const cold = ipDriver.coldStart!(vip, ctx);
    expect(cold.run!.map((c) => [c.file, ...c.args])).toEqual(rec.argvs);
    expect(cold.detached!.map((c) => [c.file, ...c.args])).toEqual(rec.spawned.map((sp) => [sp.file, ...sp.args]));
  });

  it('start is idempotent: address present ⇒ no add, but ARP again', async () => {
    const rec = new RecordingRunner().stub(show, { stdout: link(up, ['10.0.0.100']) }).stubSpawn(/^arping/, { pid: 901 });
    await ipDriver.start(vip, ctxFor(rec));
    rec.verify();
    expect(rec.argvs).toEqual([show]);
  });

  it('start: a race ("Address already assigned") counts as success', async () => {
    const rec = new RecordingRunner()
      .stub(show, { stdout: link(up) })
      .stub(/^ip addr add/, { exitCode: 2, stderr: 'Error: ipv4: Address already assigned.' })
      .stubSpawn(/^arping/, { pid: 902 });
    await ipDriver.start(vip, ctxFor(rec));
    rec.verify();
  });

  it('start: missing arping is a warning (RHA-W3014), not a failure', async () => {
    const enoent = Object.assign(new Error('spawn arping ENOENT'), { code: 'ENOENT' });
    const rec = new RecordingRunner().stub(show, { stdout: link(up) }).stub(/^ip addr add/).stubSpawn(/^arping/, enoent);
    const ctx = ctxFor(rec);
    await ipDriver.start(vip, ctx);
    expect(ctx.warnings.map((w) => w[0])).toEqual(['RHA-W3014']);
    expect(ctx.warnings[0]?.[1]).toMatch(/iputils-arping/);
  });

  it('start refuses a missing interface (E3010) and a down one (E3011)', async () => {
    const missing = new RecordingRunner().stub(show, { exitCode: 1, stderr: 'Device "eth0" does not exist.' });
    await expect(ipDriver.start(vip, ctxFor(missing))).rejects.toMatchObject({ code: 'RHA-E3010' });
    const down = new RecordingRunner().stub(show, { stdout: link(['NO-CARRIER', 'BROADCAST', 'UP']) });
    await expect(ipDriver.start(vip, ctxFor(down))).rejects.toMatchObject({ code: 'RHA-E3011' });
  });

  it('start: a failing add is RHA-E3012 with the command and its error', async () => {
    const rec = new RecordingRunner().stub(show, { stdout: link(up) }).stub(/^ip addr add/, { exitCode: 2, stderr: 'RTNETLINK answers: Operation not permitted' });
    const err = await ipDriver.start(vip, ctxFor(rec)).catch((e) => e);
    expect(err).toMatchObject({ code: 'RHA-E3012' });
    expect(err.message).toContain('Operation not permitted');
    expect(err.details.command).toBe('ip addr add 10.0.0.100/24 dev eth0');
  });

  it('a timed-out query is RHA-E3001, and each command gets what is left of the deadline', async () => {
    const rec = new RecordingRunner().stub(show, { timedOut: true, exitCode: 137, durationMs: 500 });
    await expect(ipDriver.start(vip, ctxFor(rec, { timeoutMs: 500 }))).rejects.toMatchObject({ code: 'RHA-E3001' });
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
    expect(parseShow(0, out, '10.0.0.100/24')).toEqual({ exists: true, up: true, hasAddress: false });
    expect(parseShow(0, 'not json', '10.0.0.100/24').exists).toBe(false);
  });
});

describe('ip driver: hard stop', () => {
  const hard = () => {
    const ac = new AbortController();
    ac.abort();
    return ac.signal;
  };

  it('deletes the address at once, without reading the interface first', async () => {
    const rec = new RecordingRunner().stub(['ip', 'addr', 'del', '10.0.0.100/24', 'dev', 'eth0']);
    await ipDriver.stop(vip, ctxFor(rec, { signal: hard() }));
    rec.verify();
    expect(rec.argvs).toEqual([['ip', 'addr', 'del', '10.0.0.100/24', 'dev', 'eth0']]);
  });

  it('an address already gone is fine', async () => {
    const rec = new RecordingRunner().stub(/^ip addr del/, { exitCode: 2, stderr: 'RTNETLINK answers: Cannot assign requested address' });
    await ipDriver.stop(vip, ctxFor(rec, { signal: hard() }));
    rec.verify();
  });
});
