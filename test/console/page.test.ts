// The console page in headless Chromium against two in-process API servers (the real ApiServer
// with the console handler, over TLS with a token) whose agent is a fake the test drives: colours
// for every state, live updates from events only, the actions' API calls and a refusal, and the
// switch to the other node's API (cross-origin) when the first one goes away.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumPath, haveChromium, launchChromium } from './chromium.js';
import { ApiServer } from '../../src/agent/api/server.js';
import type { ActionRequest, AgentApi } from '../../src/agent/api/routes.js';
import { makeSelfSignedCertificate } from '../../src/agent/api/tls-cert.js';
import type { AgentEvent, StatusReport } from '../../src/core/status.js';
import { RosehaError } from '../../src/errors.js';
import { ExitCode } from '../../src/exit-codes.js';
import { createConsoleHandler } from '../../src/console/handler.js';
import type { EffectiveConfig } from '../../src/config/load.js';

if (!haveChromium) console.warn(`console page tests skipped: no Chromium at ${chromiumPath} (apt-get install -y chromium; CI: ROSEHA_CI_CHROMIUM=1 .ci/run)`);
const shots = join(import.meta.dirname, '../../artifacts/console');

/** One fake agent: a status the test edits, an event log, and the actions it received. */
class FakeAgent implements AgentApi {
  acts: ActionRequest[] = [];
  refuseNext: RosehaError | null = null;
  private listeners = new Set<(e: AgentEvent) => void>();
  private nextId = 1;
  constructor(public report: StatusReport) {}
  /** A hung agent: requests reach it and never get an answer; open streams stay open, silent. */
  frozen = false;
  status() {
    return this.frozen ? (new Promise<never>(() => {}) as unknown as StatusReport) : this.report;
  }
  recentEvents() {
    return [];
  }
  subscribe(l: (e: AgentEvent) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  decisions() {
    return [];
  }
  async act(a: ActionRequest) {
    this.acts.push(a);
    const refusal = this.refuseNext;
    this.refuseNext = null;
    if (refusal) throw refusal;
    return { accepted: true, plan: [], message: `${a.kind} accepted` };
  }
  emit(e: Omit<AgentEvent, 'id' | 'at' | 'node'>) {
    const ev = { id: this.nextId++, at: new Date().toISOString(), node: this.report.node, ...e };
    for (const l of this.listeners) l(ev);
  }
}

function report(self: 'node-a' | 'node-b', roles: Record<string, StatusReport['nodes'][number]['role']>, over: Partial<StatusReport> = {}): StatusReport {
  return {
    cluster: 'lab',
    node: self,
    generatedAt: new Date().toISOString(),
    configGeneration: 1,
    timing: { profile: 'default', heartbeat_ms: 200, dead_after_ms: 1000 },
    maintenance: false,
    nodes: (['node-a', 'node-b'] as const).map((name) => ({ name, self: name === self, role: roles[name]!, alive: roles[name] !== 'faulted', publicOk: true, storageOk: true, standby: false })),
    links: (['private', 'public', 'disk'] as const).map((name) => ({ name, configured: true, up: true, lastHeardMsAgo: 5, accepted: 1, dropped: 0 })),
    groups: [
      {
        name: 'web',
        activeNode: Object.entries(roles).find(([, r]) => r === 'active')?.[0] ?? null,
        phases: {},
        preferred: ['node-a', 'node-b'],
        failback: 'manual',
        locked: null,
        resources: [
          { name: 'web-ip', type: 'ip', state: 'running', failures: 0 },
          { name: 'web-app', type: 'process', state: 'running', failures: 0 },
        ],
      },
    ],
    intents: [],
    dropped: {},
    problems: [],
    degraded: false,
    ...over,
  };
}

describe.skipIf(!haveChromium)('console page against fake agents', () => {
  const net = 100 + Math.floor(Math.random() * 100);
  const hosts = { 'node-a': `127.${net}.9.1`, 'node-b': `127.${net}.9.2` };
  const port = 30000 + Math.floor(Math.random() * 20000);
  const token = 'console-page-test-token-0123456789';
  const config = {
    cluster: { name: 'lab' },
    api: { port, bind: 'node', token_file: 'api.token', cert_file: 'api.crt', key_file: 'api.key' },
    node: [
      { name: 'node-a', public: hosts['node-a'], private: `127.${net}.8.1` },
      { name: 'node-b', public: hosts['node-b'], private: `127.${net}.8.2` },
    ],
  } as unknown as EffectiveConfig;
  const agents = { 'node-a': new FakeAgent(report('node-a', { 'node-a': 'booting', 'node-b': 'booting' })), 'node-b': new FakeAgent(report('node-b', { 'node-a': 'booting', 'node-b': 'booting' })) };
  const servers: Record<string, ApiServer> = {};
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let tlsCert: { cert: string; key: string };

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    tlsCert = makeSelfSignedCertificate({ cluster: 'lab', names: ['localhost'], addresses: [] });
    for (const name of ['node-a', 'node-b'] as const) {
      servers[name] = new ApiServer({ api: agents[name], tcp: { hosts: [hosts[name]], port, token, tls: tlsCert }, extraHandler: createConsoleHandler({ config, self: name }) });
      await servers[name].start();
    }
    profile = mkdtempSync(join(tmpdir(), 'roseha-chromium-'));
    ({ context, page } = await launchChromium({ profile, height: 820 }));
    // Counts the alarm's beeps: each one starts oscillators on the page's AudioContext.
    await page.addInitScript(() => {
      const w = window as unknown as { beeps: number; AudioContext: typeof AudioContext };
      w.beeps = 0;
      const make = w.AudioContext.prototype.createOscillator;
      w.AudioContext.prototype.createOscillator = function (this: AudioContext) {
        w.beeps++;
        return make.call(this);
      };
    });
    // The page's own errors, in the test output: a failure here is otherwise a bare timeout.
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && console.error(`page console: ${m.text()}`));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    for (const s of Object.values(servers)) await s.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('shows booting nodes blue, then follows events live (and polls slowly for what brings no event)', async () => {
    await page.goto(`https://${hosts['node-a']}:${port}/console`);
    await page.fill('#token', token);
    await page.click('#login-submit');
    await page.waitForSelector('#node-node-a[data-state="booting"]');
    expect(await page.getAttribute('#node-node-b', 'data-state')).toBe('booting');
    // Blue as the whitepaper's monitor shows a booting node (§4.1).
    await page.waitForFunction(() => ['#node-node-a', '#node-node-b'].every((id) => getComputedStyle(document.querySelector(id)!).borderTopColor === 'rgb(30, 111, 217)'));
    await page.screenshot({ path: join(shots, 'fake-01-booting.png') });

    // A status change alone does not show at once (events drive the page) ...
    agents['node-a'].report = report('node-a', { 'node-a': 'active', 'node-b': 'standby' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await page.getAttribute('#node-node-a', 'data-state')).toBe('booting');
    // ... an event makes it fetch the status again.
    agents['node-a'].emit({ code: 'RHA-I2100', severity: 'info', message: 'group web active on node-a' });
    await page.waitForSelector('#node-node-a[data-state="active"]');
    expect(await page.getAttribute('#node-node-b', 'data-state')).toBe('standby');
    expect(await page.locator('#events .ev[data-code="RHA-I2100"]').count()).toBe(1);
    // A change that brings no event (the peer's health as heard in its heartbeats) shows within the 5 s poll.
    agents['node-a'].report = report('node-a', { 'node-a': 'active', 'node-b': 'faulted' });
    await page.waitForSelector('#node-node-b[data-state="faulted"]', { timeout: 7000 });
  });

  it('a locked group turns its standby amber; actions call the API after a confirmation; a refusal shows its code', async () => {
    const a = agents['node-a'];
    a.report = report('node-a', { 'node-a': 'active', 'node-b': 'standby' });
    a.report.groups[0]!.locked = { code: 'RHA-W2052', reason: 'maintenance window', by: 'token', at: new Date().toISOString() };
    a.report.problems = [{ code: 'RHA-W2052', message: 'group web is locked: maintenance window' }];
    a.emit({ code: 'RHA-I2051', severity: 'info', message: 'group web locked' });
    await page.waitForSelector('#node-node-b[data-state="locked"]');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('#node-node-b')!).borderTopColor === 'rgb(230, 161, 0)');
    await page.waitForSelector('#group-web.fault .fault-code');
    await page.screenshot({ path: join(shots, 'fake-02-locked.png') });

    // Cancel does nothing.
    await page.click('#group-web button[data-action="unlock"]');
    await page.click('#confirm button[value="cancel"]');
    await new Promise((r) => setTimeout(r, 300));
    expect(a.acts).toEqual([]);
    // Confirm calls the route the CLI calls.
    await page.click('#group-web button[data-action="unlock"]');
    await page.click('#confirm-ok');
    await page.waitForSelector('#result.ok:not([hidden])');
    expect(a.acts).toEqual([{ kind: 'unlock', group: 'web', dryRun: false, by: 'token' }]);

    a.refuseNext = new RosehaError('RHA-E2076', 'node-b is in standby; run `roseha node online node-b` first', { exitCode: ExitCode.refused });
    await page.click('#group-web button[data-action="move"][data-node="node-b"]');
    await page.click('#confirm-ok');
    await page.waitForSelector('#result.refused:not([hidden])');
    expect(await page.getAttribute('#result', 'data-code')).toBe('RHA-E2076');
    expect(await page.locator('#result').innerText()).toContain('node-b is in standby');
    expect(a.acts[1]).toMatchObject({ kind: 'move', group: 'web', node: 'node-b' });
    await page.screenshot({ path: join(shots, 'fake-03-refused.png') });
    await page.click('#result');

    await page.click('#node-node-b button[data-action="standby"]');
    await page.click('#confirm-ok');
    await page.waitForSelector('#result.ok:not([hidden])');
    expect(a.acts[2]).toMatchObject({ kind: 'standby', node: 'node-b' });
  });

  it('switches to the other node when the one it talks to goes away (cross-origin, same page)', async () => {
    agents['node-b'].report = report('node-b', { 'node-a': 'faulted', 'node-b': 'active' }, { problems: [{ code: 'RHA-W2043', message: 'node-a is not heard on any link' }], degraded: true });
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await servers['node-a']!.stop();
    await page.waitForSelector('body[data-via="node-b"]', { timeout: 10_000 });
    await page.waitForSelector('#node-node-a[data-state="faulted"]');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    // An event from node-b reaches the page through node-b's stream.
    agents['node-b'].emit({ code: 'RHA-E2105', severity: 'error', message: 'group web did not stop cleanly' });
    await page.waitForSelector('#events .ev[data-code="RHA-E2105"]');
    const alarms = Number(await page.getAttribute('body', 'data-alarms'));
    expect(alarms).toBeGreaterThan(0);
    const beeps = await page.evaluate(() => (window as unknown as { beeps: number }).beeps);
    expect(beeps).toBeGreaterThan(0);
    // Muted: the alarm still shows (the bar flashes), but makes no sound.
    await page.click('#mute');
    expect(await page.getAttribute('#mute', 'aria-pressed')).toBe('true');
    agents['node-b'].emit({ code: 'RHA-E2105', severity: 'error', message: 'again' });
    await page.waitForFunction((n) => Number(document.body.getAttribute('data-alarms')) > n, alarms);
    expect(await page.evaluate(() => (window as unknown as { beeps: number }).beeps)).toBe(beeps);
    await page.click('#mute');
    await page.waitForSelector('.fault-item[data-code="RHA-W2043"] dl');
    await page.click('#lang');
    await page.waitForFunction(() => document.querySelector('.fault-item[data-code="RHA-W2043"]')?.textContent?.match(/[\u4e00-\u9fff]/));
    await page.screenshot({ path: join(shots, 'fake-04-switched-zh.png') });
    await page.click('#lang');
  });

  it('leaves a node that hangs without closing its connections (power loss): the other node\'s events bring it back', async () => {
    // node-a is back (a fresh listener), the page still talks to node-b.
    servers['node-a'] = new ApiServer({ api: agents['node-a'], tcp: { hosts: [hosts['node-a']], port, token, tls: tlsCert }, extraHandler: createConsoleHandler({ config, self: 'node-a' }) });
    await servers['node-a'].start();
    agents['node-a'].report = report('node-a', { 'node-a': 'active', 'node-b': 'faulted' }, { problems: [{ code: 'RHA-W2043', message: 'node-b is not heard on any link' }], degraded: true });
    // The page reopens node-a's stream within a second or so; then node-b hangs.
    await new Promise((r) => setTimeout(r, 2500));
    agents['node-b'].frozen = true;
    const t0 = Date.now();
    agents['node-a'].emit({ code: 'RHA-W2043', severity: 'warning', message: 'node-b is not heard on any link' });
    await page.waitForSelector('body[data-via="node-a"]', { timeout: 10_000 });
    await page.waitForSelector('#node-node-b[data-state="faulted"]');
    console.log(`console: left a hung node ${Date.now() - t0} ms after the surviving node's event`);
    agents['node-b'].frozen = false;
  });
});
