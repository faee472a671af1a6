// Drops a JPEG's metadata before the public sees it: APP1–APP15 (EXIF with GPS and camera serials, XMP, ICC,
// maker notes…) and COM segments anywhere in the file, and anything after EOI (a "motion photo" video, a
// vendor trailer). Kept: SOI, APP0 (JFIF), DQT, SOF, DHT, DRI, SOS and the scan data, EOI. The phones already
// re-encode their photos without EXIF; the server does not rely on that.
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;

const isMetadata = (marker: number) => (marker >= 0xe1 && marker <= 0xef) || marker === COM;
/** Markers without a length: TEM and the restart markers RST0–RST7. */
const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/** End of the entropy-coded data that starts at `from`: the next marker that is not stuffing (FF 00) or RSTn. */
function scanEnd(b: Uint8Array, from: number): number {
  let i = from;
  for (;;) {
    i = b.indexOf(0xff, i);
    if (i < 0 || i + 1 >= b.length) return b.length;
    const next = b[i + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2;
    else if (next === 0xff) i += 1;          // fill byte before a marker
    else return i;
  }
}

/** The cleaned bytes, or null when the file is not a JPEG whose structure can be followed. */
export function stripJpegMetadata(b: Uint8Array): Uint8Array<ArrayBuffer> | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== SOI) return null;
  const kept: Uint8Array[] = [b.subarray(0, 2)];
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) return null;
    while (b[i + 1] === 0xff) i++;           // fill bytes
    const marker = b[i + 1];
    if (marker === undefined) return null;
    if (marker === EOI) {
      kept.push(b.subarray(i, i + 2));
      return Buffer.concat(kept);
    }
    if (isStandalone(marker)) {
      kept.push(b.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (i + 4 > b.length) return null;
    const end = i + 2 + ((b[i + 2]! << 8) | b[i + 3]!);
    if (end < i + 4 || end > b.length) return null;
    if (!isMetadata(marker)) kept.push(b.subarray(i, end));
    i = end;
    if (marker === SOS) {
      const scan = scanEnd(b, i);
      kept.push(b.subarray(i, scan));
      i = scan;
    }
  }
  // A file cut short in its scan data: what was there is image data; close it so decoders stop cleanly.
  kept.push(Uint8Array.of(0xff, EOI));
  return Buffer.concat(kept);
}
