// End to end, two real agents on loopback with the API over TLS: a wrong token refused, a config
// pushed while the peer is down and caught up when it returns, a conflict after both edited alone
// (refused, shown, resolved with --force), and a failover mail naming the node and the group.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeOn, peerAlive, repoRoot } from '../helpers/loopback-cluster.js';
import { makeAdminCluster, type AdminCluster } from './config-sync-cluster.js';
import { startSmtp } from './alerts/smtp.js';
import type { StatusReport } from '../../src/core/status.js';

const built = existsSync(join(repoRoot, 'dist/cli.js'));
if (!built) console.warn('config-sync end-to-end tests skipped: dist/ is missing (run `npm run build`; `npm test` does)');

const gen = (s: StatusReport) => s.configGeneration;
const hasProblem = (s: StatusReport, code: string) => s.problems.some((p) => p.code === code);

describe.skipIf(!built)('remote administration and config sync, two agents on loopback', () => {
  let c: AdminCluster;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    c = makeAdminCluster({ smtpPort: smtp.port });
    const [a, b] = c.nodes;
    c.start(a);
    await c.waitFor(a, (s) => activeOn(s) === 'node-a', 20_000);
    c.start(b);
    await c.waitFor(b, (s) => peerAlive(s) && activeOn(s) === 'node-a', 20_000);
  }, 60_000);
  afterAll(async () => {
    await c?.stop();
    await smtp?.close();
  });

  /** Writes a variant of node's running config (the throttle changed) for `config push`. */
  function variant(node: AdminCluster['nodes'][number], throttle: number): string {
    const file = join(c.dir, `${node.name}-push-${throttle}.toml`);
    writeFileSync(file, c.configText(node).replace(/throttle_s = \d+/, `throttle_s = ${throttle}`));
    return file;
  }

  it('status from a third machine over TLS with the token; a wrong token gets 401 and an audit line', async () => {
    const [a] = c.nodes;
    const host = `${c.address(a)}:${c.apiPort}`;
    // A third machine: no config of its own, the token and fingerprint given.
    const third = { ROSEHA_CONFIG: join(c.dir, 'nowhere.toml') };
    const ok = await c.cli(['--host', host, '--token', c.token, '--fingerprint', c.fingerprint, 'status', '--json'], third);
    expect(ok.stderr).toBe('');
    expect(JSON.parse(ok.stdout)).toMatchObject({ node: 'node-a', cluster: 'lo' });
    const bad = await c.cli(['--host', host, '--token', 'not-the-token-at-all', '--fingerprint', c.fingerprint, 'status'], third);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('RHA-E2011');
    const audit = c.logText(a).split('\n').filter((l) => l.includes('RHA-W2013'));
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.parse(audit.at(-1)!)).toMatchObject({ code: 'RHA-W2013', reason: 'wrong', path: '/v1/status' });
    // A pinned fingerprint that does not match: refused before the token is sent.
    const wrongFp = await c.cli(['--host', host, '--token', c.token, '--fingerprint', 'AA'.repeat(32), 'status'], third);
    expect(wrongFp.stderr).toContain('RHA-E5203');
  }, 90_000);

  it('a push while the peer is down commits here; the peer catches up when it returns', async () => {
    const [a, b] = c.nodes;
    c.killNode(b);
    await c.waitFor(a, (s) => !peerAlive(s), 10_000);
    const r = await c.cli(['--config', a.config, 'config', 'push', variant(a, 61)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('RHA-W5245');
    await c.waitFor(a, (s) => gen(s) === 2, 15_000);
    expect(c.configText(a)).toMatch(/^generation = 2$/m);
    expect(c.configText(b)).toMatch(/^generation = 1$/m);
    c.start(b);
    await c.waitFor(b, (s) => gen(s) === 2 && peerAlive(s), 20_000);
    const theirs = c.configText(b);
    expect(theirs).toContain('throttle_s = 61');
    // Its own state folder, not node-a's.
    expect(theirs).toContain(`state_dir = "${join(b.dir, 'state')}"`);
    expect(c.logText(b)).toContain('RHA-I5247');
    // The group never moved for it.
    await c.waitFor(a, (s) => activeOn(s) === 'node-a' && peerAlive(s), 10_000);
  }, 90_000);

  it('both edited alone: a conflict, refused and shown on both, resolved by push --force from one side', async () => {
    const [a, b] = c.nodes;
    c.killNode(b);
    await c.waitFor(a, (s) => !peerAlive(s), 10_000);
    expect((await c.cli(['--config', a.config, 'config', 'push', variant(a, 62)])).code).toBe(0);
    await c.waitFor(a, (s) => gen(s) === 3, 15_000);
    c.killNode(a);
    c.start(b);
    await c.waitFor(b, (s) => gen(s) === 2, 20_000);
    const pushB = await c.cli(['--config', b.config, 'config', 'push', variant(b, 63)]);
    expect(pushB.code, pushB.stderr).toBe(0);
    await c.waitFor(b, (s) => gen(s) === 3, 15_000);
    c.start(a);
    const seenA = await c.waitFor(a, (s) => peerAlive(s) && hasProblem(s, 'RHA-E5241'), 20_000);
    expect(seenA.degraded).toBe(true);
    await c.waitFor(b, (s) => hasProblem(s, 'RHA-E5241'), 10_000);
    // Neither took the other's.
    expect(c.configText(a)).toContain('throttle_s = 62');
    expect(c.configText(b)).toContain('throttle_s = 63');
    const status = await c.cli(['--config', a.config, 'status']);
    expect(status.code).toBe(3);
    expect(status.stdout + status.stderr).toContain('RHA-E5241');
    const refused = await c.cli(['--config', a.config, 'config', 'push', variant(a, 64)]);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain('RHA-E5242');
    const diff = await c.cli(['--config', a.config, 'config', 'diff']);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain('-throttle_s = 62');
    expect(diff.stdout).toContain('+throttle_s = 63');
    expect(diff.stdout).toContain('RHA-E5241');
    const forced = await c.cli(['--config', a.config, 'config', 'push', '--force', variant(a, 62)]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('committed on both nodes');
    await c.waitFor(a, (s) => gen(s) === 4 && !hasProblem(s, 'RHA-E5241'), 20_000);
    await c.waitFor(b, (s) => gen(s) === 4 && peerAlive(s) && !hasProblem(s, 'RHA-E5241'), 20_000);
    expect(c.configText(b)).toContain('throttle_s = 62');
  }, 90_000);

  it('a failover mail reaches the SMTP server, naming the node that took over and the group', async () => {
    const [a, b] = c.nodes;
    const st = await c.waitFor(a, (s) => activeOn(s) !== null && peerAlive(s), 20_000);
    const [holder, survivor] = activeOn(st) === 'node-a' ? [a, b] : [b, a];
    const before = smtp.mails.length;
    c.killNode(holder);
    await c.waitFor(survivor, (s) => activeOn(s) === survivor.name, 15_000);
    const deadline = Date.now() + 10_000;
    const takeover = () => smtp.mails.slice(before).find((m) => m.subject.includes(survivor.name) && m.subject.includes('[web]') && m.subject.includes('RHA-I2101'));
    while (!takeover() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const mail = takeover();
    expect(mail, `mails: ${smtp.mails.slice(before).map((m) => m.subject).join(' | ')}`).toBeDefined();
    expect(mail!.to).toEqual(['ops@lo.example']);
    expect(mail!.body).toContain(`Node:    ${survivor.name}`);
    expect(mail!.body).toContain('Group:   web');
  }, 90_000);
});
