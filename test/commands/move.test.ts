import { describe, expect, it } from 'vitest';
import { rows } from './helpers/rows.js';
import { event, refused, status } from './helpers/fake-agent.js';

const accepted = (extra: Record<string, unknown> = {}) => ({
  accepted: true,
  message: 'moving group erp from node-a to node-b',
  plan: [
    { node: 'node-a', step: 'stop service erp-db' },
    { node: 'node-b', step: 'start service erp-db' },
  ],
  group: 'erp',
  from: 'node-a',
  to: 'node-b',
  eventId: 41,
  ...extra,
});

describe('roseha move', () => {
  rows([
    {
      name: 'waits: follows the events after the request (each step with its time) until the status shows it on the target',
      argv: ['move', 'erp'],
      stub: (a) => {
        a.on('POST', '/v1/groups/erp/move', accepted(), {});
        a.streams([
          event(40, 'RHA-I2101', 'an older event: ignored', {}),
          event(42, 'RHA-I2103', 'stopping group erp (move)'),
          event(43, 'RHA-I2104', 'group erp stopped on node-a after 130 ms (move)', { data: { steps: [{ resource: 'erp-db', op: 'stop', ms: 120, ok: true }] } }),
          event(44, 'RHA-W2041', 'private link down', { group: undefined }),
        ]);
        a.on('GET', '/v1/status', status({ active: 'node-a' }));
        a.on('GET', '/v1/status', status({ active: null, phases: { 'node-a': 'stopped', 'node-b': 'starting' } }));
        a.on('GET', '/v1/status', status({ active: 'node-b' }));
      },
      code: 0,
      stdout: (out) => {
        expect(out).toMatch(/^moving group erp from node-a to node-b\n  node-a  stop service erp-db\n  node-b  start service erp-db\n/);
        expect(out).toMatch(/\+ *\d+\.\d\d s {2}node-a {2}stopping group erp \(move\)\n/);
        expect(out).toMatch(/node-a {2}group erp stopped on node-a after 130 ms \(move\)\n {15}stop erp-db: 120 ms\n/);
        expect(out).toMatch(/node-b {2}erp starting \(seen in its heartbeat\)\n/);
        expect(out).toMatch(/group erp active on node-b after \d+\.\d\d s\n$/);
        expect(out).not.toMatch(/older event|private link/);
      },
    },
    {
      name: 'a stream slower than the status: waits for the old node\'s own steps before it reports the move done',
      argv: ['move', 'erp'],
      stub: (a) => {
        a.on('POST', '/v1/groups/erp/move', accepted({ node: 'node-a' }), {});
        a.streams(
          [
            event(42, 'RHA-I2103', 'stopping group erp (move)'),
            event(43, 'RHA-I2104', 'group erp stopped on node-a after 130 ms (move)', { data: { steps: [{ resource: 'erp-db', op: 'stop', ms: 120, ok: true }] } }),
          ],
          300,
        );
        a.on('GET', '/v1/status', status({ active: 'node-b' }));
      },
      code: 0,
      stdout: (out) => {
        expect(out).toMatch(/node-a {2}stopping group erp \(move\)\n/);
        expect(out).toMatch(/node-a {2}group erp stopped on node-a after 130 ms \(move\)\n {15}stop erp-db: 120 ms\n/);
        expect(out).toMatch(/group erp active on node-b after \d+\.\d\d s\n$/);
      },
    },
    {
      name: 'NODE --pin --no-wait: returns at once, with the hint that tells how to lift the pin',
      argv: ['move', 'erp', 'node-b', '--pin', '--no-wait'],
      stub: (a) => a.on('POST', '/v1/groups/erp/move', accepted({ message: 'moving group erp from node-a to node-b (pinned)', hints: ['erp is pinned (to node-b): `roseha clear erp` lifts the pin'] }), { node: 'node-b', pin: true }),
      code: 0,
      stdout: /\(pinned\)\n.*\n.*\nhint: erp is pinned \(to node-b\): `roseha clear erp` lifts the pin\n$/,
    },
    {
      name: '--dry-run: the plan with the commands, no waiting',
      argv: ['move', 'erp', '--dry-run'],
      stub: (a) =>
        a.on('POST', '/v1/groups/erp/move', accepted({ accepted: false, plan: [{ node: 'node-a', step: 'stop service erp-db', commands: ['systemctl stop erp.service'] }] }), { dryRun: true }),
      code: 0,
      stdout: /^dry run: would do: moving group erp from node-a to node-b \(nothing changed\)\n  node-a  stop service erp-db\n      \$ systemctl stop erp.service\n$/,
    },
    {
      name: '--json --wait: one document with the steps and the elapsed time',
      argv: ['move', 'erp', '--json', '--wait', '5'],
      stub: (a) => {
        a.on('POST', '/v1/groups/erp/move', accepted(), {});
        a.streams([event(42, 'RHA-I2104', 'group erp stopped on node-a after 130 ms (move)', { data: { steps: [{ resource: 'erp-db', op: 'stop', ms: 120, ok: true }] } })]);
        a.on('GET', '/v1/status', status({ active: null }));
        a.on('GET', '/v1/status', status({ active: 'node-b' }));
      },
      code: 0,
      stdout: (out) => {
        const doc = JSON.parse(out);
        expect(doc).toMatchObject({ schemaVersion: 1, accepted: true, waited: true, done: true, to: 'node-b' });
        expect(doc.steps.map((s: { code?: string; node: string }) => s.code ?? s.node)).toEqual(['RHA-I2104', 'node-b']);
        expect(doc.steps[0].steps).toEqual([{ resource: 'erp-db', op: 'stop', ms: 120, ok: true }]);
        expect(doc.elapsedMs).toBeGreaterThanOrEqual(0);
      },
    },
    {
      name: 'the target fails to start: exit 1 with RHA-E5003',
      argv: ['move', 'erp'],
      stub: (a) => {
        a.on('POST', '/v1/groups/erp/move', accepted(), {});
        a.streams([event(45, 'RHA-E2102', 'group erp failed to start here: erp-db did not start', { node: 'node-b', severity: 'error' })]);
        a.always('GET', '/v1/status', status({ active: null }));
      },
      code: 1,
      stderr: /^error RHA-E5003 the move of erp failed: group erp failed to start here/,
    },
    {
      name: 'not there in time: exit 1 with RHA-E5004 (the move stays requested)',
      argv: ['move', 'erp', '--wait', '0.3'],
      stub: (a) => {
        a.on('POST', '/v1/groups/erp/move', accepted(), {});
        a.streams([]);
        a.always('GET', '/v1/status', status({ active: 'node-a' }));
      },
      code: 1,
      stderr: /^error RHA-E5004 group erp is not active on node-b after 0.3 s; the move stays requested/,
    },
    {
      name: 'refused (maintenance): exit 5, the code and the remedy',
      argv: ['move', 'erp'],
      stub: (a) => a.on('POST', '/v1/groups/erp/move', refused('RHA-E2074', 'the cluster is in maintenance: nothing moves; run `roseha maintenance off` first')),
      code: 5,
      stderr: /^error RHA-E2074 the cluster is in maintenance: nothing moves; run `roseha maintenance off` first\n$/,
    },
    {
      name: 'already there: nothing to wait for',
      argv: ['move', 'erp', 'node-a'],
      stub: (a) => a.on('POST', '/v1/groups/erp/move', accepted({ message: 'group erp already runs on node-a', plan: [], to: 'node-a' }), { node: 'node-a' }),
      code: 0,
      stdout: /^group erp already runs on node-a\n$/,
    },
    {
      name: 'a bad --wait: usage error before any request',
      argv: ['move', 'erp', '--wait', 'soon'],
      stub: () => undefined,
      code: 2,
      stderr: /RHA-E5005/,
    },
  ]);
});

describe('roseha move with the peer reachable', () => {
  it("reports the target node's own steps from its event stream (replayed since the request)", async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runMain } = await import('../cli/run-main.js');
    const { FakeAgent } = await import('./helpers/fake-agent.js');
    const dir = mkdtempSync(join(tmpdir(), 'roseha-move-'));
    const config = join(dir, 'roseha.toml');
    writeFileSync(config, '[cluster]\nname = "erp"\n[[node]]\nname = "node-a"\nprivate = "192.0.2.1"\npublic = "198.51.100.1"\n[[node]]\nname = "node-b"\nprivate = "192.0.2.2"\npublic = "198.51.100.2"\n');
    const now = new Date().toISOString();
    const local = new FakeAgent()
      .on('POST', '/v1/groups/erp/move', { ...accepted(), node: 'node-a' }, {})
      .streams([])
      .on('GET', '/v1/status', status({ active: null, phases: { 'node-a': 'stopped', 'node-b': 'starting' } }))
      .on('GET', '/v1/status', status({ active: 'node-b' }));
    const peer = new FakeAgent().streams([
      event(7, 'RHA-I2101', 'group erp active on node-b after 200 ms (an earlier move)', { node: 'node-b', at: '2026-01-01T00:00:00.000Z' }),
      event(9, 'RHA-I2100', 'starting group erp (move)', { node: 'node-b', at: now }),
      event(10, 'RHA-I2101', 'group erp active on node-b after 310 ms (move)', { node: 'node-b', at: now, data: { steps: [{ resource: 'erp-db', op: 'start', ms: 300, ok: true }] } }),
    ]);
    const uninstall = local.install(peer);
    try {
      const r = await runMain(['move', 'erp', '-c', config], { env: { ROSEHA_PEER_SOCKET: '/run/peer.sock' } });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/node-b {2}starting group erp \(move\)\n.*node-b {2}group erp active on node-b after 310 ms \(move\)\n {15}start erp-db: 300 ms\n/);
      expect(r.stdout).not.toMatch(/earlier move|seen in its heartbeat/);
      expect(peer.eventRequests).toEqual([{ since: 0 }]);
      expect(peer.targets).toEqual([{ socketPath: '/run/peer.sock', timeoutMs: 3000 }]);
      local.verify();
      peer.verify();
    } finally {
      uninstall();
    }
  });
});
