// Real Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core.
// There is deliberately no "skip if missing": a browser test that cannot run must fail.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type LaunchOptions } from 'playwright-core';
import { SAFETY_NET_MS } from './wait';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--lang=vi-VN',
];

function options(extra: LaunchOptions = {}): LaunchOptions {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  return { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, ...extra };
}

export function launchBrowser(extra?: LaunchOptions): Promise<Browser> {
  return chromium.launch(options(extra));
}

/** Every browser wait of a test is a safety net, never a decision (test/support/wait.ts). */
function generous(context: BrowserContext): BrowserContext {
  context.setDefaultTimeout(SAFETY_NET_MS);
  context.setDefaultNavigationTimeout(SAFETY_NET_MS);
  return context;
}

const VIETNAM = { locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'allow' } as const;

/** A phone-sized context with service workers allowed; each call is a fresh profile. `userAgent`: a phone's own
 *  (test/support/user-agents.ts), e.g. Zalo's in-app browser or an iPhone's Safari. */
export async function newPhoneContext(browser: Browser, baseURL: string, o: { userAgent?: string } = {}): Promise<BrowserContext> {
  return generous(await browser.newContext({ ...VIETNAM, baseURL, viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, ...o }));
}

/** An office computer's browser (the reviewer workspace, administration, dashboard); a fresh profile. */
export async function newDesktopContext(browser: Browser, baseURL: string, viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  return generous(await browser.newContext({ ...VIETNAM, baseURL, viewport }));
}
