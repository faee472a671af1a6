// The photos half: each photo file copied while it is hashed, or hard-linked from the previous backup, which
// already holds those bytes under the same name (the name is their SHA-256, which the previous manifest vouched
// for). Where the two backups are on different filesystems, the previous backup's file is copied instead.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { photoPath, type PhotoEntry } from './layout';

export interface CopyResult { entry: PhotoEntry; bytesWritten: number }

/** Copies `from` to `to` (fsynced), returning the SHA-256 and size of what was read. */
export async function copyHashed(from: string, to: string, mode = 0o600): Promise<PhotoEntry> {
  await mkdir(dirname(to), { recursive: true, mode: 0o700 });
  const hash = createHash('sha256');
  let bytes = 0;
  const out = await open(to, 'wx', mode);
  try {
    for await (const chunk of createReadStream(from) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.byteLength;
      await out.write(chunk);
    }
    await out.sync();
  } catch (err) {
    await out.close().catch(() => {});
    await rm(to, { force: true });
    throw err;
  }
  await out.close();
  return { sha256: hash.digest('hex'), bytes };
}

export async function hashFile(path: string): Promise<PhotoEntry> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.byteLength;
  }
  return { sha256: hash.digest('hex'), bytes };
}

const isMissing = (err: unknown): boolean => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * One photo into the backup being made: linked from the previous backup when it had it, otherwise copied from
 * DATA_DIR. Undefined when DATA_DIR no longer has it.
 */
export async function backUpPhoto(sha256: string, photosDir: string, targetDir: string, previous: { dir: string; has: Map<string, PhotoEntry> } | undefined): Promise<CopyResult | undefined> {
  const to = photoPath(targetDir, sha256);
  const before = previous?.has.get(sha256);
  if (previous && before) {
    await mkdir(dirname(to), { recursive: true, mode: 0o700 });
    try {
      await link(photoPath(previous.dir, sha256), to);
      return { entry: before, bytesWritten: 0 };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EXDEV') {
        const entry = await copyHashed(photoPath(previous.dir, sha256), to);
        return { entry, bytesWritten: entry.bytes };
      }
      // Gone from the previous backup (pruned by hand): copied from DATA_DIR below.
      if (code !== 'ENOENT') throw err;
    }
  }
  try {
    const entry = await copyHashed(photoPath(photosDir, sha256), to);
    return { entry, bytesWritten: entry.bytes };
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw err;
  }
}
