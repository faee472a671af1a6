// Benchmark (not a test): our photo worker against browser-image-compression 2.0.2, in one Chromium run,
// on the same generated 12 MP camera-like JPEGs (orientation 6 + GPS). Run: npx tsx test/bench/photo-pipeline.ts
// Prints ratios measured in the same process; absolute milliseconds are information only. Then the timings that
// test/e2e/photo-pipeline.test.ts asserts only as an order of events: how long the main thread's tasks and
// gaps are while the worker processes, how soon a photo over the pixel limit is refused, and how soon an abort
// rejects a running job.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { ARTIFACTS, GPS_LAI_CHAU, jpegSegments, photoFixtureFile, servePhotoHarness } from '../support/photo-fixtures';

const IMAGES = 5;
const ROUNDS = 2;
const THEIR_LIB = '/node_modules/browser-image-compression/dist/browser-image-compression.js';

interface Sample { ms: number; bytes: number; longestTask: number; width: number; height: number }

// In-page code as a string (tsx would add `__name` helpers the page does not have).
const MEASURE = `async ({ index, which, libURL }) => {
  const h = window.harness;
  const file = h.file(index);
  const first = h.longtasksNow().length;
  const t0 = performance.now();
  let out;
  if (which === 'ours') {
    out = (await h.processPhoto(file)).bytes;
  } else {
    out = await window.imageCompression(file, { maxWidthOrHeight: 1600, useWebWorker: true, initialQuality: 0.8, libURL });
  }
  const ms = performance.now() - t0;
  const longestTask = Math.max(0, ...h.longtasksNow().slice(first).map((t) => t.duration));
  const bytes = out instanceof Blob ? out.size : out.byteLength;
  const bmp = await createImageBitmap(out instanceof Blob ? out : new Blob([out]));
  const size = { width: bmp.width, height: bmp.height };
  bmp.close();
  return { ms, bytes, longestTask, ...size };
}`;

async function measure(page: Page, index: number, which: 'ours' | 'theirs', libURL: string): Promise<Sample> {
  return page.evaluate<Sample>(`(${MEASURE})(${JSON.stringify({ index, which, libURL })})`);
}

interface HarnessRun { ok: boolean; ms: number; longestTask: number; heartbeat: { maxGap: number }; rejectAfterAbortMs?: number; error?: { code: string } }

/** One job through the test harness's run() (test/e2e/fixtures/photo-harness.html), with its main-thread figures. */
const harnessRun = (page: Page, index: number, options: Record<string, unknown> = {}): Promise<HarnessRun> =>
  page.evaluate<HarnessRun>(`window.harness.run(${index}, ${JSON.stringify({ withPixels: false, ...options })})`);

/** The first fixture with its header saying 12000 × 15000 (180 MP), which the worker must refuse before decoding. */
function tooLargeFile(source: string): string {
  const bytes = Buffer.from(readFileSync(source));
  const sof = jpegSegments(bytes).find((s) => s.marker === 0xc0 || s.marker === 0xc2)!;
  bytes.writeUInt16BE(15000, sof.offset + 5);
  bytes.writeUInt16BE(12000, sof.offset + 7);
  const path = `${ARTIFACTS}/bench-too-large.jpg`;
  writeFileSync(path, bytes);
  return path;
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
    files.push(tooLargeFile(files[0]!));
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

    // Our worker alone, through the test harness: the figures the browser test leaves to this bench.
    const processed: HarnessRun[] = [];
    for (let i = 0; i < IMAGES; i++) processed.push(await harnessRun(page, i));
    const refused: HarnessRun[] = [];
    const aborted: HarnessRun[] = [];
    for (let round = 0; round < ROUNDS * 2; round++) {
      refused.push(await harnessRun(page, IMAGES));
      aborted.push(await harnessRun(page, round % IMAGES, { abortWhen: 'decoding' }));
    }
    if (![...processed].every((r) => r.ok) || !refused.every((r) => r.error?.code === 'too-large') || !aborted.every((r) => r.error?.code === 'aborted')) {
      throw new Error('a harness job did not end as expected');
    }
    const worst = (xs: number[]) => Math.round(Math.max(...xs));
    console.log(`  while the worker processes ${IMAGES} photos: longest main-thread task ${worst(processed.map((r) => r.longestTask))} ms, longest gap between 10 ms heartbeats ${worst(processed.map((r) => r.heartbeat.maxGap))} ms`);
    console.log(`  180 MP header refused in: median ${Math.round(median(refused.map((r) => r.ms)))} ms, worst ${worst(refused.map((r) => r.ms))} ms (no decode started)`);
    console.log(`  abort while decoding → rejected after: median ${Math.round(median(aborted.map((r) => r.rejectAfterAbortMs!)))} ms, worst ${worst(aborted.map((r) => r.rejectAfterAbortMs!))} ms`);
  } finally {
    await browser.close();
    await harness.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
