// Benchmark (not a test): how much native memory the photo pipeline takes on the phone, per photo. In one
// Chromium (phone context), through test/e2e/fixtures/photo-harness.html, each photo is processed RUNS times by
// the worker (client.ts → worker.ts → pipeline.ts, ImageDecoder where Chromium has it) and by the pipeline with the
// createImageBitmap decoder (browsers without ImageDecoder). Printed per photo: the renderer processes' resident
// size before the job and the growth of their peak (VmHWM) over it — pages and their dedicated workers run there,
// and so do image decodes and OffscreenCanvas pixels (--disable-gpu). Then two photos the phone cannot decode:
// the message they get and whether the tab still processes the next photo.
// Run: npx tsx test/bench/photo-memory.ts [runs]
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { GPS_LAI_CHAU, photoFixtureFile, pngHeaderOnly, screenshotPngFile, servePhotoHarness } from '../support/photo-fixtures';
import { chromiumProcesses, growthMb, peakDuring } from '../support/process-memory';

const RUNS = Number(process.argv[2] ?? 3);

interface Outcome { ok: boolean; width?: number; height?: number; code?: string; message?: string }

// In-page code as a string (tsx would add `__name` helpers the page does not have).
const PROCESS = `async ({ index, decoder }) => {
  const h = window.harness;
  try {
    const p = decoder ? await h.pipeline.processImage(h.file(index), { decoder }) : await h.processPhoto(h.file(index));
    return { ok: true, width: p.width, height: p.height };
  } catch (e) {
    return { ok: false, code: e.code, message: e.message };
  }
}`;

const processOnce = (page: Page, index: number, decoder?: 'bitmap'): Promise<Outcome> =>
  page.evaluate<Outcome>(`(${PROCESS})(${JSON.stringify({ index, decoder })})`);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (n: number): string => n.toFixed(0).padStart(4);

async function main(): Promise<void> {
  const harness = await servePhotoHarness();
  const browser = await launchBrowser();
  try {
    const page = await (await newPhoneContext(browser, harness.url)).newPage();
    await page.goto(harness.harnessPath);
    await page.waitForFunction('window.harnessReady === true');
    const j12 = await photoFixtureFile(page, { width: 4000, height: 3000, orientation: 6, gps: GPS_LAI_CHAU });
    const j48 = await photoFixtureFile(page, { width: 8000, height: 6000, quality: 0.85, gps: GPS_LAI_CHAU, byteOrder: 'MM' });
    const png12 = await screenshotPngFile(page, { width: 3000, height: 4000 });
    const photos = [
      { label: '12 MP JPEG (4000×3000)', path: j12 },
      { label: '48 MP JPEG (8000×6000)', path: j48 },
      { label: '12 MP PNG screenshot (3000×4000)', path: png12 },
    ];
    const cut = readFileSync(j48).subarray(0, Math.floor(readFileSync(j48).length * 0.4));
    await page.setInputFiles('#file', [
      ...photos.map((p) => ({ name: p.path.split('/').pop()!, mimeType: p.path.endsWith('.png') ? 'image/png' : 'image/jpeg', buffer: readFileSync(p.path) })),
      { name: 'cut.jpg', mimeType: 'image/jpeg', buffer: cut },
      { name: 'lie.png', mimeType: 'image/png', buffer: pngHeaderOnly(10000, 10000) },
    ]);
    const renderers = await chromiumProcesses(browser);
    await processOnce(page, 0); // warm-up: the worker starts and loads its module; not counted

    console.log(`Photo pipeline memory — ${(await browser.version())}, ${renderers.length} renderer process(es), ${RUNS} runs each`);
    console.log('  growth of the renderers\' peak resident size over their size before the job, MB (median, worst; runs):');
    for (const [decoder, name] of [[undefined, 'worker (ImageDecoder)'], ['bitmap', 'pipeline, createImageBitmap decoder']] as const) {
      console.log(`  ${name}:`);
      for (const [i, photo] of photos.entries()) {
        const growth: number[] = [];
        let before = 0;
        for (let r = 0; r < RUNS; r++) {
          const { result, peaks } = await peakDuring(renderers, () => processOnce(page, i, decoder));
          if (!result.ok) throw new Error(`${photo.label}: ${result.code} ${result.message}`);
          growth.push(growthMb(peaks));
          before = peaks.reduce((n, p) => n + p.beforeKb, 0) / 1024;
        }
        console.log(`    ${photo.label.padEnd(34)} ${mb(median(growth))} ${mb(Math.max(...growth))}   (${growth.map((g) => g.toFixed(0)).join(', ')}; resident before ${before.toFixed(0)} MB)`);
      }
    }
    for (const [index, label] of [[3, '48 MP JPEG cut at 40%'], [4, 'PNG header claiming 10000×10000, no data']] as const) {
      const { result, peaks } = await peakDuring(renderers, () => processOnce(page, index));
      const next = await processOnce(page, 0);
      console.log(`  ${label}: ${result.ok ? 'accepted?!' : `${result.code} "${result.message}"`}; growth ${growthMb(peaks).toFixed(0)} MB; next photo ${next.ok ? 'processed' : `failed (${next.code})`}`);
    }
  } finally {
    await browser.close();
    await harness.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
