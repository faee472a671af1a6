// Probe (not a test): the JavaScript of a first visit, by source function — a V8 CPU profile of the load (a fresh
// profile, 412×823, unthrottled), its samples named through the build's source maps. Self time is the function's
// own; total includes what it called. Averaged over the rounds.
//   npm run build -- --sourcemap && npx tsx test/bench/first-load-profile.ts [/path | form] [rounds]
// `form`: a new case's form, its draft stored first (then the service worker and caches cleared, as in lighthouse.ts).
import { launchBrowser } from '../support/browser';
import { serveDist } from '../support/static-server';
import { addProfile, printProfile, startProfile, stopProfile } from '../support/cpu-profile';

const PATH = process.argv[2] ?? '/';
const ROUNDS = Number(process.argv[3] ?? 3);

const server = await serveDist();
const browser = await launchBrowser();
const spent = { self: new Map<string, number>(), total: new Map<string, number>() };
try {
  for (let round = 0; round < ROUNDS; round++) {
    const context = await browser.newContext({ locale: 'vi-VN', serviceWorkers: 'allow', viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    let path = PATH;
    if (PATH === 'form') {
      await page.goto(`${server.url}/`);
      await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
      await page.locator('#subjectName').waitFor();
      path = new URL(page.url()).pathname;
      await page.goto(`${server.url}/robots.txt`);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Storage.clearDataForOrigin', { origin: server.url, storageTypes: 'service_workers,cache_storage' });
      await cdp.send('Network.clearBrowserCache');
    }
    await page.goto(`${server.url}/robots.txt`); // the origin's renderer, nothing of the app running yet
    const cdp = await context.newCDPSession(page);
    await startProfile(cdp);
    await page.goto(`${server.url}${path}`);
    // The load and the work deferred past the first screen (the service worker's registration, the sync engine),
    // then until the main thread is idle.
    await page.waitForLoadState('load');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      await new Promise<void>((resolve) => requestIdleCallback(() => resolve()));
    });
    addProfile(await stopProfile(cdp), spent, ROUNDS);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
printProfile(`${PATH}: JavaScript of a first visit, ms per visit (mean of ${ROUNDS}), unthrottled`, spent, { self: 30, total: 40 });
