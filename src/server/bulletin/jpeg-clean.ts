// Drops a JPEG's metadata before the public sees it: APP1–APP15 (EXIF with GPS and camera serials, XMP, ICC,
// maker notes…) and COM segments anywhere in the file, and anything after EOI (a "motion photo" video, a
// vendor trailer). Kept: SOI, APP0 (JFIF), DQT, SOF, DHT, DRI, SOS and the scan data, EOI. The phones already
// re-encode their photos without EXIF; the server does not rely on that.
import { jpegMarkers } from '../../shared/image-header';

const EOI = Uint8Array.of(0xff, 0xd9);
const isMetadata = (marker: number) => (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;

/** The cleaned bytes, or null when the file is not a JPEG whose structure can be followed. */
export function stripJpegMetadata(b: Uint8Array): Uint8Array<ArrayBuffer> | null {
  if (b.length < 4) return null;
  const kept: Uint8Array[] = [b.subarray(0, 2)];
  const walk = jpegMarkers(b, true);
  for (let step = walk.next(); ; step = walk.next()) {
    if (!step.done) {
      if (!isMetadata(step.value.marker)) kept.push(b.subarray(step.value.offset, step.value.end));
      continue;
    }
    if (step.value === 'eoi') return Buffer.concat(kept);
    // Bytes that stop between markers or in the scan data (a file cut short): close what was there, so decoders stop cleanly.
    if (step.value === 'ended') return Buffer.concat([...kept, EOI]);
    return null;
  }
}
