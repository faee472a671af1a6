// Photos must arrive without metadata: the app re-encodes them without it, so a segment that can carry a GPS
// position, a camera serial or a name (EXIF/XMP in APP1, IPTC in APP13, comments, any other APPn) means another
// client, and is refused rather than stored. Kept: APP0 JFIF and APP2 ICC (colour), which decoders use.
import { ascii, jpegMarkers, startsWith } from '../../shared/image-header';

const JFIF = ascii('JFIF\0');
const ICC = ascii('ICC_PROFILE\0');

function allowed(b: Uint8Array, marker: number, dataOffset: number): boolean {
  if (marker === 0xe0) return startsWith(b, JFIF, dataOffset);
  if (marker === 0xe2) return startsWith(b, ICC, dataOffset);
  return false;
}

/** The name of the first metadata segment anywhere in the file (every scan walked), or null when there is none. */
export function metadataSegment(b: Uint8Array): string | null {
  const walk = jpegMarkers(b, true);
  for (let step = walk.next(); !step.done; step = walk.next()) {
    const { marker, data } = step.value;
    if (marker === 0xfe) return 'COM';
    if (marker >= 0xe0 && marker <= 0xef && !allowed(b, marker, data?.offset ?? 0)) {
      if (marker === 0xe1) return 'APP1 (EXIF/XMP)';
      if (marker === 0xed) return 'APP13 (IPTC)';
      return `APP${marker - 0xe0}`;
    }
  }
  return null;
}
