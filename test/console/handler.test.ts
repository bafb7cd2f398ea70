// The console handler inside the real ApiServer over TLS, without a browser: the page and its
// assets are served without the token and hold no data; the console's data routes need the token
// (401 otherwise, like the API's); CORS lets the other node's page in; codes are checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:https';
import { ApiServer } from '../../src/agent/api/server.js';
import type { AgentApi } from '../../src/agent/api/routes.js';
import { makeSelfSignedCertificate } from '../../src/agent/api/tls-cert.js';
import type { EffectiveConfig } from '../../src/config/load.js';
import { consoleConfig, createConsoleHandler } from '../../src/console/handler.js';
import { fetchInsecure } from './console-cluster.js';

const net = 100 + Math.floor(Math.random() * 100);
const host = `127.${net}.7.1`;
const port = 30000 + Math.floor(Math.random() * 20000);
const token = 'console-handler-test-token-0123456789';
const origin = `https://${host}:${port}`;
const config = {
  cluster: { name: 'erp' },
  api: { port, bind: 'node', token_file: 'api.token', cert_file: 'api.crt', key_file: 'api.key' },
  node: [
    { name: 'node-a', public: host, private: `127.${net}.6.1` },
    { name: 'node-b', public: 'fd00::2', private: `127.${net}.6.2` },
  ],
} as unknown as EffectiveConfig;
const api: AgentApi = {
  status: () => ({ cluster: 'erp', node: 'node-a' }) as never,
  recentEvents: () => [],
  subscribe: () => () => undefined,
  decisions: () => [],
  act: async () => ({ accepted: true, plan: [], message: '' }),
};
const refused: string[] = [];
let server: ApiServer;

function preflight(path: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(origin + path, { method: 'OPTIONS', rejectUnauthorized: false, headers: { origin: 'https://10.0.0.12:7410', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const tls = makeSelfSignedCertificate({ cluster: 'erp', names: ['localhost'], addresses: [] });
  server = new ApiServer({ api, tcp: { hosts: [host], port, token, tls }, extraHandler: createConsoleHandler({ config, self: 'node-a' }), onUnauthorized: ({ path }) => refused.push(path) });
  await server.start();
}, 30_000);
afterAll(async () => server?.stop());

describe('console handler', () => {
  it('serves the page at / and /console with a strict CSP, and the assets, without the token and without data', async () => {
    for (const path of ['/', '/console', '/console/']) {
      const r = await fetchInsecure(origin + path);
      expect(r.status, path).toBe(200);
      expect(r.type).toBe('text/html; charset=utf-8');
      expect(r.body).toContain('id="login"');
      expect(r.body).not.toMatch(/erp|node-a|<script>|style="/);
    }
    const html = await new Promise<Record<string, unknown>>((resolve, reject) => {
      request(`${origin}/console`, { rejectUnauthorized: false }, (res) => (res.resume(), resolve(res.headers))).on('error', reject).end();
    });
    expect(html['content-security-policy']).toContain("script-src 'self'");
    expect(html['x-frame-options']).toBe('DENY');
    for (const [path, type] of [['/console/app.js', 'text/javascript'], ['/console/view.js', 'text/javascript'], ['/console/strings.js', 'text/javascript'], ['/console/style.css', 'text/css']] as const) {
      const r = await fetchInsecure(origin + path);
      expect(r.status, path).toBe(200);
      expect(r.type.startsWith(type)).toBe(true);
    }
    expect((await fetchInsecure(`${origin}/favicon.ico`)).status).toBe(404);
    // None of that counted as a refused API call.
    expect(refused).toEqual([]);
  });

  it('answers 401 on the console data routes without the right token, as the API does', async () => {
    for (const path of ['/v1/console-config', '/v1/catalogue?codes=RHA-W2043', '/v1/status', '/nothing-here']) {
      const none = await fetchInsecure(origin + path);
      expect(none.status, path).toBe(401);
      expect(JSON.parse(none.body).error.code).toBe('RHA-E2011');
    }
    const wrong = await fetchInsecure(`${origin}/v1/console-config`, { authorization: 'Bearer wrong' });
    expect(wrong.status).toBe(401);
    expect(refused).toContain('/v1/console-config');
  }, 30_000);

  it('tells the page every node\'s API origins, public address first', async () => {
    const r = await fetchInsecure(`${origin}/v1/console-config`, { authorization: `Bearer ${token}` });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({
      cluster: 'erp',
      self: 'node-a',
      nodes: [
        { name: 'node-a', origins: [`https://${host}:${port}`, `https://127.${net}.6.1:${port}`] },
        { name: 'node-b', origins: [`https://[fd00::2]:${port}`, `https://127.${net}.6.2:${port}`] },
      ],
    });
    expect(consoleConfig({ config, self: 'node-b' }, 'http').nodes[0]!.origins[0]).toBe(`http://${host}:${port}`);
  });

  it('serves catalogue entries in both languages, leaves unknown codes out, refuses malformed ones', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const ok = JSON.parse((await fetchInsecure(`${origin}/v1/catalogue?codes=rha-w2043,RHA-E9999,RHA-W2043`, auth)).body);
    expect(ok.entries).toHaveLength(1);
    expect(ok.entries[0].code).toBe('RHA-W2043');
    expect(ok.entries[0].zh.title).toMatch(/[\u4e00-\u9fff]/);
    expect(ok.entries[0].en.title.length).toBeGreaterThan(0);
    for (const bad of ['codes=RHA-W2043;rm', `codes=${Array.from({ length: 65 }, (_, i) => `RHA-E${1000 + i}`).join(',')}`]) {
      const r = await fetchInsecure(`${origin}/v1/catalogue?${bad}`, auth);
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body).error.code).toBe('RHA-E6001');
    }
  });

  it('lets the other node\'s page in (CORS): preflight without the token, the origin echoed on answers', async () => {
    const p = await preflight('/v1/status');
    expect(p.status).toBe(204);
    expect(p.headers['access-control-allow-origin']).toBe('https://10.0.0.12:7410');
    expect(String(p.headers['access-control-allow-headers'])).toContain('authorization');
    const r = await new Promise<Record<string, unknown>>((resolve, reject) => {
      request(`${origin}/v1/status`, { rejectUnauthorized: false, headers: { origin: 'https://10.0.0.12:7410', authorization: `Bearer ${token}` } }, (res) => (res.resume(), resolve(res.headers))).on('error', reject).end();
    });
    expect(r['access-control-allow-origin']).toBe('https://10.0.0.12:7410');
  });
});
