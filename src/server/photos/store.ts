// Photo files on disk, named by their sha256: DATA_DIR/photos/ab/cd/<sha256>.jpg. A body is streamed to a temp
// file while it is hashed and counted, then fsynced and renamed into place (and the directory fsynced), so a
// crash leaves either the whole file or nothing under its name; leftover temp files are removed at start.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { tooLarge } from '../http/errors';
import { fsyncPath, makePrivateDir, PRIVATE_FILE } from '../private-files';

/** Enough of a JPEG to reach its frame header (the phone's photos carry no EXIF; cameras' fit in 64 KB). */
const HEAD_BYTES = 256 * 1024;

export interface Received {
  sha256: string;
  bytes: number;
  /** The first bytes, for reading the image header. */
  head: Uint8Array;
  /** Set when the body was written to disk: commit() or discard() it. */
  tempPath: string | undefined;
}

export class PhotoStore {
  private readonly tmp: string;

  constructor(readonly root: string) {
    this.tmp = join(root, 'tmp');
  }

  /** Creates the folders and removes temp files an interrupted upload left behind. */
  async init(): Promise<number> {
    await makePrivateDir(this.tmp);
    const leftovers = await readdir(this.tmp);
    await Promise.all(leftovers.map((name) => rm(join(this.tmp, name), { force: true })));
    return leftovers.length;
  }

  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.jpg`);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  read(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }

  /**
   * Hashes and counts a body, writing it to a temp file when `persist`. Throws the 413 ApiFailure as soon as
   * maxBytes is passed (the temp file is removed), and rethrows a broken stream after removing it too.
   */
  async receive(chunks: AsyncIterable<Uint8Array>, maxBytes: number, persist: boolean): Promise<Received> {
    const hash = createHash('sha256');
    const head = Buffer.alloc(HEAD_BYTES);
    let headLength = 0;
    let bytes = 0;
    const tempPath = persist ? join(this.tmp, `${randomUUID()}.part`) : undefined;
    let file: FileHandle | undefined;
    try {
      if (tempPath) {
        file = await open(tempPath, 'wx', PRIVATE_FILE);
        await file.chmod(PRIVATE_FILE);
      }
      for await (const chunk of chunks) {
        bytes += chunk.byteLength;
        if (bytes > maxBytes) throw tooLarge(maxBytes);
        hash.update(chunk);
        if (headLength < HEAD_BYTES) {
          const n = Math.min(chunk.byteLength, HEAD_BYTES - headLength);
          head.set(chunk.subarray(0, n), headLength);
          headLength += n;
        }
        if (file) await file.write(chunk);
      }
      if (file) {
        await file.sync();
        await file.close();
        file = undefined;
      }
    } catch (err) {
      await file?.close().catch(() => {});
      if (tempPath) await rm(tempPath, { force: true });
      throw err;
    }
    return { sha256: hash.digest('hex'), bytes, head: head.subarray(0, headLength), tempPath };
  }

  /** Moves a verified temp file to its final name, durably. */
  async commit(tempPath: string, sha256: string): Promise<void> {
    const target = this.pathOf(sha256);
    const dir = dirname(target);
    const created = await makePrivateDir(dir);
    await rename(tempPath, target);
    await fsyncPath(dir);
    // New folders must be recorded in their parents too: cd/ in ab/ and, when ab/ is new, ab/ in photos/.
    if (created) {
      await fsyncPath(dirname(dir));
      if (created !== dir) await fsyncPath(dirname(created));
    }
  }

  async discard(tempPath: string | undefined): Promise<void> {
    if (tempPath) await rm(tempPath, { force: true });
  }
}
