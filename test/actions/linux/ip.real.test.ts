// The ip driver for real: a veth pair in a network namespace created for the test.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { ipDriver } from '../../../src/actions/linux/ip.js';
import { inNetns } from '../../../src/platform/netns.js';
import { Lab, real, sh, skipNotice, whyNot } from './real-env.js';
import { ctxFor, resource } from '../helpers.js';

const skip = skipNotice('ip driver (real, netns)', await whyNot({ netns: true }));
const vip = resource({ type: 'ip', name: 'vip', address: '192.0.2.100/24', interface: 'rha0' });

describe.skipIf(skip)('ip driver, for real in a network namespace', () => {
  const lab = new Lab();
  let ns = '';
  beforeAll(async () => {
    ns = await lab.makeNetns();
  });
  afterAll(() => lab.cleanup());

  const addrs = async () => (await sh('ip', '-n', ns, '-o', '-4', 'addr', 'show', 'dev', 'rha0')).stdout;

  it('start → monitor → start again → stop → monitor, with ARP and no warning', async () => {
    const ctx = ctxFor(inNetns(real, ns), { stateDir: lab.stateDir });
    expect((await ipDriver.monitor(vip, ctx)).status).toBe('stopped');
    const t0 = performance.now();
    await ipDriver.start(vip, ctx);
    const startMs = performance.now() - t0;
    expect(await addrs()).toContain('inet 192.0.2.100/24');
    expect((await ipDriver.monitor(vip, ctx)).status).toBe('running');
    await ipDriver.start(vip, ctx); // idempotent
    expect((await addrs()).match(/192\.0\.2\.100/g)).toHaveLength(1);
    expect(ctx.warnings).toEqual([]); // arping was there and started
    await ipDriver.stop(vip, ctx);
    expect(await addrs()).not.toContain('192.0.2.100');
    expect(await addrs()).toContain('192.0.2.1/24'); // the interface's own address is untouched
    await ipDriver.stop(vip, ctx); // idempotent
    expect((await ipDriver.monitor(vip, ctx)).status).toBe('stopped');
    console.log(`ip start (/sys reads + add + detached arping) took ${startMs.toFixed(0)} ms`);
  });

  it('stop leaves no copy of the IP behind, also one added by hand with another prefix', async () => {
    const ctx = ctxFor(inNetns(real, ns), { stateDir: lab.stateDir });
    await sh('ip', '-n', ns, 'addr', 'add', '192.0.2.100/16', 'dev', 'rha0');
    await ipDriver.start(vip, ctx); // Linux takes the /24 as a second address
    expect((await addrs()).match(/192\.0\.2\.100/g)).toHaveLength(2);
    await ipDriver.stop(vip, ctx);
    expect(await addrs()).not.toContain('192.0.2.100');
  });

  it('the gratuitous ARP really goes out on the interface', async () => {
    const ctx = ctxFor(inNetns(real, ns), { stateDir: lab.stateDir });
    await sh('ip', '-n', ns, 'neigh', 'flush', 'dev', 'rha1');
    const before = (await sh('ip', '-n', ns, '-s', 'link', 'show', 'rha1')).stdout;
    await ipDriver.start(vip, ctx);
    // rha1 receives what rha0 sends: count its received packets rising while arping runs (2 ARPs, 1 s apart).
    const rx = (text: string) => Number(/RX:.*\n\s+\d+\s+(\d+)/.exec(text)?.[1] ?? NaN);
    let after = before;
    for (let i = 0; i < 30 && rx(after) < rx(before) + 1; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = (await sh('ip', '-n', ns, '-s', 'link', 'show', 'rha1')).stdout;
    }
    expect(rx(after)).toBeGreaterThan(rx(before));
    await ipDriver.stop(vip, ctx);
  });

  it('monitor fails when the link goes down; start refuses a down link and a missing interface', async () => {
    const ctx = ctxFor(inNetns(real, ns), { stateDir: lab.stateDir });
    await ipDriver.start(vip, ctx);
    await sh('ip', '-n', ns, 'link', 'set', 'rha1', 'down'); // the peer end: rha0 loses its carrier
    expect((await ipDriver.monitor(vip, ctx)).status).toBe('failed');
    await ipDriver.stop(vip, ctx);
    await expect(ipDriver.start(vip, ctx)).rejects.toMatchObject({ code: 'RHA-E3011' });
    await sh('ip', '-n', ns, 'link', 'set', 'rha1', 'up');
    await sh('ip', '-n', ns, 'link', 'set', 'rha0', 'down'); // administratively down: /sys carrier is EINVAL
    await expect(ipDriver.start(vip, ctx)).rejects.toMatchObject({ code: 'RHA-E3011' });
    await sh('ip', '-n', ns, 'link', 'set', 'rha0', 'up');
    await expect(ipDriver.start({ ...vip, interface: 'nope0' }, ctx)).rejects.toMatchObject({ code: 'RHA-E3010' });
  });
});
