// Drops a JPEG's metadata before the public sees it. An allow-list of what decoding needs: SOI, APP0 when it is
// JFIF, the tables (DQT, DHT, DAC), the frame (SOFn), DRI, DNL, the scans (SOS, their data and RSTn) and EOI.
// Everything else goes: APP1–APP15 (EXIF with GPS and camera serials, XMP, ICC, IPTC, maker notes…), an APP0 that
// is not JFIF (a JFXX thumbnail), COM, reserved and extension markers, and anything after EOI (a "motion photo"
// video, a vendor trailer). Uploads with metadata are refused (photos/metadata.ts); this holds for older files.
import { ascii, jpegMarkers, startsWith } from '../../shared/image-header';

const EOI = Uint8Array.of(0xff, 0xd9);
const JFIF = ascii('JFIF\0');

function decodingNeeds(b: Uint8Array, marker: number, dataOffset: number | undefined): boolean {
  if (marker === 0xe0) return dataOffset !== undefined && startsWith(b, JFIF, dataOffset);
  if (marker >= 0xc0 && marker <= 0xcf) return marker !== 0xc8; // SOFn, DHT, DAC; C8 is reserved (JPG)
  if (marker >= 0xd0 && marker <= 0xd7) return true;             // RSTn
  return marker === 0xdb || marker === 0xdd || marker === 0xdc || marker === 0xda; // DQT, DRI, DNL, SOS
}

/** The cleaned bytes, or null when the file is not a JPEG whose structure can be followed. */
export function stripJpegMetadata(b: Uint8Array): Uint8Array<ArrayBuffer> | null {
  if (b.length < 4) return null;
  const kept: Uint8Array[] = [b.subarray(0, 2)];
  const walk = jpegMarkers(b, true);
  for (let step = walk.next(); ; step = walk.next()) {
    if (!step.done) {
      const { marker, offset, end, data } = step.value;
      if (decodingNeeds(b, marker, data?.offset)) kept.push(b.subarray(offset, end));
      continue;
    }
    // At EOI, and when the bytes stop between markers or in the scan data ('ended': a file cut short), what was
    // kept is closed with EOI, so decoders stop cleanly.
    return step.value === 'eoi' || step.value === 'ended' ? Buffer.concat([...kept, EOI]) : null;
  }
}
