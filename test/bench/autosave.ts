// Benchmark (not a test): how soon a typed change is safe on the phone, the figure behind "a browser killed half
// a second after typing loses nothing" (test/e2e/autosave-kill.test.ts proves the loss-free part by waiting for
// the save). Prints, on the built app in Chromium:
//   - typed → stored in IndexedDB: median and worst of ROUNDS edits (the form's autosave, AUTOSAVE_MS after the
//     last keystroke, then the write);
//   - killed KILL_AFTER_MS after typing (SIGKILL of every Chromium process): how many drafts were all there after
//     a restart.
// Run: npm run build && npx tsx test/bench/autosave.ts [rounds]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { AUTOSAVE_MS } from '../../src/field/hooks/useDraft';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { startKillableChromium } from '../support/killable-chromium';
import { serveDist } from '../support/static-server';

const ROUNDS = Number(process.argv[2] ?? 10);
const KILL_AFTER_MS = 500;

// In-page code as a string (tsx would add `__name` helpers the page does not have): types `text` into the name
// field through its input event, then reads the draft from IndexedDB until it holds the text; ms in between.
const TYPED_TO_STORED = `async ({ id, text }) => {
  const field = document.getElementById('subjectName');
  const read = () => new Promise((ok, ko) => {
    const open = indexedDB.open('guong-sang');
    open.onerror = () => ko(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const q = db.transaction('cases').objectStore('cases').get(id);
      q.onsuccess = () => { db.close(); ok(q.result?.fields?.subjectName); };
    };
  });
  field.value = text;
  const t0 = performance.now();
  field.dispatchEvent(new Event('input', { bubbles: true }));
  while ((await read()) !== text) await new Promise((r) => setTimeout(r, 2));
  return performance.now() - t0;
}`;

async function newDraft(page: Page, base: string): Promise<string> {
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
  await page.waitForURL(/\/ho-so\//);
  await page.getByLabel('Họ và tên').waitFor();
  return page.url().split('/').pop()!;
}

async function typedToStored(base: string): Promise<number[]> {
  const browser = await launchBrowser();
  try {
    const page = await (await newPhoneContext(browser, base)).newPage();
    const id = await newDraft(page, base);
    const samples: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      samples.push(await page.evaluate<number>(`(${TYPED_TO_STORED})(${JSON.stringify({ id, text: `Giàng Thị Dở ${i + 1}` })})`));
    }
    return samples;
  } finally {
    await browser.close();
  }
}

/** Types, waits KILL_AFTER_MS, kills Chromium, starts it again on the profile: is the draft all there? */
async function survivesKill(base: string, round: number): Promise<boolean> {
  const profile = mkdtempSync(join(tmpdir(), 'gs-bench-profile-'));
  let chrome = await startKillableChromium(profile);
  try {
    const page = await chrome.browser.contexts()[0]!.newPage();
    await newDraft(page, base);
    const url = page.url();
    const name = `Giàng Thị Dở ${round}`;
    await page.getByLabel('Họ và tên').fill(name);
    await new Promise((r) => setTimeout(r, KILL_AFTER_MS)); // the figure measured, not a test's wait
    await chrome.kill();
    chrome = await startKillableChromium(profile);
    const again = await chrome.browser.contexts()[0]!.newPage();
    await again.goto(url);
    await again.getByLabel('Họ và tên').waitFor();
    return (await again.getByLabel('Họ và tên').inputValue()) === name;
  } finally {
    await chrome.kill();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const served = await serveDist();
try {
  const stored = await typedToStored(served.url);
  let intact = 0;
  for (let round = 1; round <= ROUNDS; round++) if (await survivesKill(served.url, round)) intact++;
  console.log(`Autosave — ${ROUNDS} edits on the built app in Chromium (autosave ${AUTOSAVE_MS} ms after the last keystroke)`);
  console.log(`  typed → stored in IndexedDB: median ${Math.round(median(stored))} ms, worst ${Math.round(Math.max(...stored))} ms`);
  console.log(`  killed ${KILL_AFTER_MS} ms after typing: ${intact}/${ROUNDS} drafts all there after a restart`);
} finally {
  await served.close();
}
