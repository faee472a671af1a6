// Fixtures of the bulletin tests: a photo as it was stored before the server refused metadata.
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PhotoRef } from '../../src/shared/case-schema';
import type { Client } from './api-client';
import { fakeJpeg, putPhoto, sha256 } from './photo-uploads';
import type { ServerProcess } from './server-process';

/**
 * A photo stored before the server refused metadata (written as an upload then did: file, row, uploader), with
 * a thumbnail uploaded today; the PhotoRef naming them. `size`: what the JPEG's frame says.
 */
export async function storedBefore(server: ServerProcess, client: Client, bytes: Buffer, caption: string, size = { width: 1600, height: 1200 }): Promise<PhotoRef> {
  const hash = sha256(bytes);
  const dir = join(server.dataDir, 'photos', hash.slice(0, 2), hash.slice(2, 4));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${hash}.jpg`), bytes);
  const at = new Date().toISOString();
  await server.db().insertInto('photos').values({ sha256: hash, bytes: bytes.length, ...size, uploaded_by: client.user.id, created_at: at, public_id: randomBytes(16).toString('hex') }).execute();
  await server.db().insertInto('photo_owners').values({ sha256: hash, user_id: client.user.id, created_at: at }).execute();
  const thumb = fakeJpeg(320, 240, 1200);
  const r = await putPhoto(client, thumb);
  assert.is(r.status, 201, r.text);
  return { sha256: hash, caption, ...size, bytes: bytes.length, thumbSha256: sha256(thumb), thumbBytes: thumb.length };
}
