import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { checkGateway, parseGatewayMode, pingCommand } from '../../src/probes/gateway.js';
import type { CommandResult, CommandSpec, Runner } from '../../src/platform/types.js';

/** A runner that answers each expected command once, and fails on anything else or on leftovers. */
function stubRunner(answers: Array<Partial<CommandResult>>) {
  const calls: CommandSpec[] = [];
  const runner: Runner = {
    run: async (spec) => {
      calls.push(spec);
      const a = answers.shift();
      if (!a) throw new Error(`unexpected command: ${spec.file} ${spec.args.join(' ')}`);
      return { exitCode: 0, stdout: '', stderr: '', timedOut: false, durationMs: 1, ...a };
    },
    spawnDetached: async () => {
      throw new Error('unexpected detached spawn');
    },
  };
  return { runner, calls, leftovers: () => answers.length };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('gateway probe', () => {
  it('builds the ping argv per platform (no shell, whole seconds on Linux)', () => {
    expect(pingCommand('10.0.0.1', 800, 'linux')).toEqual({ file: 'ping', args: ['-c', '1', '-W', '1', '-n', '10.0.0.1'] });
    expect(pingCommand('10.0.0.1', 2500, 'linux')).toEqual({ file: 'ping', args: ['-c', '1', '-W', '3', '-n', '10.0.0.1'] });
    expect(pingCommand('10.0.0.1', 800, 'win32')).toEqual({ file: 'ping', args: ['-n', '1', '-w', '800', '10.0.0.1'] });
  });

  it('parses the configured modes', () => {
    expect(parseGatewayMode('icmp')).toEqual({ kind: 'icmp' });
    expect(parseGatewayMode('none')).toEqual({ kind: 'none' });
    expect(parseGatewayMode('tcp:443')).toEqual({ kind: 'tcp', port: 443 });
    expect(() => parseGatewayMode('tcp:70000')).toThrow(RangeError);
    expect(() => parseGatewayMode('udp:53')).toThrow(RangeError);
  });

  it('passes when ping gets a reply on Linux, and reports the reply line', async () => {
    const { runner, calls, leftovers } = stubRunner([{ stdout: 'PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.31 ms\n' }]);
    const r = await checkGateway(runner, { gateway: '10.0.0.1', mode: 'icmp', timeoutMs: 1000, platform: 'linux' });
    expect(r).toMatchObject({ status: 'passing', ok: true, output: '64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.31 ms' });
    expect(calls[0]).toMatchObject({ file: 'ping', args: ['-c', '1', '-W', '1', '-n', '10.0.0.1'], timeoutMs: 2000 });
    expect(leftovers()).toBe(0);
  });

  it('is critical when ping gets no reply, times out, or cannot run', async () => {
    const { runner } = stubRunner([
      { exitCode: 1, stdout: '1 packets transmitted, 0 received, 100% packet loss, time 0ms' },
      { exitCode: 1, timedOut: true },
    ]);
    await expect(checkGateway(runner, { gateway: '10.0.0.1', mode: 'icmp', timeoutMs: 500, platform: 'linux' })).resolves.toMatchObject({
      status: 'critical',
      ok: false,
      output: expect.stringContaining('100% packet loss'),
    });
    await expect(checkGateway(runner, { gateway: '10.0.0.1', mode: 'icmp', timeoutMs: 500, platform: 'linux' })).resolves.toMatchObject({
      status: 'critical',
      output: expect.stringContaining('no answer within 500 ms'),
    });
    const broken: Runner = { run: async () => Promise.reject(new Error('spawn ping ENOENT')), spawnDetached: async () => ({ pid: 0 }) };
    await expect(checkGateway(broken, { gateway: '10.0.0.1', mode: 'icmp', timeoutMs: 500, platform: 'linux' })).resolves.toMatchObject({
      status: 'critical',
      output: expect.stringContaining('ENOENT'),
    });
  });

  it('on Windows, a "destination host unreachable" reply with exit code 0 is not an answer (unverified on Windows)', async () => {
    const { runner, calls } = stubRunner([
      { stdout: 'Reply from 10.0.0.11: Destination host unreachable.\r\n' },
      { stdout: 'Reply from 10.0.0.1: bytes=32 time<1ms TTL=128\r\n' },
    ]);
    await expect(checkGateway(runner, { gateway: '10.0.0.1', mode: 'icmp', timeoutMs: 1000, platform: 'win32' })).resolves.toMatchObject({ status: 'critical' });
    await expect(checkGateway(runner, { gateway: '10.0.0.1', mode: 'icmp', timeoutMs: 1000, platform: 'win32' })).resolves.toMatchObject({ status: 'passing' });
    expect(calls[0]!.args).toEqual(['-n', '1', '-w', '1000', '10.0.0.1']);
  });

  it('never hands a non-address to ping', async () => {
    const { runner, calls } = stubRunner([]);
    for (const gateway of ['-f', '10.0.0.1; reboot', 'gw.example.com', undefined]) {
      await expect(checkGateway(runner, { gateway, mode: 'icmp', timeoutMs: 100, platform: 'linux' })).resolves.toMatchObject({ status: 'critical', ok: false });
    }
    expect(calls).toHaveLength(0);
  });

  it('skips when no check is configured', async () => {
    const { runner, calls } = stubRunner([]);
    await expect(checkGateway(runner, { gateway: undefined, mode: 'none', timeoutMs: 100 })).resolves.toMatchObject({ status: 'skipped', ok: true });
    expect(calls).toHaveLength(0);
  });

  it('tcp: passes on a connect, is critical when refused (loopback)', async () => {
    const server = createServer((s) => s.end());
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const { runner } = stubRunner([]);
    await expect(checkGateway(runner, { gateway: '127.0.0.1', mode: `tcp:${port}`, timeoutMs: 1000 })).resolves.toMatchObject({ status: 'passing', output: expect.stringContaining('connected') });

    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    await expect(checkGateway(runner, { gateway: '127.0.0.1', mode: `tcp:${closedPort}`, timeoutMs: 1000 })).resolves.toMatchObject({ status: 'critical', output: expect.stringContaining('ECONNREFUSED') });
  });
});
