// roseha's gratuitous ARP sender for real: two network namespaces on a veth pair. The "client"
// holds a stale neighbour entry for the VIP (the old node's MAC); one announcement from the new
// owner must replace it with the new owner's MAC, as `arping -U` does. Stdin closed without "go"
// (the agent went away while it was armed) must send nothing.
import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { garpSpec } from '../../../src/actions/linux/garp.js';
import { real, skipNotice, whyNot } from './real-env.js';

const skip = skipNotice('gratuitous ARP sender (real, netns)', await whyNot({ netns: true }));
const id = `${process.pid % 100000}`;
const owner = `rha-garp-o-${id}`;
const client = `rha-garp-c-${id}`;
const oldMac = '02:00:00:00:00:01';
const sh = async (...argv: string[]) => {
  const r = await real.run({ file: argv[0]!, args: argv.slice(1), timeoutMs: 10_000 });
  if (r.exitCode !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const neighbour = async () => sh('ip', '-n', client, 'neigh', 'show', '198.51.100.100', 'dev', 'c0');

/** Runs the sender in the owner's namespace; feeds `input` on stdin, then closes it. */
function send(input: string): Promise<number | null> {
  const spec = garpSpec('o0', '198.51.100.100');
  const child = spawn('ip', ['netns', 'exec', owner, spec.file, ...spec.args], { stdio: ['pipe', 'ignore', 'inherit'] });
  child.stdin.end(input);
  return new Promise((resolve) => child.on('exit', resolve));
}

describe.skipIf(skip)('gratuitous ARP sender, for real between two namespaces', () => {
  beforeAll(async () => {
    await sh('ip', 'netns', 'add', owner);
    await sh('ip', 'netns', 'add', client);
    await sh('ip', '-n', owner, 'link', 'add', 'o0', 'type', 'veth', 'peer', 'name', 'c0', 'netns', client);
    await sh('ip', '-n', owner, 'addr', 'add', '198.51.100.2/24', 'dev', 'o0');
    await sh('ip', '-n', owner, 'addr', 'add', '198.51.100.100/24', 'dev', 'o0');
    await sh('ip', '-n', client, 'addr', 'add', '198.51.100.9/24', 'dev', 'c0');
    await sh('ip', '-n', owner, 'link', 'set', 'o0', 'up');
    await sh('ip', '-n', client, 'link', 'set', 'c0', 'up');
  });
  afterAll(async () => {
    await real.run({ file: 'ip', args: ['netns', 'del', owner] });
    await real.run({ file: 'ip', args: ['netns', 'del', client] });
  });
  const stale = () => sh('ip', '-n', client, 'neigh', 'replace', '198.51.100.100', 'lladdr', oldMac, 'dev', 'c0', 'nud', 'reachable');

  it('closed stdin without "go": exits 0 and sends nothing', async () => {
    await stale();
    expect(await send('')).toBe(0);
    expect(await send('stop\n')).toBe(0);
    expect(await neighbour()).toContain(oldMac);
  });

  it('"go": the client\'s entry for the VIP now names the new owner\'s MAC', async () => {
    await stale();
    const mac = (await sh('ip', 'netns', 'exec', owner, 'cat', '/sys/class/net/o0/address')).trim();
    expect(mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    const sent = send('go\n');
    let entry = await neighbour();
    for (let i = 0; i < 100 && !entry.includes(mac); i++) {
      await new Promise((r) => setTimeout(r, 10));
      entry = await neighbour();
    }
    expect(entry).toContain(`lladdr ${mac}`);
    expect(await sent).toBe(0); // the second announcement a second later, then it exits
  });

  it('refuses a bad address or interface before opening anything', async () => {
    for (const args of [['o0', '198.51.100.256', '2'], ['o0', '1.2.3', '2'], ['../x', '198.51.100.100', '2'], ['o0', '198.51.100.100', '0']]) {
      const spec = garpSpec(args[0]!, args[1]!);
      const r = await real.run({ file: 'ip', args: ['netns', 'exec', owner, spec.file, spec.args[0]!, spec.args[1]!, ...args], input: 'go\n', timeoutMs: 5000 });
      expect(r.exitCode, args.join(' ')).not.toBe(0);
      expect(r.stderr).toMatch(/roseha-garp: usage/);
    }
  });
});
