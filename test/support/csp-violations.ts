// What the Content-Security-Policy refused in a browser context, on every page and across navigations: the
// browser's console reports and the pages' `securitypolicyviolation` events.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newDesktopContext } from './browser';

/** Starts collecting; the returned list fills as violations happen (assert it is empty at the end). */
export async function collectCspViolations(context: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  context.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text()); });
  await context.exposeBinding('__reportCspViolation', (_source, what: string) => { seen.push(what); });
  // A string: tsx would wrap a function's inner arrows in a helper the page lacks.
  await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => {
    window.__reportCspViolation(e.violatedDirective + ' ' + e.blockedURI);
  });`);
  return seen;
}

/** A reviewer's desktop page on `baseURL` whose CSP violations are collected from the first request on. */
export async function deskPageWatchingCsp(browser: Browser, baseURL: string): Promise<{ page: Page; cspErrors: string[] }> {
  const context = await newDesktopContext(browser, baseURL);
  const cspErrors = await collectCspViolations(context);
  return { page: await context.newPage(), cspErrors };
}
