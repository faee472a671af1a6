import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hasExifSegment, jpegMarkers, readImageHeader, readTiffOrientation, sniffImageType } from '../../src/shared/image-header';
import { buildExifSegment, buildExifTiff, GPS_LAI_CHAU, insertSegment } from '../support/photo-fixtures';

/** A structurally valid JPEG header (no real image data): SOI, DQT-ish filler, SOFn, SOS, a few bytes, EOI. */
function jpeg(width: number, height: number, { sof = 0xc0, before = [] as Buffer[], after = [] as Buffer[] } = {}): Buffer {
  const seg = (marker: number, payload: Buffer): Buffer => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(payload.length + 2, 2);
    return Buffer.concat([head, payload]);
  };
  const sofPayload = Buffer.alloc(15);
  sofPayload[0] = 8;
  sofPayload.writeUInt16BE(height, 1);
  sofPayload.writeUInt16BE(width, 3);
  sofPayload[5] = 3;
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    ...before,
    seg(0xdb, Buffer.alloc(65, 1)),
    seg(sof, sofPayload),
    ...after,
    seg(0xda, Buffer.alloc(10)),
    Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9]),
  ]);
}

function png(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

/** How a walk of the header (up to SOS) ends. */
const headerWalkEnd = (b: Uint8Array) => {
  const walk = jpegMarkers(b, false);
  let step = walk.next();
  while (!step.done) step = walk.next();
  return step.value;
};

const header = (b: Uint8Array) => {
  const r = readImageHeader(b);
  return r.ok ? r.header : r;
};

test('JPEG: dimensions from SOF0 and SOF2, orientation 1 without EXIF', () => {
  assert.equal(header(jpeg(4000, 3000)), { type: 'image/jpeg', width: 4000, height: 3000, orientation: 1 });
  assert.equal(header(jpeg(640, 480, { sof: 0xc2 })), { type: 'image/jpeg', width: 640, height: 480, orientation: 1 });
  assert.equal(header(jpeg(640, 480, { sof: 0xc1 })), { type: 'image/jpeg', width: 640, height: 480, orientation: 1 });
  assert.not.ok(hasExifSegment(jpeg(10, 10)));
});

test('JPEG: EXIF orientation in both byte orders, with GPS', () => {
  for (const byteOrder of ['II', 'MM'] as const) {
    for (let orientation = 1; orientation <= 8; orientation++) {
      const b = insertSegment(jpeg(4000, 3000), buildExifSegment({ orientation, byteOrder, gps: GPS_LAI_CHAU }));
      assert.equal(header(b), { type: 'image/jpeg', width: 4000, height: 3000, orientation }, `${byteOrder} ${orientation}`);
      assert.ok(hasExifSegment(b));
    }
  }
});

test('JPEG: EXIF after SOF still counts; the first Exif segment wins', () => {
  const late = jpeg(100, 50, { after: [buildExifSegment({ orientation: 8, byteOrder: 'MM' })] });
  assert.is((header(late) as { orientation: number }).orientation, 8);
  const two = jpeg(100, 50, { before: [buildExifSegment({ orientation: 3 }), buildExifSegment({ orientation: 6 })] });
  assert.is((header(two) as { orientation: number }).orientation, 3);
});

test('JPEG: invalid orientation values and broken EXIF mean "as stored"', () => {
  for (const orientation of [0, 9, 300]) {
    const b = insertSegment(jpeg(20, 10), buildExifSegment({ orientation }));
    assert.is((header(b) as { orientation: number }).orientation, 1, String(orientation));
  }
  assert.is(readTiffOrientation(new Uint8Array(0)), 1);
  assert.is(readTiffOrientation(Buffer.from('XX*\0\x08\0\0\0', 'latin1')), 1);
  const tiff = buildExifTiff({ orientation: 6 });
  tiff.writeUInt32LE(0xfffff, 4); // IFD0 offset past the end
  assert.is(readTiffOrientation(tiff), 1);
  const wrongType = buildExifTiff({ orientation: 6, byteOrder: 'MM' });
  const entry = wrongType.indexOf(Buffer.from([0x01, 0x12, 0x00, 0x03]));
  wrongType.writeUInt16BE(4, entry + 2); // LONG instead of SHORT
  assert.is(readTiffOrientation(wrongType), 1);
  // An APP1 that is XMP, not Exif, is not EXIF.
  const xmp = Buffer.concat([Buffer.from([0xff, 0xe1, 0, 40]), Buffer.from('http://ns.adobe.com/xap/1.0/\0'.padEnd(38, ' '), 'latin1')]);
  assert.not.ok(hasExifSegment(insertSegment(jpeg(20, 10), xmp)));
});

test('hasExifSegment finds EXIF in an appended image or after a broken segment, not in text', () => {
  const clean = jpeg(64, 48);
  assert.not.ok(hasExifSegment(clean));
  const appended = Buffer.concat([clean, insertSegment(jpeg(32, 24), buildExifSegment({ gps: GPS_LAI_CHAU }))]);
  assert.ok(hasExifSegment(appended), 'a second image after EOI (MPF, motion photo)');
  const broken = Buffer.concat([clean.subarray(0, 2), Buffer.from([0xff, 0xe0, 0x00, 0x01]), buildExifSegment({ orientation: 6 })]);
  assert.ok(hasExifSegment(broken), 'after a segment with an impossible length');
  const comment = Buffer.concat([clean.subarray(0, 2), Buffer.from([0xff, 0xfe, 0x00, 0x0a]), Buffer.from('Exif\0\0xx', 'latin1'), clean.subarray(2)]);
  assert.not.ok(hasExifSegment(comment), '"Exif" in a comment is not an APP1 segment');
});

test('JPEG: fill bytes and RST/TEM markers are walked over', () => {
  const b = jpeg(300, 200);
  const odd = Buffer.concat([b.subarray(0, 2), Buffer.from([0xff, 0xff, 0xff, 0x01, 0xff, 0xd3]), b.subarray(2)]);
  assert.is(headerWalkEnd(odd), 'sos');
  assert.equal(header(odd), { type: 'image/jpeg', width: 300, height: 200, orientation: 1 });
});

test('JPEG: every truncation is reported as truncated, never thrown', () => {
  const b = insertSegment(jpeg(4000, 3000), buildExifSegment({ orientation: 6, gps: GPS_LAI_CHAU, byteOrder: 'MM' }));
  const sos = b.indexOf(Buffer.from([0xff, 0xda]));
  for (let n = 0; n < b.length; n++) {
    const r = readImageHeader(b.subarray(0, n));
    if (n < sos + 14) {
      assert.not.ok(r.ok, `prefix ${n}`);
      if (!r.ok) assert.is(r.reason, 'truncated', `prefix ${n}`);
    } else {
      assert.ok(r.ok, `prefix ${n}`);
    }
  }
});

test('JPEG: broken structure is invalid, zero sizes are invalid', () => {
  const b = jpeg(640, 480);
  const broken = Buffer.from(b);
  broken[b.indexOf(Buffer.from([0xff, 0xdb]))] = 0x00; // where the DQT marker's 0xFF should be
  assert.equal(readImageHeader(broken), { ok: false, reason: 'invalid', type: 'image/jpeg' });
  assert.equal(readImageHeader(jpeg(0, 480)), { ok: false, reason: 'invalid', type: 'image/jpeg' });
  const noSof = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02])]);
  assert.equal(readImageHeader(noSof), { ok: false, reason: 'invalid', type: 'image/jpeg' });
  const badLength = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, 0, 0, 0, 0, 0, 0]);
  assert.equal(readImageHeader(badLength), { ok: false, reason: 'invalid', type: 'image/jpeg' });
});

test('PNG: IHDR dimensions; truncated and wrong first chunk', () => {
  assert.equal(header(png(1080, 2400)), { type: 'image/png', width: 1080, height: 2400, orientation: 1 });
  assert.equal(readImageHeader(png(10, 10).subarray(0, 20)), { ok: false, reason: 'truncated', type: 'image/png' });
  const wrong = png(10, 10);
  wrong.write('IDAT', 12, 'latin1');
  assert.equal(readImageHeader(wrong), { ok: false, reason: 'invalid', type: 'image/png' });
});

test('WebP (lossy, lossless, extended), GIF, BMP, AVIF: dimensions', () => {
  const riff = (chunk: string, body: Buffer) => Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP', 'latin1'), Buffer.from(chunk, 'latin1'), Buffer.alloc(4), body]);
  const vp8 = Buffer.alloc(20);
  Buffer.from([0x9d, 0x01, 0x2a]).copy(vp8, 3);
  vp8.writeUInt16LE(1600, 6);
  vp8.writeUInt16LE(1200, 8);
  assert.equal(header(riff('VP8 ', vp8)), { type: 'image/webp', width: 1600, height: 1200, orientation: 1 });
  const vp8l = Buffer.alloc(12);
  vp8l[0] = 0x2f;
  vp8l.writeUInt32LE((800 - 1) | ((600 - 1) << 14), 1);
  assert.equal(header(riff('VP8L', vp8l)), { type: 'image/webp', width: 800, height: 600, orientation: 1 });
  const vp8x = Buffer.alloc(12);
  vp8x.writeUIntLE(4000 - 1, 4, 3);
  vp8x.writeUIntLE(3000 - 1, 7, 3);
  assert.equal(header(riff('VP8X', vp8x)), { type: 'image/webp', width: 4000, height: 3000, orientation: 1 });

  const gif = Buffer.from('GIF89a\x40\x01\xf0\x00\0\0\0', 'latin1');
  assert.equal(header(gif), { type: 'image/gif', width: 320, height: 240, orientation: 1 });

  const bmp = Buffer.alloc(54);
  bmp.write('BM', 0, 'latin1');
  bmp.writeUInt32LE(40, 14);
  bmp.writeInt32LE(640, 18);
  bmp.writeInt32LE(-480, 22); // top-down
  assert.equal(header(bmp), { type: 'image/bmp', width: 640, height: 480, orientation: 1 });

  const box = (name: string, ...body: Buffer[]) => {
    const content = Buffer.concat(body);
    const h = Buffer.alloc(8);
    h.writeUInt32BE(content.length + 8, 0);
    h.write(name, 4, 'latin1');
    return Buffer.concat([h, content]);
  };
  const ispe = (w: number, h: number) => { const b = Buffer.alloc(12); b.writeUInt32BE(w, 4); b.writeUInt32BE(h, 8); return box('ispe', b); };
  const avif = Buffer.concat([
    box('ftyp', Buffer.from('avif\0\0\0\0mif1miaf', 'latin1')),
    box('meta', Buffer.alloc(4), box('hdlr', Buffer.alloc(20)), box('iprp', box('ipco', ispe(512, 512), ispe(4032, 3024)))),
    box('mdat', Buffer.alloc(16)),
  ]);
  assert.equal(header(avif), { type: 'image/avif', width: 4032, height: 3024, orientation: 1 });
  assert.equal(readImageHeader(avif.subarray(0, 40)), { ok: false, reason: 'truncated', type: 'image/avif' });
});

test('sniffing: not images, and garbage of every kind never throws', () => {
  assert.is(sniffImageType(Buffer.from('Xin chào, đây là văn bản.')), null);
  assert.is(sniffImageType(Buffer.from('%PDF-1.7\n')), null);
  assert.is(sniffImageType(Buffer.from([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d])), null); // MP4
  assert.equal(readImageHeader(new Uint8Array(0)), { ok: false, reason: 'truncated' });
  assert.equal(readImageHeader(Buffer.from('Đây không phải là ảnh, chỉ là chữ.')), { ok: false, reason: 'not-image' });
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
  const prefixes = [[0xff, 0xd8, 0xff], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [...Buffer.from('RIFF\0\0\0\0WEBP')], [...Buffer.from('\0\0\0\x20ftypavif')], [...Buffer.from('GIF89a')], [...Buffer.from('BM')], []];
  for (let k = 0; k < 3000; k++) {
    const prefix = prefixes[k % prefixes.length]!;
    const bytes = new Uint8Array([...prefix, ...Array.from({ length: k % 97 }, rand)]);
    const r = readImageHeader(bytes);
    if (r.ok) assert.ok(r.header.width > 0 && r.header.height > 0);
    hasExifSegment(bytes);
    headerWalkEnd(bytes);
    readTiffOrientation(bytes);
  }
});

test.run();
