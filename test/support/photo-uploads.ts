// Photos through the API: JPEG bytes the server accepts (headers only, never decoded) and their upload.
import { createHash, randomBytes } from 'node:crypto';
import type { PhotoRef } from '../../src/shared/case-schema';
import type { Client, Reply } from './api-client';

/**
 * Bytes the server accepts as a JPEG: SOI, APP0, DQT, SOF0 (the size), DHT, SOS, then filler "scan data" to the
 * requested length and EOI. Not decodable, which the server never needs: it reads headers only.
 */
export function fakeJpeg(width = 1600, height = 1200, totalBytes = 4000, seed = randomBytes(8)): Buffer {
  const seg = (marker: number, payload: number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  const head = Buffer.from([
    0xff, 0xd8,
    ...seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...seg(0xdb, [0, ...new Array<number>(64).fill(1)]),
    ...seg(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    ...seg(0xc4, [0, ...new Array<number>(16).fill(0)]),
    ...seg(0xda, [1, 1, 0, 0, 63, 0]),
  ]);
  const fill = Math.max(0, totalBytes - head.length - 2 - seed.length);
  const filler = randomBytes(fill).map((b) => (b === 0xff ? 0xfe : b));
  return Buffer.concat([head, seed.map((b) => (b === 0xff ? 0xfe : b)), filler, Buffer.from([0xff, 0xd9])]);
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export async function putPhoto(client: Client, bytes: Uint8Array, hash = sha256(bytes), contentType = 'image/jpeg'): Promise<Reply> {
  return client.call(`/api/photos/${hash}`, { method: 'PUT', body: bytes, headers: { 'content-type': contentType } });
}

/** The rest of a photo from `offset` on, as a phone resumes an upload a dropped link cut. */
export async function patchPhoto(client: Client, bytes: Uint8Array, offset: number, o: { total?: number; hash?: string } = {}): Promise<Reply> {
  return client.call(`/api/photos/${o.hash ?? sha256(bytes)}`, {
    method: 'PATCH', body: bytes.subarray(offset),
    headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), 'upload-length': String(o.total ?? bytes.length) },
  });
}

/** A photo and its thumbnail, uploaded; the PhotoRef a case names them by. */
export async function uploadedPhoto(client: Client, caption = 'Ảnh hiện trường'): Promise<PhotoRef> {
  const photo = fakeJpeg(1600, 1200, 6000);
  const thumb = fakeJpeg(320, 240, 1500);
  for (const bytes of [photo, thumb]) {
    const r = await putPhoto(client, bytes);
    if (r.status !== 201 && r.status !== 200) throw new Error(`photo upload failed: ${r.status} ${r.text}`);
  }
  return { sha256: sha256(photo), caption, width: 1600, height: 1200, bytes: photo.length, thumbSha256: sha256(thumb), thumbBytes: thumb.length };
}
