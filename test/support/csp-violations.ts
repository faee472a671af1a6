// What the Content-Security-Policy refused in a browser context, on every page and across navigations: the
// browser's console reports and the pages' `securitypolicyviolation` events.
import type { BrowserContext } from 'playwright-core';

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
