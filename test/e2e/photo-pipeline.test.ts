// The photo worker in real Chromium, loaded through Vite's dev server from test/e2e/fixtures/photo-harness.html.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext } from '../support/browser';
import {
  BLUE, GPS_LAI_CHAU, RED, isExifSegment, jpegSegments, jpegSize, photoFixtureFile, redQuadrantAfter,
  servePhotoHarness, type PhotoHarness,
} from '../support/photo-fixtures';

type Rgb = [number, number, number];
interface Quadrants { width: number; height: number; TL: Rgb; TR: Rgb; BL: Rgb; BR: Rgb }
interface RunResult {
  ok: boolean;
  /** In order: the worker's reports (started, decode, decoded), 'abort', the outcome, 'page: …' for photo work on the page. */
  events: string[];
  error?: { name: string; code: string; message: string; isPhotoError: boolean; detail: Record<string, unknown> };
  sha256: string; width: number; height: number; thumbSha256: string; thumbWidth: number; thumbHeight: number;
  sourceBytes: number; type: string; bytesB64: string; thumbB64: string;
  pixels: Quadrants; thumbPixels: Quadrants;
}
interface RunOptions { abortWhen?: 'decoding'; withPixels?: boolean; viaPipeline?: boolean; decoder?: 'auto' | 'bitmap' }
type FileInput = string | { name: string; mimeType: string; buffer: Buffer };

const ctx = { harness: null as PhotoHarness | null, browser: null as Browser | null, page: null as unknown as Page, files: {} as Record<string, string> };
const test = suite('photo pipeline (worker, Chromium)');

async function openHarness(): Promise<void> {
  await ctx.page.goto(ctx.harness!.harnessPath);
  await ctx.page.waitForFunction('window.harnessReady === true');
}

async function run(file: FileInput, options: RunOptions = {}): Promise<RunResult> {
  await ctx.page.setInputFiles('#file', file);
  return ctx.page.evaluate(([o]) => (window as any).harness.run(0, o), [options] as const);
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const near = (got: number[], want: readonly number[], label: string): void =>
  assert.ok(got.every((v, i) => Math.abs(v - want[i]!) <= 30), `${label}: got ${got}, want ≈ ${want}`);

function assertRedAt(q: Quadrants, corner: { x: 0 | 1; y: 0 | 1 }, label: string): void {
  const names = [['TL', 'TR'], ['BL', 'BR']] as const;
  for (const y of [0, 1] as const) {
    for (const x of [0, 1] as const) {
      const name = names[y][x];
      near(q[name], x === corner.x && y === corner.y ? RED : BLUE, `${label} ${name}`);
    }
  }
}

function assertNoExif(bytes: Buffer, label: string): void {
  assert.ok(!jpegSegments(bytes).some(isExifSegment), `${label}: an APP1 Exif segment survived`);
  assert.is(bytes.indexOf('Exif\0\0', 0, 'latin1'), -1, `${label}: "Exif" bytes found`);
  assert.is(bytes.indexOf('TestCam', 0, 'latin1'), -1, `${label}: camera make found`);
}

test.before(async () => {
  try {
    ctx.harness = await servePhotoHarness();
    ctx.browser = await launchBrowser();
    const context = await newPhoneContext(ctx.browser, ctx.harness.url);
    ctx.page = await context.newPage();
    await openHarness();
    const f = ctx.files;
    f.o6 = await photoFixtureFile(ctx.page, { width: 4000, height: 3000, orientation: 6, gps: GPS_LAI_CHAU });
    f.huge = await photoFixtureFile(ctx.page, { width: 8000, height: 6000, quality: 0.85, gps: GPS_LAI_CHAU, byteOrder: 'MM' });
    for (let o = 1; o <= 8; o++) {
      f[`small${o}`] = await photoFixtureFile(ctx.page, { width: 2400, height: 1800, orientation: o, byteOrder: o % 2 ? 'II' : 'MM' });
    }
  } catch (e) {
    console.error('photo pipeline setup failed:', e);
    throw e;
  }
});

test.after(async () => {
  await ctx.browser?.close();
  await ctx.harness?.close();
});

test('12 MP, orientation 6, GPS → 1200×1600 upright JPEG without EXIF, hashed, with a 320 px thumbnail', async () => {
  const source = readFileSync(ctx.files.o6!);
  assert.ok(source.length > 2_000_000, `fixture is realistically sized (${source.length} bytes)`);
  assert.ok(jpegSegments(source).some(isExifSegment), 'fixture has EXIF');

  const r = await run(ctx.files.o6!);
  assert.ok(r.ok, JSON.stringify(r.error));
  assert.is(r.type, 'image/jpeg');
  assert.equal([r.width, r.height], [1200, 1600]);
  assert.is(r.sourceBytes, source.length);

  const bytes = Buffer.from(r.bytesB64, 'base64');
  assert.equal(jpegSize(bytes), { width: 1200, height: 1600 });
  assertNoExif(bytes, 'photo');
  assert.is(r.sha256, sha256(bytes));
  assert.match(r.sha256, /^[0-9a-f]{64}$/);
  // Rotated 90° clockwise: the stored top-left (red) quadrant is now top-right.
  assertRedAt(r.pixels, redQuadrantAfter(6), 'photo');

  const thumb = Buffer.from(r.thumbB64, 'base64');
  assert.equal([r.thumbWidth, r.thumbHeight], [240, 320]);
  assert.equal(jpegSize(thumb), { width: 240, height: 320 });
  assertNoExif(thumb, 'thumbnail');
  assert.is(r.thumbSha256, sha256(thumb));
  assertRedAt(r.thumbPixels, redQuadrantAfter(6), 'thumbnail');
});

test('every EXIF orientation (both byte orders) comes out upright, in the worker and with the createImageBitmap fallback', async () => {
  for (let o = 1; o <= 8; o++) {
    for (const options of [{}, { viaPipeline: true, decoder: 'bitmap' as const }]) {
      const label = `orientation ${o}${options.viaPipeline ? ' (fallback)' : ''}`;
      const r = await run(ctx.files[`small${o}`]!, options);
      assert.ok(r.ok, `${label}: ${JSON.stringify(r.error)}`);
      assert.equal([r.width, r.height], o >= 5 ? [1200, 1600] : [1600, 1200], label);
      assertRedAt(r.pixels, redQuadrantAfter(o), label);
    }
  }
});

test('the createImageBitmap fallback turns the 12 MP orientation-6 photo the same way', async () => {
  const r = await run(ctx.files.o6!, { viaPipeline: true, decoder: 'bitmap' });
  assert.ok(r.ok, JSON.stringify(r.error));
  assert.equal([r.width, r.height], [1200, 1600]);
  assertRedAt(r.pixels, redQuadrantAfter(6), 'fallback');
  assertNoExif(Buffer.from(r.bytesB64, 'base64'), 'fallback');
});

test('an 8000×6000 photo is processed without crashing', async () => {
  const r = await run(ctx.files.huge!);
  assert.ok(r.ok, JSON.stringify(r.error));
  assert.equal([r.width, r.height, r.thumbWidth, r.thumbHeight], [1600, 1200, 320, 240]);
  assertRedAt(r.pixels, redQuadrantAfter(1), '48 MP');
  assertNoExif(Buffer.from(r.bytesB64, 'base64'), '48 MP');
});

test('the main thread stays responsive while the worker processes: the worker decodes, the page does no photo work', async () => {
  // How long the main thread's tasks and gaps are meanwhile is measured by test/bench/photo-pipeline.ts.
  for (const file of [ctx.files.o6!, ctx.files.huge!, ctx.files.o6!]) {
    const r = await run(file, { withPixels: false });
    assert.ok(r.ok, JSON.stringify(r.error));
    assert.match(r.events.filter((e) => !e.startsWith('page:')).join(' '), /^started( decode decoded)+ resolved$/, r.events.join(' → '));
    assert.equal(r.events.filter((e) => e.startsWith('page:')), [], 'the page read, decoded, encoded or hashed the photo itself');
  }
});

test('a text file is refused as not an image, in Vietnamese', async () => {
  const r = await run({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('Bản Nà Ún, xã Mường Tè: ghi chú.\n') });
  assert.not.ok(r.ok);
  assert.is(r.error!.code, 'not-image');
  assert.ok(r.error!.isPhotoError);
  assert.is(r.error!.name, 'PhotoError');
  assert.is(r.error!.message, 'Tệp này không phải là ảnh. Hãy chọn ảnh chụp (JPEG, PNG…).');

  const empty = await run({ name: 'rong.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) });
  assert.is(empty.error?.code, 'not-image');
  // A name and a MIME type are not what decides: the bytes are.
  const disguised = await run({ name: 'anh.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<html>không phải ảnh</html>') });
  assert.is(disguised.error?.code, 'not-image');
});

test('truncated and corrupt JPEGs are refused as corrupt', async () => {
  const source = readFileSync(ctx.files.small1!);
  const cases: Array<[string, Buffer]> = [
    ['cut in the image data', source.subarray(0, Math.floor(source.length * 0.4))],
    ['cut in the header', source.subarray(0, 300)],
    ['garbage after SOI', Buffer.concat([source.subarray(0, 3), Buffer.alloc(5000, 0x5a)])],
  ];
  for (const [label, buffer] of cases) {
    const r = await run({ name: 'hong.jpg', mimeType: 'image/jpeg', buffer });
    assert.not.ok(r.ok, `${label}: accepted`);
    assert.is(r.error!.code, 'corrupt', `${label}: ${JSON.stringify(r.error)}`);
    assert.is(r.error!.message, 'Không đọc được ảnh: tệp có thể bị hỏng.');
  }
});

test('a photo over the pixel limit is refused from its header, before decoding', async () => {
  const source = Buffer.from(readFileSync(ctx.files.small1!));
  const sof = jpegSegments(source).find((s) => s.marker === 0xc0 || s.marker === 0xc2)!;
  source.writeUInt16BE(15000, sof.offset + 5); // height
  source.writeUInt16BE(12000, sof.offset + 7); // width: 180 MP
  const r = await run({ name: 'lon.jpg', mimeType: 'image/jpeg', buffer: source });
  assert.is(r.error?.code, 'too-large', JSON.stringify(r.error));
  assert.match(r.error!.message, /^Ảnh quá lớn để xử lý trên máy này \(12000 × 15000 điểm ảnh/);
  assert.equal(r.events, ['started', 'rejected'], 'refused with no decode started');
});

test('abort: the running job stops at once, queued jobs are dropped, the next job still works', async () => {
  const running = await run(ctx.files.o6!, { abortWhen: 'decoding', withPixels: false });
  assert.is(running.error?.code, 'aborted', JSON.stringify(running.error));
  assert.is(running.error!.message, 'Đã hủy xử lý ảnh.');
  // Aborted while the worker decodes; rejected at once, not after the decode (how soon: the photo bench).
  assert.equal(running.events, ['started', 'decode', 'abort', 'rejected'], running.events.join(' → '));

  const queued = await ctx.page.evaluate(async () => {
    const h = (window as any).harness;
    const first = h.processPhoto(h.file(0)).then((p: { width: number }) => `ok ${p.width}`, (e: { code: string }) => e.code);
    const controller = new AbortController();
    const second = h.processPhoto(h.file(0), { signal: controller.signal }).then(() => 'ok', (e: { code: string }) => e.code);
    controller.abort();
    const early = await h.processPhoto(h.file(0), { signal: AbortSignal.abort() }).then(() => 'ok', (e: { code: string }) => e.code);
    return [await first, await second, early];
  });
  assert.equal(queued, ['ok 1200', 'aborted', 'aborted']);
});

test('a crashed worker fails its job with a PhotoError and is replaced', async () => {
  let served = 0;
  await ctx.page.route((url) => url.pathname.endsWith('/src/photos/worker.ts'), async (route) => {
    if (served++ > 0) return route.fallback();
    await route.fulfill({ contentType: 'text/javascript', body: 'self.onmessage = () => { setTimeout(() => { throw new Error("boom"); }); };' });
  });
  try {
    await openHarness(); // a fresh page: its first job starts a new worker, which gets the crashing script
    const crashed = await run(ctx.files.small1!, { withPixels: false });
    assert.is(served, 1, 'the worker script went through the route');
    assert.is(crashed.error?.code, 'corrupt', JSON.stringify(crashed.error));
    assert.ok(crashed.error!.isPhotoError);
    assert.match(crashed.error!.message, /bộ xử lý ảnh bị dừng đột ngột/);
    const after = await run(ctx.files.small1!, { withPixels: false });
    assert.ok(after.ok, JSON.stringify(after.error));
    assert.is(served, 2);
  } finally {
    await ctx.page.unrouteAll();
  }
});

test.run();
