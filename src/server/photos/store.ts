// Photo files on disk, named by their sha256: DATA_DIR/photos/ab/cd/<sha256>.jpg. A body is streamed to its
// uploader's partial file (partial.ts) while it is hashed and counted, then fsynced and renamed into place (and
// the directory fsynced), so a crash leaves either the whole file or nothing under its name.
import { createReadStream, type ReadStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fsyncPath, makePrivateDir } from '../private-files';
import { PartialUploads } from './partial';

export interface Received {
  sha256: string;
  bytes: number;
  /** The first bytes, for reading the image header. */
  head: Uint8Array;
  /** Set when the body was written to disk: commit() or discard() it. */
  tempPath: string | undefined;
}

export class PhotoStore {
  /** Uploads still arriving, and those a dropped link left for the phone to finish. */
  readonly partials: PartialUploads;

  constructor(readonly root: string, now?: () => number) {
    this.partials = new PartialUploads(join(root, 'partial'), now);
  }

  /** Creates the folders; removes expired partial uploads (and the temp folder of earlier versions). */
  async init(): Promise<number> {
    await makePrivateDir(this.root);
    await rm(join(this.root, 'tmp'), { recursive: true, force: true });
    return this.partials.expire();
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

  /** Moves a verified upload to its final name, durably: its bytes synced, then the rename and its folders. */
  async commit(tempPath: string, sha256: string): Promise<void> {
    const target = this.pathOf(sha256);
    const dir = dirname(target);
    await fsyncPath(tempPath);
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
