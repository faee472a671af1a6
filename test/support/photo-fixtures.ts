// Test photos: a JPEG with a known asymmetric pattern, encoded by Chromium, plus an EXIF APP1 segment
// (orientation, GPS, camera) written here in Node. Generated files are cached under .test-artifacts/photos/.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const ARTIFACTS = fileURLToPath(new URL('../../.test-artifacts/photos', import.meta.url));

/** Bản Pa Tần-ish: 22.39° N, 103.46° E. */
export const GPS_LAI_CHAU = { lat: 22.39, lon: 103.46 } as const;

export interface GpsPoint { lat: number; lon: number }

export interface ExifOptions {
  orientation?: number;
  gps?: GpsPoint;
  byteOrder?: 'II' | 'MM';
  make?: string;
  model?: string;
}

export interface PatternOptions {
  width: number;
  height: number;
  /** Noise seed: different seeds give different files of the same pattern. */
  seed?: number;
  /** Chromium JPEG quality for the base image (default 0.92, like a phone camera). */
  quality?: number;
}

export type PhotoFixtureOptions = PatternOptions & ExifOptions;

// ---- EXIF / TIFF builder ------------------------------------------------------------------------

type TiffType = 1 | 2 | 3 | 4 | 5; // BYTE ASCII SHORT LONG RATIONAL
interface TiffEntry { tag: number; type: TiffType; values: number[] }
const UNIT: Record<TiffType, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8 };

const asciiEntry = (tag: number, s: string): TiffEntry => ({ tag, type: 2, values: [...Buffer.from(`${s}\0`, 'latin1')] });

/** Degrees as three rationals (deg, min, sec×100/100), the way cameras write them. */
function dms(v: number): number[] {
  const a = Math.abs(v);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s = Math.round(((a - d) * 60 - m) * 60 * 100);
  return [d, 1, m, 1, s, 100];
}

function ifdLength(entries: TiffEntry[]): number {
  let n = 2 + entries.length * 12 + 4;
  for (const e of entries) {
    const size = UNIT[e.type] * (e.type === 5 ? e.values.length / 2 : e.values.length);
    if (size > 4) n += size + (size & 1);
  }
  return n;
}

function writeIfd(out: Buffer, at: number, entries: TiffEntry[], le: boolean): void {
  const w16 = (v: number, o: number) => (le ? out.writeUInt16LE(v, o) : out.writeUInt16BE(v, o));
  const w32 = (v: number, o: number) => (le ? out.writeUInt32LE(v, o) : out.writeUInt32BE(v, o));
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  w16(sorted.length, at);
  let data = at + 2 + sorted.length * 12 + 4;
  sorted.forEach((e, k) => {
    const p = at + 2 + k * 12;
    const count = e.type === 5 ? e.values.length / 2 : e.values.length;
    const size = UNIT[e.type] * count;
    w16(e.tag, p);
    w16(e.type, p + 2);
    w32(count, p + 4);
    let v = p + 8;
    if (size > 4) { w32(data, p + 8); v = data; data += size + (size & 1); }
    e.values.forEach((x, i) => {
      if (e.type === 1 || e.type === 2) out[v + i] = x;
      else if (e.type === 3) w16(x, v + i * 2);
      else w32(x, v + i * 4);
    });
  });
  w32(0, at + 2 + sorted.length * 12); // no next IFD
}

/** A TIFF structure (the EXIF payload after "Exif\0\0") with IFD0 and, when asked, a GPS IFD. */
export function buildExifTiff(o: ExifOptions = {}): Buffer {
  const le = (o.byteOrder ?? 'II') === 'II';
  const ifd0: TiffEntry[] = [asciiEntry(0x010f, o.make ?? 'TestCam'), asciiEntry(0x0110, o.model ?? 'Field Phone 1')];
  if (o.orientation !== undefined) ifd0.push({ tag: 0x0112, type: 3, values: [o.orientation] });
  const gps: TiffEntry[] = [];
  if (o.gps) {
    gps.push(
      { tag: 0x0000, type: 1, values: [2, 3, 0, 0] },
      asciiEntry(0x0001, o.gps.lat >= 0 ? 'N' : 'S'),
      { tag: 0x0002, type: 5, values: dms(o.gps.lat) },
      asciiEntry(0x0003, o.gps.lon >= 0 ? 'E' : 'W'),
      { tag: 0x0004, type: 5, values: dms(o.gps.lon) },
    );
    ifd0.push({ tag: 0x8825, type: 4, values: [0] });
  }
  const gpsAt = 8 + ifdLength(ifd0);
  if (o.gps) ifd0[ifd0.length - 1]!.values = [gpsAt];
  const out = Buffer.alloc(gpsAt + (o.gps ? ifdLength(gps) : 0));
  out.write(le ? 'II' : 'MM', 0, 'latin1');
  if (le) { out.writeUInt16LE(42, 2); out.writeUInt32LE(8, 4); } else { out.writeUInt16BE(42, 2); out.writeUInt32BE(8, 4); }
  writeIfd(out, 8, ifd0, le);
  if (o.gps) writeIfd(out, gpsAt, gps, le);
  return out;
}

/** A complete APP1 segment: FF E1, length, "Exif\0\0", TIFF. */
export function buildExifSegment(o: ExifOptions = {}): Buffer {
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), buildExifTiff(o)]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** Inserts a segment right after SOI, where cameras put their EXIF. */
export function insertSegment(jpeg: Buffer, segment: Buffer): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

// ---- JPEG segment reader (independent of src/shared/image-header, so tests check one with the other) ----

export interface Segment { marker: number; offset: number; data: Buffer }

/** Marker segments from SOI up to and including SOS. Throws on a malformed file. */
export function jpegSegments(buf: Buffer | Uint8Array): Segment[] {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.readUInt16BE(0) !== 0xffd8) throw new Error('no SOI');
  const out: Segment[] = [];
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) throw new Error(`expected a marker at ${i}`);
    const marker = b[i + 1]!;
    if (marker === 0xff) { i++; continue; }
    const len = b.readUInt16BE(i + 2);
    out.push({ marker, offset: i, data: b.subarray(i + 4, i + 2 + len) });
    if (marker === 0xda) return out;
    i += 2 + len;
  }
  throw new Error('no SOS');
}

/** Width and height from the SOF segment (baseline or progressive), read independently of src/shared. */
export function jpegSize(buf: Buffer | Uint8Array): { width: number; height: number } {
  const sof = jpegSegments(buf).find((s) => s.marker === 0xc0 || s.marker === 0xc1 || s.marker === 0xc2);
  if (!sof) throw new Error('no SOF');
  return { height: sof.data.readUInt16BE(1), width: sof.data.readUInt16BE(3) };
}

export const isExifSegment = (s: Segment): boolean => s.marker === 0xe1 && s.data.subarray(0, 6).toString('latin1') === 'Exif\0\0';

// ---- generated photos ---------------------------------------------------------------------------

const GENERATOR_VERSION = 2;

/** Pixel colours of the pattern: the top-left quadrant (as stored) is red, the rest blue, plus noise. */
export const RED = [220, 24, 24] as const;
export const BLUE = [24, 48, 220] as const;

/** In-page: a Blob's bytes as base64, to cross the page boundary. */
const BLOB_TO_BASE64 = `(blob) => new Promise((resolve, reject) => {
  const r = new FileReader();
  r.onload = () => resolve(String(r.result).slice(String(r.result).indexOf(',') + 1));
  r.onerror = () => reject(r.error);
  r.readAsDataURL(blob);
})`;

// In-page code as a string: tsx/esbuild would wrap named inner functions in a `__name` helper the page lacks.
const GENERATE_IN_PAGE = `async ({ width, height, seed, quality, red, blue }) => {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  let s = seed >>> 0;
  const rand = () => { // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const band = 500; // bands, so 48 MP does not need one 192 MB ImageData
  for (let y0 = 0; y0 < height; y0 += band) {
    const h = Math.min(band, height - y0);
    const img = ctx.createImageData(width, h);
    const d = img.data;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < width; x++) {
        const c = x < width / 2 && y0 + y < height / 2 ? red : blue;
        const n = (rand() - 0.5) * 32;
        const k = (y * width + x) * 4;
        d[k] = c[0] + n; d[k + 1] = c[1] + n * 0.7; d[k + 2] = c[2] - n; d[k + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, y0);
  }
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  return await (${BLOB_TO_BASE64})(blob);
}`;

/** A JPEG of the pattern, encoded by Chromium in `page` (any page; about:blank works). No EXIF. */
export async function makePatternJpeg(page: Page, o: PatternOptions): Promise<Buffer> {
  const args = { width: o.width, height: o.height, seed: o.seed ?? 1, quality: o.quality ?? 0.92, red: [...RED], blue: [...BLUE] };
  const b64 = await page.evaluate<string>(`(${GENERATE_IN_PAGE})(${JSON.stringify(args)})`);
  return Buffer.from(b64, 'base64');
}

const hash = (v: unknown): string => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 12);

function cached(name: string): string | null {
  const file = join(ARTIFACTS, name);
  return existsSync(file) ? file : null;
}

function store(name: string, bytes: Buffer): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, name);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file); // atomic: a parallel run never reads half a file
  return file;
}

/** Path of a cached fixture JPEG (pattern + EXIF), generating it in `page` the first time. */
export async function photoFixtureFile(page: Page, o: PhotoFixtureOptions): Promise<string> {
  const pattern = [GENERATOR_VERSION, o.width, o.height, o.seed ?? 1, o.quality ?? 0.92];
  const exif: ExifOptions = { orientation: o.orientation, gps: o.gps, byteOrder: o.byteOrder, make: o.make, model: o.model };
  const hasExif = o.orientation !== undefined || o.gps !== undefined;
  const name = `${o.width}x${o.height}-o${o.orientation ?? 'none'}-${hash([pattern, hasExif ? exif : null])}.jpg`;
  const done = cached(name);
  if (done) return done;
  const baseName = `base-${o.width}x${o.height}-${hash(pattern)}.jpg`;
  const base = cached(baseName) ? readFileSync(join(ARTIFACTS, baseName)) : await makePatternJpeg(page, o);
  if (!hasExif) return store(name, base);
  store(baseName, base);
  return store(name, insertSegment(base, buildExifSegment(exif)));
}

// A phone screenshot: flat colours, bars and lines of text, PNG-encoded by Chromium (compresses well, decodes big).
const SCREENSHOT_IN_PAGE = `async ({ width, height }) => {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#f4f6f8'; ctx.fillRect(0, 0, width, height);
  const bar = Math.round(height / 14);
  ctx.fillStyle = '#1f6f43'; ctx.fillRect(0, 0, width, bar);
  const line = Math.round(bar / 2.4);
  ctx.font = Math.round(line * 0.7) + 'px sans-serif';
  for (let y = bar + line, k = 0; y < height - line; y += line, k++) {
    ctx.fillStyle = k % 6 === 0 ? '#ffffff' : '#f4f6f8';
    ctx.fillRect(line / 2, y - line * 0.8, width - line, line);
    ctx.fillStyle = '#222';
    ctx.fillText('Tin nhắn ' + k + ': Bản Nà Ún, xã Mường Tè — hồ sơ người tốt việc tốt số ' + (k * 37 % 1000), line, y);
  }
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return await (${BLOB_TO_BASE64})(blob);
}`;

/** Path of a cached screenshot-like PNG, generated in `page` the first time. */
export async function screenshotPngFile(page: Page, o: { width: number; height: number }): Promise<string> {
  const name = `screenshot-${o.width}x${o.height}-v${GENERATOR_VERSION}.png`;
  const done = cached(name);
  if (done) return done;
  const b64 = await page.evaluate<string>(`(${SCREENSHOT_IN_PAGE})(${JSON.stringify(o)})`);
  return store(name, Buffer.from(b64, 'base64'));
}

/** A PNG whose IHDR claims width × height, with only a few bytes of image data and no end: a header that lies. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no interlace
  const idat = deflateSync(Buffer.alloc(4 * width + 1)).subarray(0, 40); // the first row, cut short
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat)]);
}

/** The pattern JPEG with an EXIF APP1 segment (orientation, GPS, camera make/model), cached on disk. */
export async function makeJpegWithExif(page: Page, o: PhotoFixtureOptions): Promise<Buffer> {
  return readFileSync(await photoFixtureFile(page, o));
}

/** Where the stored top-left quadrant lands once an orientation is applied, as fractions of the shown image. */
export function redQuadrantAfter(orientation: number): { x: 0 | 1; y: 0 | 1 } {
  // Stored top-left corner → displayed corner, per the EXIF orientation definitions.
  const corner: Record<number, [0 | 1, 0 | 1]> = { 1: [0, 0], 2: [1, 0], 3: [1, 1], 4: [0, 1], 5: [0, 0], 6: [1, 0], 7: [1, 1], 8: [0, 1] };
  const [x, y] = corner[orientation] ?? [0, 0];
  return { x, y };
}

// ---- the harness page -----------------------------------------------------------------------------

export interface PhotoHarness { url: string; harnessPath: string; close(): Promise<void> }

/**
 * Vite's dev server on the project (no config file: the app's plugins are not needed to run the worker,
 * and no watcher, since other files change while tests run), serving test/e2e/fixtures/photo-harness.html.
 */
export async function servePhotoHarness(): Promise<PhotoHarness> {
  const { createServer } = await import('vite');
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'silent',
    clearScreen: false,
    appType: 'mpa',
    optimizeDeps: { noDiscovery: true, include: [] },
    server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false, watch: null },
    worker: { format: 'es' },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!url) {
    await server.close();
    throw new Error('vite dev server did not report its address');
  }
  return { url, harnessPath: '/test/e2e/fixtures/photo-harness.html', close: () => server.close() };
}
