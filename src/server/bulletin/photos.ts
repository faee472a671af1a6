// Photo bytes as the public gets them: read from the store and stripped of metadata (jpeg-clean.ts). The cache
// (cache.ts) keeps them, and their sizes for the feed's enclosure lengths.
import { readFile } from 'node:fs/promises';
import type { PhotoStore } from '../photos/store';
import { stripJpegMetadata } from './jpeg-clean';

/** The cleaned bytes of a stored photo; null when the file is missing or is not a JPEG we can follow. */
export async function cleanPhoto(photos: PhotoStore, sha256: string): Promise<Uint8Array<ArrayBuffer> | null> {
  let raw: Buffer;
  try {
    raw = await readFile(photos.pathOf(sha256));
  } catch {
    return null;
  }
  return stripJpegMetadata(raw);
}
