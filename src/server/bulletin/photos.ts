// Photo bytes as the public gets them: read from the store and stripped of metadata (jpeg-clean.ts). Photos
// are content-addressed, so a cleaned size never changes: it is remembered (by the photo's public name) for the
// feed's enclosure lengths.
import { readFile } from 'node:fs/promises';
import type { PhotoStore } from '../photos/store';
import { stripJpegMetadata } from './jpeg-clean';

const REMEMBERED = 10_000;
const cleanSizes = new Map<string, number>();

function remember(publicId: string, size: number): void {
  if (cleanSizes.size >= REMEMBERED) cleanSizes.delete(cleanSizes.keys().next().value!);
  cleanSizes.set(publicId, size);
}

/** The cleaned bytes of a stored photo; null when the file is missing or is not a JPEG we can follow. */
export async function cleanPhoto(photos: PhotoStore, sha256: string, publicId: string): Promise<Uint8Array<ArrayBuffer> | null> {
  let raw: Buffer;
  try {
    raw = await readFile(photos.pathOf(sha256));
  } catch {
    return null;
  }
  const clean = stripJpegMetadata(raw);
  if (clean) remember(publicId, clean.byteLength);
  return clean;
}

/**
 * The size the public download of this public photo will have (the feed's enclosure length); `fallback` when it
 * cannot be read. `hashOf` finds the stored file, asked only when the size is not known yet.
 */
export async function cleanSize(photos: PhotoStore, publicId: string, hashOf: () => Promise<string | null>, fallback: number): Promise<number> {
  const known = cleanSizes.get(publicId);
  if (known !== undefined) return known;
  const sha256 = await hashOf();
  return (sha256 && (await cleanPhoto(photos, sha256, publicId))?.byteLength) || fallback;
}
