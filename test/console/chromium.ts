// Debian's chromium for the console tests, driven by playwright-core (no downloaded browser).
import { existsSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';

export const chromiumPath = process.env.ROSEHA_CHROMIUM ?? '/usr/bin/chromium';
export const haveChromium = existsSync(chromiumPath);

/** Headless, trusting the agents' self-signed certificates, with its own profile folder. */
export async function launchChromium(opts: { profile: string; height: number; executablePath?: string }): Promise<{ context: BrowserContext; page: Page }> {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(opts.profile, {
    executablePath: opts.executablePath ?? chromiumPath,
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: opts.height },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}
