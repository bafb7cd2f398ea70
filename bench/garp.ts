// npm run bench:garp — how soon after the word "go" a gratuitous ARP reaches a neighbour: roseha's
// armed sender (src/actions/linux/garp.ts, a Perl program started ahead and waiting) against iputils
// arping armed the way roseha arms a command (a shell waiting for one line, then exec). Two network
// namespaces on a veth pair; a packet socket in the receiving one timestamps each ARP request. As root.
// Run: node src/lab/run-ts.mjs bench/garp.ts [--rounds 21]
import { spawn, type ChildProcess } from 'node:child_process';
import { garpSpec } from '../src/actions/linux/garp.js';
import { createExecaRunner } from '../src/platform/execa-runner.js';

const at = process.argv.indexOf('--rounds');
const rounds = at >= 0 ? Number(process.argv[at + 1]) : 21;
const runner = createExecaRunner();
const must = async (...argv: string[]) => {
  const r = await runner.run({ file: argv[0]!, args: argv.slice(1), timeoutMs: 10_000 });
  if (r.exitCode !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr.trim()}`);
};
const [from, to] = [`rha-gb-a-${process.pid}`, `rha-gb-b-${process.pid}`];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// A receiver that prints one line per ARP request it sees (same no-module Perl as the sender).
const listener = 'socket(my $s, 17, 2, unpack("S", pack("n", 0x0806))) or die "$!"; $| = 1; print "ready\\n"; while (1) { my $b; recv($s, $b, 100, 0); print "arp\\n" if length($b) >= 8 && unpack("n", substr($b, 6, 2)) == 1 }';

async function main() {
  await must('ip', 'netns', 'add', from);
  await must('ip', 'netns', 'add', to);
  try {
    await must('ip', '-n', from, 'link', 'add', 'g0', 'type', 'veth', 'peer', 'name', 'g1', 'netns', to);
    await must('ip', '-n', from, 'addr', 'add', '198.51.100.100/24', 'dev', 'g0');
    await must('ip', '-n', from, 'link', 'set', 'g0', 'up');
    await must('ip', '-n', to, 'link', 'set', 'g1', 'up');
    const rx = spawn('ip', ['netns', 'exec', to, 'perl', '-e', listener], { stdio: ['ignore', 'pipe', 'inherit'] });
    let heard: (() => void) | null = null;
    let ready = false;
    rx.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (line === 'ready') ready = true;
        if (line === 'arp' && heard) [heard, heard = null][0]!();
      }
    });
    while (!ready) await sleep(10);
    const garp = garpSpec('g0', '198.51.100.100');
    const senders: Record<string, () => ChildProcess> = {
      'roseha sender (armed Perl)': () => spawn('ip', ['netns', 'exec', from, garp.file, ...garp.args.slice(0, -1), '1'], { stdio: ['pipe', 'ignore', 'inherit'] }),
      'arping -U (armed shell, exec)': () =>
        spawn('ip', ['netns', 'exec', from, 'sh', '-c', 'read -r go || exit 125; exec "$@"', 'armed', 'arping', '-q', '-U', '-c', '1', '-I', 'g0', '198.51.100.100'], { stdio: ['pipe', 'ignore', 'inherit'] }),
    };
    const ms: Record<string, number[]> = Object.fromEntries(Object.keys(senders).map((k) => [k, []]));
    for (let i = 0; i < rounds; i++) {
      for (const [name, start] of Object.entries(senders)) {
        const child = start();
        const exited = new Promise((r) => child.once('exit', r));
        await sleep(300); // armed: started and waiting, as on a standby
        const got = new Promise<void>((r) => (heard = r));
        const t0 = performance.now();
        child.stdin!.end('go\n');
        if ((await Promise.race([got.then(() => 'heard'), sleep(3000)])) !== 'heard') throw new Error(`${name}: no ARP heard within 3 s`);
        ms[name]!.push(performance.now() - t0);
        await exited;
      }
    }
    rx.kill();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const base = median(ms['arping -U (armed shell, exec)']!);
    console.log(`gratuitous ARP, "go" to a neighbour's receipt, ${rounds} rounds (median, min–max ms):`);
    for (const [name, xs] of Object.entries(ms)) {
      console.log(`  ${name.padEnd(30)} ${median(xs).toFixed(2).padStart(6)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})  ${(median(xs) / base).toFixed(2)}× arping`);
    }
  } finally {
    await runner.run({ file: 'ip', args: ['netns', 'del', from] });
    await runner.run({ file: 'ip', args: ['netns', 'del', to] });
  }
}
await main();
