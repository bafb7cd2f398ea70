// The remote API over real TLS on 127.0.0.1: the token, the pinned certificate, known_hosts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { ApiServer } from '../../src/agent/api/server.js';
import type { AgentApi } from '../../src/agent/api/routes.js';
import { ensureApiCredentials, makeSelfSignedCertificate } from '../../src/agent/api/tls-cert.js';
import { certificateFingerprint, normalizeFingerprint, readApiCredentials } from '../../src/agent/api/tls.js';
import { AgentClient } from '../../src/client/index.js';
import { readKnownHosts } from '../../src/client/pinning.js';
import type { StatusReport } from '../../src/core/status.js';
import { isRosehaError } from '../../src/errors.js';

const token = 'a-test-token-that-is-long-enough';
const certA = makeSelfSignedCertificate({ cluster: 'lo', names: ['node-a'], addresses: ['127.0.0.1'] });
const certB = makeSelfSignedCertificate({ cluster: 'lo', names: ['node-a'], addresses: ['127.0.0.1'] });
const fpA = certificateFingerprint(certA.cert);
const fpB = certificateFingerprint(certB.cert);

function fakeApi(counter: { status: number }): AgentApi {
  return {
    status: () => {
      counter.status += 1;
      return { cluster: 'lo', node: 'node-a' } as unknown as StatusReport;
    },
    recentEvents: () => [],
    subscribe: () => () => undefined,
    decisions: () => [],
    act: async () => ({ accepted: true, plan: [], message: 'ok' }),
  } as unknown as AgentApi;
}

async function serve(cert: { cert: string; key: string }, port = 0) {
  const counter = { status: 0 };
  const refused: Array<{ reason: string; failures: number }> = [];
  const server = new ApiServer({
    api: fakeApi(counter),
    tcp: { hosts: ['127.0.0.1'], port, token, tls: cert },
    onUnauthorized: (i) => refused.push({ reason: i.reason, failures: i.failures }),
  });
  await server.start();
  return { server, counter, refused, port: server.tcpPorts()[0]! };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    return isRosehaError(err) ? err.code : String(err);
  }
}

describe('remote API over TLS with a pinned certificate', () => {
  let s: Awaited<ReturnType<typeof serve>>;
  let dir: string;
  beforeAll(async () => {
    s = await serve(certA);
    dir = mkdtempSync(join(tmpdir(), 'roseha-tls-'));
  });
  afterAll(async () => {
    await s.server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers with the right token and fingerprint', async () => {
    const c = new AgentClient({ host: `127.0.0.1:${s.port}`, token, pin: { fingerprint: fpA } });
    const st = await c.status();
    expect(st.node).toBe('node-a');
  });

  it('a wrong token gets 401 (RHA-E2011), an audit call, and repeated failures are slowed down', async () => {
    const c = new AgentClient({ host: `127.0.0.1:${s.port}`, token: 'wrong-token-wrong-token', pin: { fingerprint: fpA } });
    const t0 = performance.now();
    expect(await codeOf(c.status())).toBe('RHA-E2011');
    const first = performance.now() - t0;
    const t1 = performance.now();
    expect(await codeOf(c.status())).toBe('RHA-E2011');
    expect(await codeOf(c.status())).toBe('RHA-E2011');
    const next = (performance.now() - t1) / 2;
    expect(next).toBeGreaterThan(first);
    expect(next).toBeGreaterThanOrEqual(150);
    expect(s.refused.map((r) => r.reason)).toEqual(['wrong', 'wrong', 'wrong']);
    expect(s.refused.map((r) => r.failures)).toEqual([1, 2, 3]);
    const noToken = new AgentClient({ host: `127.0.0.1:${s.port}`, pin: { fingerprint: fpA } });
    expect(await codeOf(noToken.status())).toBe('RHA-E2011');
    expect(s.refused.at(-1)?.reason).toBe('missing');
    // The right token again resets the count.
    await new AgentClient({ host: `127.0.0.1:${s.port}`, token, pin: { fingerprint: fpA } }).status();
  });

  it('a different certificate is refused before the token is sent (RHA-E5203)', async () => {
    const before = s.counter.status;
    const c = new AgentClient({ host: `127.0.0.1:${s.port}`, token, pin: { fingerprint: fpB } });
    expect(await codeOf(c.status())).toBe('RHA-E5203');
    expect(s.counter.status).toBe(before);
  });

  it('plain HTTP is not served on the TLS port', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.1', port: s.port, path: '/v1/status', headers: { authorization: `Bearer ${token}` } }, (res) => resolve(`HTTP ${res.statusCode}`));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      req.setTimeout(3000, () => req.destroy(new Error('timeout')));
      req.end();
    });
    expect(outcome).not.toBe('HTTP 200');
  });

  it('known_hosts: unknown host refused with its fingerprint, accept-new records it, a changed certificate is refused', async () => {
    const known = join(dir, 'known_hosts');
    const host = `127.0.0.1:${s.port}`;
    let seen: unknown;
    try {
      await new AgentClient({ host, token, pin: { knownHostsFile: known } }).status();
    } catch (err) {
      seen = err;
    }
    expect(isRosehaError(seen) && seen.code).toBe('RHA-E5204');
    expect((seen as Error).message).toContain(fpA);
    await new AgentClient({ host, token, pin: { knownHostsFile: known, acceptNew: true } }).status();
    expect(readKnownHosts(known).get(host)).toBe(fpA);
    // Known now: no flag needed.
    await new AgentClient({ host, token, pin: { knownHostsFile: known } }).status();
    // Another certificate on the same host:port (a re-installed or impostor agent).
    await s.server.stop();
    s = await serve(certB, s.port);
    expect(await codeOf(new AgentClient({ host, token, pin: { knownHostsFile: known, acceptNew: true } }).status())).toBe('RHA-E5203');
    // The operator re-pins explicitly: accepted and remembered.
    await new AgentClient({ host, token, pin: { knownHostsFile: known, fingerprint: fpB } }).status();
    expect(readKnownHosts(known).get(host)).toBe(fpB);
    expect(readFileSync(known, 'utf8').match(new RegExp(host.replace(/\./g, '\\.'), 'g'))).toHaveLength(1);
  });
});

describe('API credentials', () => {
  it('fingerprints in every common spelling normalise to one', () => {
    const plain = fpA.replace(/:/g, '');
    expect(normalizeFingerprint(plain.toLowerCase())).toBe(fpA);
    expect(normalizeFingerprint(`SHA256:${fpA.toLowerCase()}`)).toBe(fpA);
    expect(normalizeFingerprint('AB:CD')).toBeNull();
  });

  it('ensureApiCredentials makes a 0600 key and token once, and never replaces them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roseha-cred-'));
    try {
      const paths = { cert: join(dir, 'api.crt'), key: join(dir, 'api.key'), token: join(dir, 'api.token') };
      const first = ensureApiCredentials(paths, { cluster: 'lo', names: ['a'], addresses: ['10.0.0.1'] });
      expect(first).toMatchObject({ certCreated: true, tokenCreated: true });
      if (process.platform !== 'win32') {
        const { statSync } = require('node:fs') as typeof import('node:fs');
        expect(statSync(paths.key).mode & 0o777).toBe(0o600);
        expect(statSync(paths.token).mode & 0o777).toBe(0o600);
      }
      const again = ensureApiCredentials(paths, { cluster: 'lo', names: ['a'], addresses: ['10.0.0.1'] });
      expect(again).toEqual({ certCreated: false, tokenCreated: false, fingerprint: first.fingerprint });
      const creds = readApiCredentials(paths)!;
      expect(creds.fingerprint).toBe(first.fingerprint);
      expect(creds.token.length).toBeGreaterThanOrEqual(40);
      rmSync(paths.key);
      expect(() => readApiCredentials(paths)).toThrow(/RHA-E5202|never served without TLS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
