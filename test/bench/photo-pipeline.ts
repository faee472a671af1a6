// Benchmark (not a test): our photo worker against browser-image-compression 2.0.2, in one Chromium run,
// on the same generated 12 MP camera-like JPEGs (orientation 6 + GPS). Run: npx tsx test/bench/photo-pipeline.ts
// Prints ratios measured in the same process; absolute milliseconds are information only.
import type { Page } from 'playwright-core';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { GPS_LAI_CHAU, photoFixtureFile, servePhotoHarness } from '../support/photo-fixtures';

const IMAGES = 5;
const ROUNDS = 2;
const THEIR_LIB = '/node_modules/browser-image-compression/dist/browser-image-compression.js';

interface Sample { ms: number; bytes: number; longestTask: number; width: number; height: number }

// In-page code as a string (tsx would add `__name` helpers the page does not have).
const MEASURE = `async ({ index, which, libURL }) => {
  const h = window.harness;
  const file = h.file(index);
  const first = h.longtasks.length;
  const t0 = performance.now();
  let out;
  if (which === 'ours') {
    out = (await h.processPhoto(file)).bytes;
  } else {
    out = await window.imageCompression(file, { maxWidthOrHeight: 1600, useWebWorker: true, initialQuality: 0.8, libURL });
  }
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 150)); // longtask entries are delivered late
  const longestTask = Math.max(0, ...h.longtasks.slice(first).map((t) => t.duration));
  const bytes = out instanceof Blob ? out.size : out.byteLength;
  const bmp = await createImageBitmap(out instanceof Blob ? out : new Blob([out]));
  const size = { width: bmp.width, height: bmp.height };
  bmp.close();
  return { ms, bytes, longestTask, ...size };
}`;

async function measure(page: Page, index: number, which: 'ours' | 'theirs', libURL: string): Promise<Sample> {
  return page.evaluate<Sample>(`(${MEASURE})(${JSON.stringify({ index, which, libURL })})`);
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  const harness = await servePhotoHarness();
  const browser = await launchBrowser();
  try {
    const context = await newPhoneContext(browser, harness.url);
    let libLoads = 0;
    context.on('request', (r) => { if (r.url().endsWith(THEIR_LIB)) libLoads++; });
    const page = await context.newPage();
    await page.goto(harness.harnessPath);
    await page.waitForFunction('window.harnessReady === true');
    await page.evaluate(`import('/node_modules/browser-image-compression/dist/browser-image-compression.mjs').then((m) => { window.imageCompression = m.default; })`);

    const files: string[] = [];
    for (let seed = 1; seed <= IMAGES; seed++) {
      files.push(await photoFixtureFile(page, { width: 4000, height: 3000, seed, orientation: 6, gps: GPS_LAI_CHAU }));
    }
    await page.setInputFiles('#file', files);
    const libURL = `${harness.url}${THEIR_LIB}`;

    // Warm-up (worker start, module load, HTTP cache), not counted.
    await measure(page, 0, 'ours', libURL);
    await measure(page, 0, 'theirs', libURL);
    const loadsAfterWarmup = libLoads;

    const ours: Sample[] = [];
    const theirs: Sample[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < IMAGES; i++) {
        // Alternate who goes first, so neither always runs on a warmer or a more tired machine.
        if ((i + round) % 2 === 0) {
          ours.push(await measure(page, i, 'ours', libURL));
          theirs.push(await measure(page, i, 'theirs', libURL));
        } else {
          theirs.push(await measure(page, i, 'theirs', libURL));
          ours.push(await measure(page, i, 'ours', libURL));
        }
      }
    }

    const ms = (s: Sample[]) => s.map((x) => x.ms);
    const dims = (s: Sample[]) => [...new Set(s.map((x) => `${x.width}×${x.height}`))].join(', ');
    const round1 = (n: number) => n.toFixed(2);
    console.log(`Photo pipeline benchmark — ${IMAGES} generated 12 MP JPEGs (4000×3000, orientation 6, GPS) × ${ROUNDS} rounds, one Chromium, ${
      (await browser.version())}`);
    console.log(`  output sizes: ours ${dims(ours)}, theirs ${dims(theirs)}`);
    console.log(`  time ratio (theirs ÷ ours), total:        ${round1(sum(ms(theirs)) / sum(ms(ours)))}×`);
    console.log(`  time ratio (theirs ÷ ours), median:       ${round1(median(ms(theirs)) / median(ms(ours)))}×`);
    console.log(`  output-size ratio (ours ÷ theirs), total: ${round1(sum(ours.map((s) => s.bytes)) / sum(theirs.map((s) => s.bytes)))}`);
    console.log(`  longest main-thread task: ours ${Math.round(Math.max(...ours.map((s) => s.longestTask)))} ms, theirs ${Math.round(Math.max(...theirs.map((s) => s.longestTask)))} ms`);
    console.log(`  (information) median ms: ours ${Math.round(median(ms(ours)))}, theirs ${Math.round(median(ms(theirs)))}; median bytes: ours ${median(ours.map((s) => s.bytes))}, theirs ${median(theirs.map((s) => s.bytes))}`);
    console.log(`  (information) ours also makes a 320 px thumbnail and two sha256 inside that time; their worker fetched its library ${libLoads - loadsAfterWarmup} times in ${IMAGES * ROUNDS} runs`);
  } finally {
    await browser.close();
    await harness.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
