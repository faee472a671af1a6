// Photo processing: sniff → check size → decode (oriented, already shrunk) → JPEG + thumbnail → sha256.
// Runs in the photo worker (src/photos/worker.ts); also type-checks and runs on a page, which tests use.
import { sha256Hex } from '../shared/hash';
import { hasExifSegment, readImageHeader, sniffImageType, type ImageHeader } from '../shared/image-header';
import { PhotoError, type PhotoErrorCode, type PhotoErrorDetail } from './errors';

export interface ProcessedPhoto {
  /** Lowercase hex sha256 of `bytes`: the photo's key, locally and on the server. */
  sha256: string;
  bytes: ArrayBuffer;
  width: number;
  height: number;
  thumbSha256: string;
  thumb: ArrayBuffer;
  thumbWidth: number;
  thumbHeight: number;
  /** Size of the file the user chose. */
  sourceBytes: number;
  type: 'image/jpeg';
}

export const MAX_LONG_EDGE = 1600;
export const THUMB_LONG_EDGE = 320;
export const JPEG_QUALITY = 0.8;
export const THUMB_QUALITY = 0.7;
/** Checked from the header, before anything is decoded. */
export const MAX_PIXELS = 100_000_000;
/**
 * Only a JPEG through ImageDecoder is decoded at reduced size (DCT scaling); other formats are decoded whole, at
 * 4 bytes a pixel, by either decoder. Above this no whole decode is started, nor a second try after ImageDecoder
 * failed: 36 MP is 144 MB of pixels, about what a 1 GB phone's tab can spare. createImageBitmap decodes a JPEG
 * whole too (measured in Chromium, resize or not), but it is the path of browsers without ImageDecoder (Safari),
 * not of the 1 GB Androids, so a JPEG keeps MAX_PIXELS there.
 */
export const MAX_FULL_DECODE_PIXELS = 36_000_000;
export const MAX_BYTES = 100 * 1024 * 1024;
/** Enough for the header of nearly every camera JPEG; more is read only when the header goes on. */
const HEAD_BYTES = 256 * 1024;

export interface PipelineOptions {
  signal?: AbortSignal;
  /** 'bitmap' forces the createImageBitmap path (browsers without WebCodecs' ImageDecoder); for tests. */
  decoder?: 'auto' | 'bitmap';
}

export async function processImage(file: Blob, options: PipelineOptions = {}): Promise<ProcessedPhoto> {
  const { signal } = options;
  const check = (): void => {
    if (signal?.aborted) throw new PhotoError('aborted');
  };
  const header = await readHeader(file);
  check();
  const pixels = header.width * header.height;
  if (pixels > MAX_PIXELS) {
    throw new PhotoError('too-large', { width: header.width, height: header.height, maxPixels: MAX_PIXELS });
  }
  if (file.size > MAX_BYTES) throw new PhotoError('too-large', { bytes: file.size, maxBytes: MAX_BYTES });
  if (header.type !== 'image/jpeg' && pixels > MAX_FULL_DECODE_PIXELS) {
    throw new PhotoError('too-large', { width: header.width, height: header.height, maxPixels: MAX_FULL_DECODE_PIXELS });
  }

  const bitmap = await decode(file, header, options.decoder ?? 'auto');
  const size = { width: bitmap.width, height: bitmap.height };
  const thumbSize = fit(size.width, size.height, THUMB_LONG_EDGE);
  let encoding: Promise<[ArrayBuffer, ArrayBuffer]>;
  try {
    check();
    // Both are drawn now and encoded together (Chromium encodes off the calling thread).
    encoding = Promise.all([encode(bitmap, size, JPEG_QUALITY), encode(bitmap, thumbSize, THUMB_QUALITY)]);
  } finally {
    bitmap.close(); // already drawn into both canvases: 7.7 MB at 1600 px freed now, not at GC
  }
  const [bytes, thumb] = await encoding;
  check();
  assertCleanJpeg(bytes, size);
  assertCleanJpeg(thumb, thumbSize);
  const [sha256, thumbSha256] = await Promise.all([sha256Hex(bytes), sha256Hex(thumb)]);
  check();
  return {
    sha256, bytes, width: size.width, height: size.height,
    thumbSha256, thumb, thumbWidth: thumbSize.width, thumbHeight: thumbSize.height,
    sourceBytes: file.size, type: 'image/jpeg',
  };
}

/** Long edge ≤ maxLong, aspect kept, never upscaled. */
export function fit(width: number, height: number, maxLong: number): { width: number; height: number } {
  const s = Math.min(1, maxLong / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

async function readHeader(file: Blob): Promise<ImageHeader> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
    let r = readImageHeader(bytes);
    if (!r.ok && r.reason === 'truncated' && r.type && file.size > bytes.length) {
      bytes = new Uint8Array(await file.arrayBuffer());
      r = readImageHeader(bytes);
    }
    if (r.ok) return r.header;
    throw new PhotoError(r.type ? 'corrupt' : 'not-image', { reason: `header: ${r.reason}` });
  } catch (e) {
    if (e instanceof PhotoError) throw e;
    throw new PhotoError('corrupt', { reason: `read: ${describe(e)}` }); // e.g. the file vanished from the SD card
  }
}

async function decode(file: Blob, header: ImageHeader, decoder: 'auto' | 'bitmap'): Promise<ImageBitmap> {
  let firstError: unknown;
  if (decoder === 'auto') {
    try {
      const bitmap = await decodeWithImageDecoder(file, header);
      if (bitmap) return bitmap;
    } catch (e) {
      firstError = e; // try the other decoder before calling the file corrupt, if a whole decode is affordable
      if (header.width * header.height > MAX_FULL_DECODE_PIXELS) throw new PhotoError('corrupt', { reason: `decode: ${describe(e)}` });
    }
  }
  try {
    return await decodeWithBitmap(file, header);
  } catch (e) {
    throw new PhotoError('corrupt', { reason: `decode: ${describe(firstError ?? e)}` });
  }
}

const supportCache = new Map<string, Promise<boolean>>();
function imageDecoderSupports(type: string): Promise<boolean> {
  if (typeof ImageDecoder === 'undefined') return Promise.resolve(false);
  let p = supportCache.get(type);
  if (!p) supportCache.set(type, (p = ImageDecoder.isTypeSupported(type).catch(() => false)));
  return p;
}

/**
 * WebCodecs' ImageDecoder: applies the orientation itself (the frame is rotated for display) and, for
 * JPEG, decodes at a reduced DCT scale when given a desired size — about twice as fast on 12 MP, and
 * a 48 MP photo never exists at full size in memory. Returns null when it cannot be used.
 */
async function decodeWithImageDecoder(file: Blob, header: ImageHeader): Promise<ImageBitmap | null> {
  if (!(await imageDecoderSupports(header.type))) return null;
  const { width: w, height: h } = header;
  const init: ImageDecoderInit = { data: file.stream(), type: header.type, preferAnimation: false };
  const long = Math.max(w, h);
  if (header.type === 'image/jpeg' && long > MAX_LONG_EDGE) {
    // libjpeg scales by n/8; ask for the smallest scale that still covers the target, by area.
    const eighths = Math.ceil((8 * MAX_LONG_EDGE) / long);
    if (eighths < 8) {
      init.desiredWidth = Math.ceil((w * eighths) / 8);
      init.desiredHeight = Math.ceil((h * eighths) / 8);
    }
  }
  const decoder = new ImageDecoder(init);
  try {
    const { image } = await decoder.decode({ frameIndex: 0, completeFramesOnly: true });
    try {
      const dw = image.displayWidth;
      const dh = image.displayHeight;
      const [nw, nh] = dw >= dh === w >= h ? [w, h] : [h, w];
      const out = fit(nw, nh, MAX_LONG_EDGE);
      if (Math.max(dw, dh) < Math.max(out.width, out.height)) {
        if (init.desiredWidth === undefined) throw new Error(`decoded ${dw}×${dh}, smaller than the file says`);
        return null; // the scaled decode came out too small: let the full decode do it
      }
      return await createImageBitmap(image, { resizeWidth: out.width, resizeHeight: out.height, resizeQuality: 'high' });
    } finally {
      image.close();
    }
  } finally {
    decoder.close();
  }
}

async function decodeWithBitmap(file: Blob, header: ImageHeader): Promise<ImageBitmap> {
  if (header.type === 'image/jpeg') {
    // The EXIF orientation we parsed is the one the browser applies: resize straight to the oriented target.
    const turned = header.orientation >= 5;
    const out = fit(turned ? header.height : header.width, turned ? header.width : header.height, MAX_LONG_EDGE);
    return createImageBitmap(file, { imageOrientation: 'from-image', resizeWidth: out.width, resizeHeight: out.height, resizeQuality: 'high' });
  }
  // Other formats may carry an orientation we do not parse (PNG eXIf, AVIF irot): decode, then measure.
  const full = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const out = fit(full.width, full.height, MAX_LONG_EDGE);
  if (out.width === full.width && out.height === full.height) return full;
  try {
    return await createImageBitmap(full, { resizeWidth: out.width, resizeHeight: out.height, resizeQuality: 'high' });
  } finally {
    full.close();
  }
}

/** Draws synchronously (before the caller closes the bitmap), then encodes. */
async function encode(bitmap: ImageBitmap, size: { width: number; height: number }, quality: number): Promise<ArrayBuffer> {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new PhotoError('corrupt', { reason: 'no 2d context' });
  ctx.fillStyle = '#ffffff'; // transparent PNG areas become white, not black
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, size.width, size.height);
  try {
    return await (await canvas.convertToBlob({ type: 'image/jpeg', quality })).arrayBuffer();
  } finally {
    canvas.width = canvas.height = 0; // release the pixels without waiting for GC
  }
}

/** A canvas re-encode carries no metadata; checked anyway, since GPS in a citizen's photo must not leak. */
function assertCleanJpeg(buffer: ArrayBuffer, size: { width: number; height: number }): void {
  const bytes = new Uint8Array(buffer);
  const header = readImageHeader(bytes);
  if (sniffImageType(bytes) !== 'image/jpeg' || hasExifSegment(bytes)) {
    throw new PhotoError('corrupt', { reason: 'encoder output is not a JPEG without EXIF' });
  }
  if (!header.ok || header.header.width !== size.width || header.header.height !== size.height) {
    throw new PhotoError('corrupt', { reason: 'encoder output has unexpected dimensions' });
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

// ---- the worker's message protocol (here, because both the page's and the worker's programs include this file)

export interface WorkerRequest { id: number; file: Blob; decoder: 'auto' | 'bitmap' }

export type WorkerResponse =
  | { id: number; ok: true; photo: ProcessedPhoto }
  | { id: number; ok: false; code: PhotoErrorCode; detail: PhotoErrorDetail };
