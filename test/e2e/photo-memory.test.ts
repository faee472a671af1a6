// The photo pipeline's native memory on a phone: the renderer processes' peak resident size during one job, over
// their size before it (test/support/process-memory.ts). A bound on bytes, not on time: measured 27–35 MB for the
// 48 MP JPEG here, 191 MB when it is decoded whole; figures per photo in test/bench/photo-memory.ts.
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { GPS_LAI_CHAU, photoFixtureFile, pngHeaderOnly, screenshotPngFile, servePhotoHarness, type PhotoHarness } from '../support/photo-fixtures';
import { chromiumProcesses, growthMb, peakDuring } from '../support/process-memory';

const BUDGET_MB = 150;

interface RunResult { ok: boolean; events: string[]; width?: number; height?: number; error?: { code: string; message: string } }
type FileInput = string | { name: string; mimeType: string; buffer: Buffer };

const ctx = { harness: null as PhotoHarness | null, browser: null as Browser | null, page: null as unknown as Page, files: {} as Record<string, string> };
const test = suite('photo pipeline memory (Chromium renderer RSS)');

async function run(file: FileInput): Promise<RunResult & { growth: number }> {
  await ctx.page.setInputFiles('#file', file);
  const renderers = await chromiumProcesses(ctx.browser!);
  const { result, peaks } = await peakDuring(renderers, () => ctx.page.evaluate<RunResult>('window.harness.run(0, { withPixels: false })'));
  return { ...result, growth: growthMb(peaks) };
}

async function assertTabStillWorks(): Promise<void> {
  const next = await run(ctx.files.j12!);
  assert.ok(next.ok, `the next photo failed: ${JSON.stringify(next.error)}`);
  assert.equal([next.width, next.height], [1200, 1600]);
}

test.before(async () => {
  ctx.harness = await servePhotoHarness();
  ctx.browser = await launchBrowser();
  ctx.page = await (await newPhoneContext(ctx.browser, ctx.harness.url)).newPage();
  await ctx.page.goto(ctx.harness.harnessPath);
  await ctx.page.waitForFunction('window.harnessReady === true');
  ctx.files.j12 = await photoFixtureFile(ctx.page, { width: 4000, height: 3000, orientation: 6, gps: GPS_LAI_CHAU });
  ctx.files.j48 = await photoFixtureFile(ctx.page, { width: 8000, height: 6000, quality: 0.85, gps: GPS_LAI_CHAU, byteOrder: 'MM' });
  ctx.files.png12 = await screenshotPngFile(ctx.page, { width: 3000, height: 4000 });
  await assertTabStillWorks(); // the worker is started and its module loaded before anything is measured
});

test.after(async () => {
  await ctx.browser?.close();
  await ctx.harness?.close();
});

test(`a 48 MP JPEG is processed with the renderers growing ≤ ${BUDGET_MB} MB (decoded at reduced size, nothing kept)`, async () => {
  for (let round = 0; round < 2; round++) {
    const r = await run(ctx.files.j48!);
    assert.ok(r.ok, JSON.stringify(r.error));
    assert.equal([r.width, r.height], [1600, 1200]);
    assert.ok(r.growth <= BUDGET_MB, `round ${round + 1}: the renderers grew ${r.growth.toFixed(0)} MB`);
  }
});

test(`a 12 MP PNG screenshot (decoded whole) stays within ${BUDGET_MB} MB too`, async () => {
  const r = await run(ctx.files.png12!);
  assert.ok(r.ok, JSON.stringify(r.error));
  assert.equal([r.width, r.height], [1200, 1600]);
  assert.ok(r.growth <= BUDGET_MB, `the renderers grew ${r.growth.toFixed(0)} MB`);
});

test('a truncated 48 MP JPEG gets the clear message without a whole-size second decode, and the tab goes on', async () => {
  const whole = readFileSync(ctx.files.j48!);
  const r = await run({ name: 'cut.jpg', mimeType: 'image/jpeg', buffer: whole.subarray(0, Math.floor(whole.length * 0.4)) });
  assert.not.ok(r.ok);
  assert.is(r.error!.code, 'corrupt');
  assert.is(r.error!.message, 'Không đọc được ảnh: tệp có thể bị hỏng.');
  assert.ok(r.growth <= BUDGET_MB, `the renderers grew ${r.growth.toFixed(0)} MB (191 MB when retried whole)`);
  await assertTabStillWorks();
});

test('a PNG whose header claims 10000 × 10000 is refused from the header, before any decode, and the tab goes on', async () => {
  const r = await run({ name: 'lon.png', mimeType: 'image/png', buffer: pngHeaderOnly(10000, 10000) });
  assert.is(r.error?.code, 'too-large', JSON.stringify(r.error));
  assert.is(r.error!.message, 'Ảnh quá lớn để xử lý trên máy này (10000 × 10000 điểm ảnh, tối đa 36 triệu điểm ảnh). Hãy chọn ảnh nhỏ hơn.');
  assert.equal(r.events, ['started', 'rejected'], 'refused with no decode started');
  assert.ok(r.growth <= BUDGET_MB, `the renderers grew ${r.growth.toFixed(0)} MB (380 MB when decoded)`);
  await assertTabStillWorks();
});

test.run();
