// A phone's screens do not jump while they load: the list, the storage screen and the case form, each loaded
// fresh (signed in, cases on the phone, one waiting to be sent so the sync bar fills), with the cumulative layout
// shift read from the browser's own layout-shift entries once the screen has reached its final state.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { openSignedIn } from '../support/sign-in';
import { seedQueuedCases, startSyncServer } from '../support/sync-harness';
import { until } from '../support/wait';

const LIMIT = 0.05;

// Every layout-shift entry from the start of the document, before the app's first script runs, and the times of
// real input. Chromium's phone emulation marks shifts in the first moments after a navigation as "had recent
// input" though nothing was touched; like Lighthouse, a shift is excused only when an input event came before it.
const RECORD_SHIFTS = `(() => {
  window.__shifts = [];
  window.__inputs = [];
  for (const type of ['pointerdown', 'keydown', 'mousedown', 'touchstart']) addEventListener(type, (e) => window.__inputs.push(e.timeStamp), true);
  const keep = (list) => { for (const e of list.getEntries()) window.__shifts.push({ value: e.value, startTime: e.startTime, sources: (e.sources || []).map((s) => (s.node && s.node.nodeName ? s.node.nodeName + (s.node.className ? '.' + s.node.className : '') : '?') + ' ' + Math.round(s.previousRect.y) + '→' + Math.round(s.currentRect.y)) }); };
  window.__shiftObserver = new PerformanceObserver(keep);
  window.__shiftObserver.observe({ type: 'layout-shift', buffered: true });
  window.__takeShifts = () => {
    keep({ getEntries: () => window.__shiftObserver.takeRecords() });
    return window.__shifts.map((s) => ({ ...s, hadRecentInput: window.__inputs.some((t) => t <= s.startTime && s.startTime - t < 500) }));
  };
})()`;

interface Shift { value: number; startTime: number; hadRecentInput: boolean; sources: string[] }

/** CLS as the web defines it: shifts without recent input, in session windows (gap < 1 s, window < 5 s); the largest window. */
export function cumulativeLayoutShift(shifts: readonly Shift[]): number {
  let best = 0;
  let sum = 0;
  let first = -Infinity;
  let last = -Infinity;
  for (const s of shifts.filter((x) => !x.hadRecentInput).sort((a, b) => a.startTime - b.startTime)) {
    if (s.startTime - last >= 1000 || s.startTime - first >= 5000) {
      sum = 0;
      first = s.startTime;
    }
    sum += s.value;
    last = s.startTime;
    best = Math.max(best, sum);
  }
  return best;
}

async function clsOf(page: Page, path: string, loaded: () => Promise<unknown>): Promise<{ cls: number; shifts: Shift[] }> {
  await page.goto(path);
  await loaded();
  // Two frames after the final state, so a shift it caused has been reported.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const shifts = (await page.evaluate('window.__takeShifts()')) as Shift[];
  return { cls: cumulativeLayoutShift(shifts), shifts };
}

const visibleText = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor();

test('the list, the storage screen and the case form load without layout shift (CLS < 0.05) on a phone', async () => {
  const { server, user } = await startSyncServer();
  const browser = await launchBrowser();
  try {
    const context = await newPhoneContext(browser, server.url);
    const page = await context.newPage();
    await openSignedIn(page, 'vang.a.su');
    // The photos never get through: the seeded cases stay queued and the sync bar has something to say.
    await context.route('**/api/photos/**', (route) => route.abort('internetdisconnected'));
    const seeded = await seedQueuedCases(page, user.id, 4, { photos: 2, width: 800, height: 600 });
    await page.reload();
    await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
    await page.waitForURL(/\/ho-so\//);
    const draftPath = new URL(page.url()).pathname;
    await page.locator('#subjectName').fill('Lò Văn Pằng');
    await page.getByText(/^Đã lưu trên máy lúc/).waitFor();
    await page.goto('/');
    await page.getByText('Lò Văn Pằng').waitFor();
    await context.addInitScript(RECORD_SHIFTS);

    const results: Record<string, { cls: number; shifts: Shift[] }> = {};
    results['/'] = await clsOf(page, '/', async () => {
      await until(async () => (await page.locator('.case-row').count()) === 5, 'the five cases listed');
      await visibleText(page, /hồ sơ chờ gửi/);
    });
    results['/bo-nho'] = await clsOf(page, '/bo-nho', async () => {
      await visibleText(page, /^Đã dùng/);
      await visibleText(page, /hồ sơ chưa gửi \(\d+\)/);
      await visibleText(page, /hồ sơ chờ gửi/);
    });
    results[draftPath] = await clsOf(page, draftPath, async () => {
      await until(async () => (await page.locator('#subjectName').inputValue()) === 'Lò Văn Pằng', 'the draft form filled');
      await visibleText(page, /hồ sơ chờ gửi/);
    });
    const queuedPath = `/ho-so/${seeded[0]!.id}`;
    results[queuedPath] = await clsOf(page, queuedPath, async () => {
      await page.getByRole('heading', { name: /Người tốt số/ }).waitFor();
      await until(() => page.evaluate(() => [...document.images].filter((i) => i.src.startsWith('blob:')).length === 2 && [...document.images].every((i) => i.complete)), 'both photos shown');
      await visibleText(page, /hồ sơ chờ gửi/);
    });

    for (const [path, r] of Object.entries(results)) console.log(`  CLS ${path}: ${r.cls.toFixed(4)}${r.shifts.length ? `  (${r.shifts.map((s) => `${s.value.toFixed(4)} ${s.sources.join(', ')}`).join('; ')})` : ''}`);
    for (const [path, r] of Object.entries(results)) assert.ok(r.cls < LIMIT, `CLS of ${path} is ${r.cls.toFixed(4)} (limit ${LIMIT}): ${JSON.stringify(r.shifts)}`);
  } finally {
    await browser.close();
    await server.dispose();
  }
});

test('signed out, on a fresh phone: the list and the storage screen load without layout shift', async () => {
  const { server } = await startSyncServer();
  const browser = await launchBrowser();
  try {
    const context = await newPhoneContext(browser, server.url);
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.addInitScript(RECORD_SHIFTS);
    const list = await clsOf(page, '/', () => page.getByText('Chưa có hồ sơ nào.', { exact: false }).waitFor());
    const storage = await clsOf(page, '/bo-nho', async () => {
      await visibleText(page, /^Đã dùng/);
      await visibleText(page, /hồ sơ chưa gửi \(0\)/);
      await page.getByRole('link', { name: 'Đăng nhập' }).first().waitFor();
    });
    for (const [path, r] of [['/', list], ['/bo-nho', storage]] as const) {
      console.log(`  CLS ${path} signed out: ${r.cls.toFixed(4)}${r.shifts.length ? `  (${r.shifts.map((s) => `${s.value.toFixed(4)} ${s.sources.join(', ')}`).join('; ')})` : ''}`);
      assert.ok(r.cls < LIMIT, `CLS of ${path} signed out is ${r.cls.toFixed(4)}: ${JSON.stringify(r.shifts)}`);
    }
  } finally {
    await browser.close();
    await server.dispose();
  }
});

test('CLS counts the largest session window of shifts without recent input', () => {
  const at = (startTime: number, value: number, hadRecentInput = false): Shift => ({ startTime, value, hadRecentInput, sources: [] });
  assert.is(cumulativeLayoutShift([]), 0);
  assert.is(cumulativeLayoutShift([at(0, 0.1), at(500, 0.1), at(900, 0.05, true)]), 0.2);
  assert.is(cumulativeLayoutShift([at(0, 0.1), at(1500, 0.03), at(2000, 0.03)]), 0.1, 'a gap of a second starts a new window');
  assert.ok(Math.abs(cumulativeLayoutShift([0, 800, 1600, 2400, 3200, 4000, 4800, 5600].map((t) => at(t, 0.01))) - 0.07) < 1e-9, 'a window lasts at most 5 s');
});

test.run();
