import { afterEach, describe, expect, it, vi } from 'vitest';
import { GatewayWatch, parsePingLine } from '../../src/probes/gateway-watch.js';
import type { InteractiveProcess, InteractiveSpec, Runner } from '../../src/platform/types.js';

// Lines as iputils ping 20221126 (Debian 12) prints them with -O -n, captured on this machine.
const lines = {
  header: 'PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.',
  reply: '64 bytes from 127.0.0.1: icmp_seq=2 ttl=64 time=0.052 ms',
  miss: 'no answer yet for icmp_seq=2',
  unreachable: 'From 21.4.1.75 icmp_seq=1 Destination Net Unreachable',
};

describe('ping -O lines', () => {
  it.each([
    ['a reply', lines.reply, 'reply'],
    ['an unanswered echo', lines.miss, 'miss'],
    ['a router saying unreachable', lines.unreachable, 'unreachable'],
    ['the header', lines.header, null],
    ['the statistics', '4 packets transmitted, 4 received, 0% packet loss, time 3004ms', null],
  ])('%s', (_, line, kind) => {
    expect(parsePingLine(line)?.kind ?? null).toBe(kind);
  });
});

class FakePing implements InteractiveProcess {
  readonly pid = 4242;
  killed = false;
  private lineListeners: Array<(l: string) => void> = [];
  private exitListeners: Array<(c: number | null) => void> = [];
  private errListeners: Array<(t: string) => void> = [];
  write() {}
  onLine(l: (line: string) => void) {
    this.lineListeners.push(l);
  }
  onStderr(l: (text: string) => void) {
    this.errListeners.push(l);
  }
  onExit(l: (code: number | null) => void) {
    this.exitListeners.push(l);
  }
  kill() {
    this.killed = true;
  }
  say(line: string) {
    for (const l of this.lineListeners) l(line);
  }
  die(code: number | null, stderr = '') {
    if (stderr) for (const l of this.errListeners) l(stderr);
    for (const l of this.exitListeners) l(code);
  }
}

function setup() {
  let clock = 0;
  const started: Array<{ spec: InteractiveSpec; ping: FakePing }> = [];
  const runner = {
    run: async () => ({ exitCode: 0, stdout: '', stderr: '', timedOut: false, durationMs: 0 }),
    spawnDetached: async () => ({ pid: 1 }),
    spawnInteractive(spec: InteractiveSpec) {
      const ping = new FakePing();
      started.push({ spec, ping });
      return ping;
    },
  } satisfies Runner;
  const watch = new GatewayWatch({ runner, gateway: '10.99.0.1', now: () => clock });
  return { watch, started, tick: (ms: number) => (clock += ms) };
}

afterEach(() => vi.useRealTimers());

describe('gateway watch: one ping for the agent\'s life', () => {
  it('runs ping -O -n -i 0.5 -W 1 GATEWAY once, however often it is checked', () => {
    const { watch, started } = setup();
    watch.start();
    watch.start();
    watch.check();
    expect(started.map((s) => [s.spec.file, ...s.spec.args])).toEqual([['ping', '-O', '-n', '-i', '0.5', '-W', '1', '10.99.0.1']]);
  });

  it('passes while waiting for the first echo, then follows the last line: reply, miss, stale reply', () => {
    const { watch, started, tick } = setup();
    watch.start();
    expect(watch.check()).toMatchObject({ status: 'passing', ok: true });
    started[0]!.ping.say(lines.header);
    started[0]!.ping.say(lines.reply);
    tick(1000);
    expect(watch.check()).toMatchObject({ status: 'passing', output: lines.reply });
    started[0]!.ping.say(lines.miss);
    expect(watch.check()).toMatchObject({ status: 'critical', ok: false, output: `ping 10.99.0.1: ${lines.miss}` });
    started[0]!.ping.say(lines.reply);
    tick(1300); // ping itself went quiet (stopped?): an old reply vouches for nothing
    expect(watch.check()).toMatchObject({ status: 'critical' });
    expect(watch.check().output).toMatch(/no reply for 1300 ms/);
  });

  it('a miss before the first reply, within the grace, is a start-up (ARP), not a down gateway', () => {
    const { watch, started, tick } = setup();
    watch.start();
    started[0]!.ping.say(lines.miss);
    expect(watch.check()).toMatchObject({ status: 'passing', output: 'ping 10.99.0.1: waiting for the first reply' });
    tick(2600); // still no reply when the grace ends
    expect(watch.check()).toMatchObject({ status: 'critical', output: `ping 10.99.0.1: ${lines.miss}` });
  });

  it('an unreachable gateway is critical within the grace too', () => {
    const { watch, started } = setup();
    watch.start();
    started[0]!.ping.say(lines.unreachable);
    expect(watch.check()).toMatchObject({ status: 'critical', output: `ping 10.99.0.1: ${lines.unreachable}` });
  });

  it('no first echo within the grace is critical; an unreachable gateway is critical at once', () => {
    const { watch, started, tick } = setup();
    watch.start();
    tick(2600);
    expect(watch.check().status).toBe('critical');
    started[0]!.ping.say(lines.unreachable);
    expect(watch.check()).toMatchObject({ status: 'critical', output: `ping 10.99.0.1: ${lines.unreachable}` });
  });

  it('a ping that exits is reported with its error and started again a second later; stop kills it for good', () => {
    vi.useFakeTimers();
    const { watch, started, tick } = setup();
    watch.start();
    tick(3000);
    started[0]!.ping.die(2, 'ping: socket: Operation not permitted\n');
    expect(watch.check()).toMatchObject({ status: 'critical', output: 'ping 10.99.0.1: ping: socket: Operation not permitted' });
    vi.advanceTimersByTime(1000);
    expect(started).toHaveLength(2);
    watch.stop();
    expect(started[1]!.ping.killed).toBe(true);
    started[1]!.ping.die(null);
    vi.advanceTimersByTime(5000);
    expect(started).toHaveLength(2);
  });
});
