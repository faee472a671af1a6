// Reads what an image file says about itself (type, size, EXIF orientation) without decoding it.
// Pure TS on Uint8Array: used in the photo worker and by the server. Never throws on garbage.

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' | 'image/bmp' | 'image/avif';

/** EXIF orientation 1–8 (1 = as stored). */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface ImageHeader {
  type: ImageType;
  /** Stored size, before orientation is applied. */
  width: number;
  height: number;
  /** From the first APP1 Exif segment of a JPEG; 1 for other types and when absent or invalid. */
  orientation: Orientation;
}

export type HeaderResult =
  | { ok: true; header: ImageHeader }
  /** not-image: no known signature. truncated: the bytes end before the size was found (read more).
   *  invalid: a known signature but a broken structure. */
  | { ok: false; reason: 'not-image' | 'truncated' | 'invalid'; type?: ImageType };

/** True when `b` holds the bytes `sig` at `at`. */
export function startsWith(b: Uint8Array, sig: ArrayLike<number>, at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

/** The bytes of an ASCII string, for startsWith. */
export const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const EXIF_SIG = ascii('Exif\0\0');

const u16be = (b: Uint8Array, i: number): number => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u16le = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32be = (b: Uint8Array, i: number): number => u16be(b, i) * 0x10000 + u16be(b, i + 2);
const u32le = (b: Uint8Array, i: number): number => u16le(b, i) + u16le(b, i + 2) * 0x10000;
const u24le = (b: Uint8Array, i: number): number => u16le(b, i) + (b[i + 2] ?? 0) * 0x10000;

/** The type from the magic bytes alone (12 bytes are enough), or null. */
export function sniffImageType(b: Uint8Array): ImageType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (startsWith(b, PNG_SIG)) return 'image/png';
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(b, ascii('BM')) && b.length >= 26 && u32le(b, 14) >= 12) return 'image/bmp';
  if (startsWith(b, ascii('ftyp'), 4)) {
    // ISO-BMFF: the major brand, then compatible brands, inside the ftyp box.
    const size = u32be(b, 0);
    const end = Math.min(b.length, size >= 16 ? size : 16);
    for (let i = 8; i + 4 <= end; i += 4) {
      if (i === 12) continue; // minor version
      if (startsWith(b, ascii('avif'), i) || startsWith(b, ascii('avis'), i)) return 'image/avif';
    }
  }
  return null;
}

/** Type, stored dimensions and (JPEG) EXIF orientation, from the first bytes of a file. */
export function readImageHeader(b: Uint8Array): HeaderResult {
  const type = sniffImageType(b);
  if (!type) return { ok: false, reason: b.length < 12 ? 'truncated' : 'not-image' };
  let r: Omit<ImageHeader, 'type'> | 'truncated' | 'invalid';
  switch (type) {
    case 'image/jpeg': r = readJpeg(b); break;
    case 'image/png': r = readPng(b); break;
    case 'image/webp': r = readWebp(b); break;
    case 'image/gif': r = b.length < 10 ? 'truncated' : { width: u16le(b, 6), height: u16le(b, 8), orientation: 1 }; break;
    case 'image/bmp': r = readBmp(b); break;
    case 'image/avif': r = readAvif(b); break;
  }
  if (typeof r === 'string') return { ok: false, reason: r, type };
  if (!(r.width > 0 && r.height > 0)) return { ok: false, reason: 'invalid', type };
  return { ok: true, header: { type, ...r } };
}

// ---- JPEG ---------------------------------------------------------------------------------------

/** A marker as a walk over a JPEG meets it. */
export interface JpegMarker {
  /** The byte after 0xFF, e.g. 0xE1 for APP1. */
  marker: number;
  /** Offset of the 0xFF of the marker (the last one, after any fill bytes). */
  offset: number;
  /** Offset just past it: its payload, and for SOS in a walk through the scans, the entropy-coded data after it. */
  end: number;
  /** Offset and length of the payload (after the 2 length bytes); none for RSTn, TEM, SOI and EOI. */
  data?: { offset: number; length: number };
}

/**
 * How a walk ended: at the first SOS (a walk of the header only) or at EOI; 'ended' when the bytes stop between
 * two markers or inside scan data, 'truncated' when they stop inside a marker; 'invalid' when the bytes are not
 * markers where markers must be.
 */
export type JpegWalkEnd = 'sos' | 'eoi' | 'ended' | 'truncated' | 'invalid';

const isStandalone = (m: number): boolean => m === 0x01 || (m >= 0xd0 && m <= 0xd8);

/** End of the entropy-coded data that starts at `from`: the next marker that is not stuffing (FF 00) or RSTn. */
function scanEnd(b: Uint8Array, from: number): number {
  let i = from;
  for (;;) {
    i = b.indexOf(0xff, i);
    if (i < 0 || i + 1 >= b.length) return b.length;
    const next = b[i + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2;
    else if (next === 0xff) i += 1; // fill byte before a marker
    else return i;
  }
}

/**
 * The one walk over a JPEG's markers, from after SOI: up to the first SOS (`scans` false: what a decoder reads
 * before the image data), or over every scan to EOI (`scans` true). Yields each marker; returns how it ended.
 */
export function* jpegMarkers(b: Uint8Array, scans: boolean): Generator<JpegMarker, JpegWalkEnd> {
  if (!(b[0] === 0xff && b[1] === 0xd8)) return b.length < 2 ? 'truncated' : 'invalid';
  let i = 2;
  for (;;) {
    if (i >= b.length) return 'ended';
    if (b[i] !== 0xff) return 'invalid';
    while (b[i] === 0xff) i++; // fill bytes
    if (i >= b.length) return 'truncated';
    const marker = b[i]!;
    const offset = i - 1;
    i++;
    if (isStandalone(marker) || marker === 0xd9) {
      yield { marker, offset, end: i };
      if (marker === 0xd9) return 'eoi';
      continue;
    }
    if (marker === 0x00) return 'invalid';
    if (i + 2 > b.length) return 'truncated';
    const len = u16be(b, i);
    if (len < 2) return 'invalid';
    if (i + len > b.length) return 'truncated';
    const data = { offset: i + 2, length: len - 2 };
    i += len;
    if (marker === 0xda && !scans) {
      yield { marker, offset, end: i, data };
      return 'sos';
    }
    if (marker === 0xda) i = scanEnd(b, i);
    yield { marker, offset, end: i, data };
  }
}

const isSof = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function readJpeg(b: Uint8Array): Omit<ImageHeader, 'type'> | 'truncated' | 'invalid' {
  // The decoder reads every marker up to SOS, so an Exif segment after SOF still counts: walk to SOS.
  let orientation: Orientation | null = null;
  let sof: { offset: number; length: number } | undefined;
  const walk = jpegMarkers(b, false);
  let step = walk.next();
  for (; !step.done; step = walk.next()) {
    const { marker, data } = step.value;
    if (!data) continue;
    if (marker === 0xe1 && orientation === null && startsWith(b, EXIF_SIG, data.offset)) {
      const tiff = b.subarray(data.offset + EXIF_SIG.length, data.offset + data.length);
      if (tiffByteOrder(tiff)) orientation = readTiffOrientation(tiff);
    }
    if (isSof(marker)) sof ??= data;
  }
  if (step.value !== 'sos') return step.value === 'truncated' || step.value === 'ended' ? 'truncated' : 'invalid';
  if (!sof || sof.length < 6) return 'invalid';
  return { height: u16be(b, sof.offset + 1), width: u16be(b, sof.offset + 3), orientation: orientation ?? 1 };
}

function tiffByteOrder(t: Uint8Array): 'II' | 'MM' | null {
  if (startsWith(t, [0x49, 0x49, 0x2a, 0x00])) return 'II';
  if (startsWith(t, [0x4d, 0x4d, 0x00, 0x2a])) return 'MM';
  return null;
}

/** Orientation from IFD0 of a TIFF structure (an EXIF payload without the "Exif\0\0" prefix). */
export function readTiffOrientation(t: Uint8Array): Orientation {
  const order = tiffByteOrder(t);
  if (!order) return 1;
  const r16 = order === 'II' ? u16le : u16be;
  const r32 = order === 'II' ? u32le : u32be;
  const ifd = r32(t, 4);
  if (ifd < 8 || ifd + 2 > t.length) return 1;
  const count = r16(t, ifd);
  for (let k = 0; k < count; k++) {
    const e = ifd + 2 + k * 12;
    if (e + 12 > t.length) return 1;
    if (r16(t, e) !== 0x0112) continue;
    if (r16(t, e + 2) !== 3 || r32(t, e + 4) < 1) return 1; // must be SHORT
    const v = r16(t, e + 8);
    return v >= 1 && v <= 8 ? (v as Orientation) : 1;
  }
  return 1;
}

/**
 * True when the bytes hold an APP1 "Exif\0\0" segment anywhere: in the header, after a broken segment, or in
 * an image appended after EOI (MPF / motion photos). A byte scan, not a walk: entropy-coded data never
 * contains FF E1 (its FF bytes are stuffed as FF 00), so this errs only towards finding EXIF.
 */
export function hasExifSegment(b: Uint8Array): boolean {
  for (let i = b.indexOf(0xff); i >= 0 && i + 10 <= b.length; i = b.indexOf(0xff, i + 1)) {
    if (b[i + 1] === 0xe1 && startsWith(b, EXIF_SIG, i + 4)) return true;
  }
  return false;
}

// ---- other formats ------------------------------------------------------------------------------

function readPng(b: Uint8Array): Omit<ImageHeader, 'type'> | 'truncated' | 'invalid' {
  if (b.length < 24) return 'truncated';
  if (!startsWith(b, ascii('IHDR'), 12)) return 'invalid';
  return { width: u32be(b, 16), height: u32be(b, 20), orientation: 1 };
}

function readWebp(b: Uint8Array): Omit<ImageHeader, 'type'> | 'truncated' | 'invalid' {
  if (b.length < 30) return 'truncated';
  if (startsWith(b, ascii('VP8 '), 12)) {
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) return 'invalid';
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff, orientation: 1 };
  }
  if (startsWith(b, ascii('VP8L'), 12)) {
    if (b[20] !== 0x2f) return 'invalid';
    const bits = u32le(b, 21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, orientation: 1 };
  }
  if (startsWith(b, ascii('VP8X'), 12)) {
    return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1, orientation: 1 };
  }
  return 'invalid';
}

function readBmp(b: Uint8Array): Omit<ImageHeader, 'type'> | 'truncated' | 'invalid' {
  if (b.length < 26) return 'truncated';
  if (u32le(b, 14) === 12) return { width: u16le(b, 18), height: u16le(b, 20), orientation: 1 };
  const w = u32le(b, 18) | 0;
  const h = u32le(b, 22) | 0; // negative height = top-down rows
  return { width: Math.abs(w), height: Math.abs(h), orientation: 1 };
}

/** AVIF: the largest 'ispe' (image spatial extent) property in meta/iprp/ipco. */
function readAvif(b: Uint8Array): Omit<ImageHeader, 'type'> | 'truncated' | 'invalid' {
  let best: { width: number; height: number } | null = null;
  const walk = (start: number, end: number, depth: number): 'truncated' | void => {
    let i = start;
    while (i + 8 <= end) {
      let size = u32be(b, i);
      let header = 8;
      if (size === 1) { size = u32be(b, i + 8) * 0x100000000 + u32be(b, i + 12); header = 16; }
      else if (size === 0) size = end - i;
      if (size < header) return;
      const name = String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
      const boxEnd = i + size;
      if (name === 'meta') {
        if (boxEnd > b.length) return 'truncated';
        if (depth < 4) walk(i + header + 4, boxEnd, depth + 1); // full box: skip version + flags
      } else if ((name === 'iprp' || name === 'ipco') && depth < 4) {
        walk(i + header, Math.min(boxEnd, end), depth + 1);
      } else if (name === 'ispe' && i + header + 12 <= b.length) {
        const width = u32be(b, i + header + 4);
        const height = u32be(b, i + header + 8);
        if (!best || width * height > best.width * best.height) best = { width, height };
      } else if (name === 'mdat' && depth === 0 && !best) {
        return boxEnd > b.length ? 'truncated' : undefined;
      }
      i = boxEnd;
    }
    if (i > b.length && depth === 0 && !best) return 'truncated';
  };
  const t = walk(0, b.length, 0);
  const found = best as { width: number; height: number } | null;
  if (found) return { ...found, orientation: 1 };
  return t ?? 'invalid';
}
