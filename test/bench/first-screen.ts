// Benchmark (not a test): the phone's first screen on a slow phone, Lighthouse's mobile profile (412×823,
// DPR 1.75, Chromium's CPU slowed 6× with CDP Emulation.setCPUThrottlingRate, "slow 4G" with
// Network.emulateNetworkConditions: 562.5 ms latency, 1.47 Mbps down, 675 kbps up — DevTools throttling's figures
// for Lighthouse's 150 ms / 1.6 Mbps). The built app served by the real server (brotli, its caching headers), in one
// Chromium, each flow also unthrottled for the ratio:
//   - first visit (no service worker yet): navigation → "+ Ghi hồ sơ mới" shown, then clicked → the form's
//     first field shown (target: ≤ 5 s);
//   - repeat visit, signed in, with 200 cases on the phone (sent; service worker and precache in place): the same,
//     the list full;
//   - typing in the case form with those 200 cases: per-keystroke latency, input event → after the next frame (p50,
//     p95), and the main thread's long tasks meanwhile.
// Run: npm run build && npx tsx test/bench/first-screen.ts [rounds]
import { cpus, loadavg } from 'node:os';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { chromiumProcesses, cpuTimeMs } from '../support/process-memory';
import { signIn } from '../support/sign-in';
import { seedQueuedCases, startSyncServer, waitAllSent } from '../support/sync-harness';

const ROUNDS = Number(process.argv[2] ?? 3);
const CASES = 200;
const KEYSTROKES = 'Giàng Thị Dở, bản Nà Ún, xã Mường Tè';
const NEW_CASE = '+ Ghi hồ sơ mới';

const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1474.56 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };

// Per keystroke (its input event: Playwright types accented letters as text, with no keydown): from the event's timestamp to a task queued after the next frame (what the person waits to see).
const KEY_LATENCY_INIT = `(() => {
  window.__keyLatency = [];
  document.addEventListener('input', (e) => {
    const t = e.timeStamp;
    requestAnimationFrame(() => setTimeout(() => window.__keyLatency.push(performance.now() - t), 0));
  }, true);
  // The script's share: window capture (first listener) → window bubble (last), the form's render included
  // (Preact renders in a microtask, run between listeners).
  window.__handlers = [];
  addEventListener('input', (e) => { e.__t0 = performance.now(); }, true);
  addEventListener('input', (e) => { if (e.__t0 !== undefined) window.__handlers.push(performance.now() - e.__t0); });
  window.__longTasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask' });
})()`;

interface Visit { listMs: number; formMs: number; cpuMs: number }

/**
 * CPU time (user + system) of the browser's renderer and GPU processes so far, from /proc: the work the phone's
 * CPU has to do, whatever else the machine runs (wall times here stretch with the machine's load).
 */
async function cpuMs(browser: Browser): Promise<number> {
  let ms = 0;
  for (const { pid } of await chromiumProcesses(browser, ['renderer', 'GPU'])) ms += cpuTimeMs(pid);
  return ms;
}

async function setThrottle(cdp: CDPSession, on: boolean): Promise<void> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: on ? 6 : 1 });
  await cdp.send('Network.emulateNetworkConditions', on ? SLOW_4G : { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

async function throttle(page: Page, on: boolean): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await setThrottle(cdp, on);
  return cdp;
}

/** Navigation → the new-case button shown (and, seeded, the list drawn) → clicked → the form's first field shown. */
async function visit(page: Page, base: string, listed: number): Promise<Visit> {
  const browser = page.context().browser()!;
  const cpu0 = await cpuMs(browser);
  const t0 = Date.now();
  await page.goto(`${base}/`, { waitUntil: 'commit' });
  await page.getByRole('button', { name: NEW_CASE }).waitFor();
  // The list draws its first rows and a "Xem thêm (N hồ sơ nữa)" for the rest: that button is the list complete.
  if (listed > 0) await page.getByRole('button', { name: /^Xem thêm/ }).waitFor();
  const listMs = Date.now() - t0;
  await page.getByRole('button', { name: NEW_CASE }).click();
  await page.locator('#subjectName').waitFor();
  const formMs = Date.now() - t0;
  return { listMs, formMs, cpuMs: (await cpuMs(browser)) - cpu0 };
}

interface Run { first: Visit; repeat: Visit; keys: number[]; handlers: number[]; longTasks: number[] }

async function flow(browser: Browser, base: string, userId: string, throttled: boolean): Promise<Run> {
  const context = await browser.newContext({
    locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'allow', baseURL: base,
    viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true,
  });
  context.setDefaultTimeout(120_000);
  try {
    await context.addInitScript(KEY_LATENCY_INIT);
    const page = await context.newPage();
    const cdp = await throttle(page, throttled);
    const first = await visit(page, base, 0);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null); // the app's files precached
    // Setting up is not measured: full speed while signing in and while the 200 cases are sent.
    await setThrottle(cdp, false);
    await signIn(page);
    const seeded = await seedQueuedCases(page, userId, CASES, { photos: 0 });
    await page.reload();
    await waitAllSent(page, seeded.map((c) => c.id), 300_000);
    await setThrottle(cdp, throttled);
    const repeat = await visit(page, base, CASES);
    await page.evaluate('window.__keyLatency.length = 0; window.__handlers.length = 0; window.__longTasks.length = 0');
    await page.locator('#subjectName').click();
    await page.keyboard.type(KEYSTROKES, { delay: 150 }); // about a thumb's pace
    await page.waitForFunction(`window.__keyLatency.length >= ${[...KEYSTROKES].length}`);
    const keys = await page.evaluate<number[]>('window.__keyLatency');
    const handlers = await page.evaluate<number[]>('window.__handlers');
    const longTasks = await page.evaluate<number[]>('window.__longTasks');
    return { first, repeat, keys, handlers, longTasks };
  } finally {
    await context.close();
  }
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const median = (xs: number[]): number => pct(xs, 50);
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const { server, user } = await startSyncServer();
  const browser = await launchBrowser();
  try {
    const slow: Run[] = [];
    const fast: Run[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      fast.push(await flow(browser, server.url, user.id, false));
      slow.push(await flow(browser, server.url, user.id, true));
    }
    console.log(`First screen on a slow phone — ${await browser.version()}, ${ROUNDS} rounds; medians (worst)`);
    const row = (label: string, pick: (r: Run) => number) => {
      const a = slow.map(pick);
      const b = fast.map(pick);
      console.log(`  ${label.padEnd(52)} ${s(median(a))} (${s(Math.max(...a))})   unthrottled ${s(median(b))}   ratio ${(median(a) / median(b)).toFixed(1)}×`);
    };
    row('first visit: "+ Ghi hồ sơ mới" shown', (r) => r.first.listMs);
    row('first visit: clicked, the form shown (target ≤ 5 s)', (r) => r.first.formMs);
    row(`repeat visit, ${CASES} cases: the list drawn`, (r) => r.repeat.listMs);
    row(`repeat visit, ${CASES} cases: clicked, the form shown`, (r) => r.repeat.formMs);
    const cpu = (pick: (r: Run) => Visit) => median(fast.map((r) => pick(r).cpuMs));
    console.log(`  CPU time of the renderer and GPU processes, navigation → form shown (unthrottled run): first visit ${s(cpu((r) => r.first))}` +
      ` (service worker install included), repeat ${s(cpu((r) => r.repeat))}; load average while measuring ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
    const keys = (rs: Run[]) => rs.flatMap((r) => r.keys);
    const lt = (rs: Run[]) => rs.flatMap((r) => r.longTasks);
    console.log(`  typing in the form with ${CASES} cases, ${keys(slow).length} keystrokes: input → next frame p50 ${pct(keys(slow), 50).toFixed(0)} ms, p95 ${pct(keys(slow), 95).toFixed(0)} ms, worst ${Math.max(...keys(slow)).toFixed(0)} ms` +
      `   unthrottled p50 ${pct(keys(fast), 50).toFixed(0)} ms, p95 ${pct(keys(fast), 95).toFixed(0)} ms`);
    const h = (rs: Run[]) => rs.flatMap((r) => r.handlers);
    console.log(`  of which the input handlers and the form's render: p50 ${pct(h(slow), 50).toFixed(1)} ms, p95 ${pct(h(slow), 95).toFixed(1)} ms   unthrottled p50 ${pct(h(fast), 50).toFixed(1)} ms, p95 ${pct(h(fast), 95).toFixed(1)} ms`);
    console.log(`  long tasks while typing (throttled): ${lt(slow).length}, longest ${Math.max(0, ...lt(slow)).toFixed(0)} ms`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
