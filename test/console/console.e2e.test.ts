// The web console in headless Chromium against two real agents on loopback, over TLS with a token:
// sign in, both nodes shown, a crash of the active node turns it red and the group moves to the
// other node without a reload (the page switches to the surviving node's API), a refused move
// shows its code, the group is moved back with the button, and without the token nothing shows.
// Screenshots go to artifacts/console/ (git-ignored).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumPath, haveChromium, launchChromium } from './chromium.js';
import { activeOn, peerAlive, repoRoot } from '../helpers/loopback-cluster.js';
import { fetchInsecure, makeConsoleCluster, type ConsoleCluster } from './console-cluster.js';
import { lookupCode } from '../../src/i18n/catalogue/index.js';

const built = existsSync(join(repoRoot, 'dist/cli.js'));
const canRun = built && haveChromium && process.platform === 'linux';
if (!built) console.warn('console end-to-end tests skipped: dist/ is missing (run `npm run build`; `npm test` does)');
if (!haveChromium) console.warn(`console end-to-end tests skipped: no Chromium at ${chromiumPath} (apt-get install -y chromium; CI: ROSEHA_CI_CHROMIUM=1 .ci/run)`);

const shots = join(repoRoot, 'artifacts', 'console');

describe.skipIf(!canRun)('web console against two loopback agents', () => {
  let cluster: ConsoleCluster;
  let context: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    cluster = makeConsoleCluster();
    const [a, b] = cluster.nodes;
    cluster.start(a);
    await cluster.waitFor(a, (s) => activeOn(s) === 'node-a', 10_000);
    cluster.start(b);
    await cluster.waitFor(b, (s) => peerAlive(s) && activeOn(s) === 'node-a', 10_000);
    await cluster.waitFor(a, (s) => peerAlive(s), 10_000);
    profile = mkdtempSync(join(tmpdir(), 'roseha-chromium-'));
    ({ context, page } = await launchChromium({ profile, height: 860 }));
    // The page's own errors, in the test output: a failure here is otherwise a bare timeout.
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && console.error(`page console: ${m.text()}`));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await cluster?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  }, 60_000);

  it('without the token: the page is a login form with no cluster data, and the data routes answer 401', async () => {
    const [a] = cluster.nodes;
    const origin = cluster.origin(a);
    const pageRes = await fetchInsecure(`${origin}/console`);
    expect(pageRes.status).toBe(200);
    expect(pageRes.type).toContain('text/html');
    expect(pageRes.body).toContain('id="login"');
    for (const secret of ['node-a', 'node-b', 'web-app', cluster.token]) expect(pageRes.body).not.toContain(secret);
    for (const path of ['/v1/status', '/v1/events', '/v1/console-config', '/v1/catalogue?codes=RHA-W2043']) {
      const r = await fetchInsecure(origin + path);
      expect(r.status, path).toBe(401);
      expect(r.body).not.toContain('node-a');
    }
    const wrong = await fetchInsecure(`${origin}/v1/console-config`, { authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);

    await page.goto(`${origin}/console`);
    await page.waitForSelector('#login:not([hidden])');
    const text = await page.locator('body').innerText();
    for (const secret of ['node-a', 'node-b', 'web-app']) expect(text).not.toContain(secret);
    await page.fill('#token', 'not-the-token');
    await page.click('#login-submit');
    await page.waitForFunction(() => (document.getElementById('login-error')?.textContent ?? '').length > 0);
    expect(await page.locator('#login-error').innerText()).toContain('refused');
    expect(await page.locator('#app').isHidden()).toBe(true);
    await page.screenshot({ path: join(shots, '01-login-refused.png') });
  }, 60_000);

  it('with the token: both nodes, the links, the group with its resources', async () => {
    await page.fill('#token', cluster.token);
    await page.click('#login-submit');
    await page.waitForSelector('#node-node-a[data-state="active"]', { timeout: 10_000 });
    await page.waitForSelector('#node-node-b[data-state="standby"]', { timeout: 10_000 });
    await page.waitForSelector('#group-web[data-active="node-a"]');
    expect(await page.getAttribute('body', 'data-via')).toBe('node-a');
    for (const link of ['private', 'public', 'disk']) expect(await page.getAttribute(`#link-${link}`, 'data-state')).toBe('up');
    expect(await page.getAttribute('#group-web [data-resource="web-app"]', 'data-state')).toBe('running');
    expect(await page.evaluate(() => sessionStorage.getItem('roseha.token'))).toBe(cluster.token);
    await page.screenshot({ path: join(shots, '02-both-nodes.png') });
  }, 60_000);

  it('a crash of the active node: it turns red, the links go red and the group moves to node-b, without a reload', async () => {
    const [a, b] = cluster.nodes;
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    const killedAt = Date.now();
    cluster.killNode(a);
    await page.waitForSelector('#node-node-a[data-state="faulted"]', { timeout: 15_000 });
    const redMs = Date.now() - killedAt;
    await page.waitForSelector('#group-web[data-active="node-b"]', { timeout: 15_000 });
    const movedMs = Date.now() - killedAt;
    await page.waitForSelector('#group-web [data-resource="web-app"][data-state="running"]', { timeout: 10_000 });
    expect(cluster.runs(b)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await page.getAttribute('body', 'data-via')).toBe('node-b');
    for (const link of ['private', 'public', 'disk']) expect(await page.getAttribute(`#link-${link}`, 'data-state')).toBe('down');
    expect(await page.getAttribute('#node-node-a', 'class')).toContain('fault');
    // The fault point, with the catalogue's explanation, and the alarm went off.
    const fault = page.locator('.fault-item[data-code="RHA-W2043"]');
    await fault.waitFor();
    await page.waitForFunction((title) => document.querySelector('.fault-item[data-code="RHA-W2043"]')?.textContent?.includes(title), lookupCode('RHA-W2043')!.en.title);
    expect(Number(await page.getAttribute('body', 'data-alarms'))).toBeGreaterThan(0);
    expect(await page.locator('#events .ev').count()).toBeGreaterThan(0);
    console.log(`console: node-a red ${redMs} ms and the group on node-b ${movedMs} ms after the kill (dead_after_ms ${cluster.deadAfterMs})`);
    await page.screenshot({ path: join(shots, '03-node-a-crashed.png') });
  }, 60_000);

  it('a move to the dead node is refused with the code the CLI gets', async () => {
    await page.click('#group-web button[data-action="move"][data-node="node-a"]');
    await page.waitForSelector('#confirm[open]');
    expect(await page.locator('#confirm-text').innerText()).toContain('web');
    await page.click('#confirm-ok');
    await page.waitForSelector('#result.refused:not([hidden])');
    expect(await page.getAttribute('#result', 'data-code')).toBe('RHA-E2075');
    expect(await page.locator('#result').innerText()).toContain('node-a is not alive');
    await page.waitForFunction((title) => document.getElementById('result')?.textContent?.includes(title), lookupCode('RHA-E2075')!.en.title);
    await page.screenshot({ path: join(shots, '04-move-refused.png') });
    await page.click('#result');
  }, 60_000);

  it('node-a comes back standby; the button moves the group back after the confirmation', async () => {
    const [a, b] = cluster.nodes;
    cluster.start(a);
    await cluster.waitFor(b, (s) => peerAlive(s), 15_000);
    await page.waitForSelector('#node-node-a[data-state="standby"]', { timeout: 15_000 });
    await page.click('#group-web button[data-action="move"][data-node="node-a"]');
    await page.waitForSelector('#confirm[open]');
    await page.screenshot({ path: join(shots, '05-confirm-move.png') });
    await page.click('#confirm-ok');
    await page.waitForSelector('#result.ok:not([hidden])');
    await page.waitForSelector('#group-web[data-active="node-a"]', { timeout: 15_000 });
    await page.waitForSelector('#node-node-a[data-state="active"]', { timeout: 10_000 });
    expect(cluster.runs(a)).toBe(true);
    await cluster.waitFor(b, (s) => activeOn(s) === 'node-a', 5000);
    expect(cluster.runs(b)).toBe(false);
    await page.screenshot({ path: join(shots, '06-moved-back.png') });
  }, 60_000);

  it('switches to Chinese with the catalogue text in Chinese, and signs out to an empty login', async () => {
    await page.click('#lang');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    const text = await page.locator('body').innerText();
    expect(text).toContain('任务');
    expect(text).toContain('心跳链路');
    await page.screenshot({ path: join(shots, '07-chinese.png') });
    await page.click('#lang');
    await page.click('#logout');
    await page.waitForSelector('#login:not([hidden])');
    expect(await page.evaluate(() => sessionStorage.getItem('roseha.token'))).toBeNull();
    const after = await page.locator('body').innerText();
    for (const secret of ['node-a', 'node-b', 'web-app']) expect(after).not.toContain(secret);
  }, 60_000);
});
