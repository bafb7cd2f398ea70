import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from '../cli/run-main.js';
import { FakeAgent, event, status } from './helpers/fake-agent.js';
import { formatRecord, mergeByTime, parseLogText, parseSince } from '../../src/agent/log-reader.js';

const t = (s: string) => Date.parse(`2026-11-25T${s}Z`);

function cluster() {
  const dir = mkdtempSync(join(tmpdir(), 'roseha-log-'));
  mkdirSync(join(dir, 'state'));
  const config = join(dir, 'roseha.toml');
  writeFileSync(
    config,
    `[cluster]\nname = "erp"\nstate_dir = "state"\n[[node]]\nname = "node-a"\nprivate = "192.0.2.1"\npublic = "198.51.100.1"\n[[node]]\nname = "node-b"\nprivate = "192.0.2.2"\npublic = "198.51.100.2"\n`,
  );
  const line = (time: number, code: string, msg: string, extra = {}) => JSON.stringify({ level: 30, time, node: 'node-a', role: 'worker', code, msg, ...extra });
  writeFileSync(
    join(dir, 'state', 'roseha.log'),
    [line(t('08:00:01.000'), 'RHA-I2032', 'agent started'), 'torn {', line(t('08:00:03.000'), 'RHA-I2103', 'stopping group erp (move)', { group: 'erp' })].join('\n') + '\n',
  );
  return { dir, config };
}

let uninstall: (() => void) | undefined;
afterEach(() => uninstall?.());

describe('roseha log', () => {
  it("merges this node's file with the peer's lines (GET /v1/log) by time; --json", async () => {
    const { config } = cluster();
    const local = new FakeAgent().on('GET', '/v1/status', status());
    const peer = new FakeAgent().on('GET', `/v1/log?since=${encodeURIComponent(new Date(t('07:00:00.000')).toISOString())}&limit=1000`, {
      node: 'node-b',
      records: [{ level: 30, time: t('08:00:02.000'), node: 'node-b', code: 'RHA-I2042', msg: 'node-a is alive' }],
    });
    uninstall = local.install(peer);
    const r = await runMain(['log', '-c', config, '--since', '2026-11-25T07:00:00Z', '--json'], { env: { ROSEHA_PEER_SOCKET: '/tmp/peer.sock' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.records.map((x: { code: string }) => x.code)).toEqual(['RHA-I2032', 'RHA-I2042', 'RHA-I2103']);
    expect(doc.sources.map((s: { node: string; lines: number }) => `${s.node}:${s.lines}`)).toEqual(['node-a:2', 'node-b:1']);
    expect(peer.targets).toEqual([{ socketPath: '/tmp/peer.sock', timeoutMs: 3000 }]);
    local.verify();
    peer.verify();
  });

  it('--node: only that node; the peer unreachable: a warning, this node\'s lines still shown', async () => {
    const { config } = cluster();
    const local = new FakeAgent().on('GET', '/v1/status', status());
    const peer = new FakeAgent().always('GET', `/v1/log?since=${encodeURIComponent(new Date(t('08:00:02.000')).toISOString())}&limit=1000`, new Error('connect ECONNREFUSED'));
    uninstall = local.install(peer);
    const r = await runMain(['log', '-c', config, '--since', '2026-11-25T08:00:02Z'], { env: { ROSEHA_PEER_SOCKET: '/tmp/peer.sock' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning RHA-W5012 the log of node-b \(\/tmp\/peer.sock\) is not reachable: connect ECONNREFUSED/);
    expect(r.stdout).toBe('2026-11-25T08:00:03.000Z node-a/worker INFO RHA-I2103 stopping group erp (move)  group=erp\n');
    const only = await runMain(['log', '-c', config, '--since', '2026-11-25T08:00:00Z', '--node', 'node-b'], { env: { ROSEHA_PEER_SOCKET: '/tmp/peer.sock' } });
    expect(only.stdout).toBe('');
  });

  it('--follow: the history, then the agent\'s events not already shown', async () => {
    const { config } = cluster();
    const local = new FakeAgent()
      .on('GET', '/v1/status', status())
      .streams([
        event(1, 'RHA-I2032', 'agent started (already in the file)', { at: new Date(t('08:00:01.000')).toISOString() }),
        event(2, 'RHA-I2104', 'group erp stopped on node-a after 90 ms (move)', { at: new Date(t('08:00:04.000')).toISOString() }),
      ]);
    uninstall = local.install();
    // The fake's stream stays open until the command's Ctrl-C handler aborts it: press Ctrl-C until it
    // is listening (loading takes a while on a busy machine), then the command returns.
    const ctrlC = setInterval(() => process.emit('SIGINT'), 100);
    const r = await runMain(['log', '-c', config, '--since', '2026-11-25T08:00:00Z', '--follow', '--node', 'node-a'], { env: {} }).finally(() => clearInterval(ctrlC));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[3])).toEqual(['RHA-I2032', 'RHA-I2103', 'RHA-I2104']);
    expect(local.eventRequests).toEqual([{ since: 0 }]);
  });
});

describe('log reader', () => {
  it('parses JSON lines, skips torn ones, filters by time and keeps the newest N', () => {
    const text = ['{"time":1,"level":30,"msg":"a"}', '{"time":', 'junk', '{"time":3,"level":40,"msg":"c"}', '{"time":2,"level":30,"msg":"b"}'].join('\n');
    expect(parseLogText(text).map((r) => r.msg)).toEqual(['a', 'c', 'b']);
    expect(parseLogText(text, { sinceMs: 2 }).map((r) => r.msg)).toEqual(['c', 'b']);
    expect(parseLogText(text, { limit: 1 }).map((r) => r.msg)).toEqual(['b']);
  });
  it('merges by time, stable for equal times', () => {
    const a = [{ time: 1, level: 30, msg: 'a1' }, { time: 5, level: 30, msg: 'a5' }];
    const b = [{ time: 1, level: 30, msg: 'b1' }, { time: 3, level: 30, msg: 'b3' }];
    expect(mergeByTime([a, b]).map((r) => r.msg)).toEqual(['a1', 'b1', 'b3', 'a5']);
  });
  it('--since: a time or a span back from now; anything else is a coded usage error', () => {
    const now = t('12:00:00.000');
    expect(parseSince('15m', now)).toBe(t('11:45:00.000'));
    expect(parseSince('2h', now)).toBe(t('10:00:00.000'));
    expect(parseSince('2026-11-25T08:00:00Z', now)).toBe(t('08:00:00.000'));
    expect(() => parseSince('yesterday-ish', now)).toThrow(expect.objectContaining({ code: 'RHA-E5011', exitCode: 2 }));
  });
  it('formats one line per record: time, node/role, level, code, message, extras', () => {
    expect(formatRecord({ time: t('08:00:00.000'), level: 50, node: 'node-b', role: 'guardian', code: 'RHA-E2009', msg: 'gone', pid: 7, extra: { a: 1 } })).toBe(
      '2026-11-25T08:00:00.000Z node-b/guardian ERROR RHA-E2009 gone  extra={"a":1}',
    );
  });
});
