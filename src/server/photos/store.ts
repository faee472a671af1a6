// Photo files on disk, named by their sha256: DATA_DIR/photos/ab/cd/<sha256>.jpg. A body is streamed to its
// uploader's partial file (partial.ts) while it is hashed and counted, then fsynced and renamed into place (and
// the directory fsynced), so a crash leaves either the whole file or nothing under its name. An upload does the
// steps apart (its bytes synced as it is received, place() inside its transaction, then the folders' fsync just
// before that commits, shared by the uploads that moved a file into the same folder meanwhile: fsyncDirShared);
// commit() does them in a row.
import { createReadStream, type ReadStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fsyncDirShared, fsyncPath, makePrivateDir } from '../private-files';
import { PartialUploads } from './partial';

export interface Received {
  sha256: string;
  bytes: number;
  /** The first bytes, for reading the image header. */
  head: Uint8Array;
  /** Set when the body was written to disk (and synced): commit() or discard() it. */
  tempPath: string | undefined;
  /** Every byte, when the photo came whole in one request of at most WHOLE_BYTES (partial.ts). */
  whole?: Uint8Array | undefined;
}

export interface PhotoStoreOptions {
  now?: () => number;
  /** A folder's fsync (shared by the calls made at once); a test may hold it. */
  fsyncFolder?: (dir: string) => Promise<void>;
}

export class PhotoStore {
  /** Uploads still arriving, and those a dropped link left for the phone to finish. */
  readonly partials: PartialUploads;
  private readonly fsyncFolder: (dir: string) => Promise<void>;
  /** Photo folders (ab/cd) whose entries in their parents are durable: fsyncs of both, begun since, have ended. */
  private readonly settled = new Set<string>();
  /** Photo folders seen, not settled yet: the parents whose fsync each still waits for. */
  private readonly unsettled = new Map<string, Set<string>>();

  constructor(readonly root: string, o: PhotoStoreOptions = {}) {
    this.partials = new PartialUploads(join(root, 'partial'), o.now);
    this.fsyncFolder = o.fsyncFolder ?? fsyncDirShared;
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
    await this.syncBytes(tempPath);
    for (const dir of await this.place(tempPath, sha256)) await this.syncFolder(dir);
  }

  /** The upload's bytes on disk (before it is placed: a crash then leaves a whole file or none). */
  syncBytes(tempPath: string): Promise<void> {
    return fsyncPath(tempPath);
  }

  /**
   * Renames a synced upload to its final name. Returns the folders to fsync (syncFolder) before it counts as
   * stored: its own, and its parents too (cd/ in ab/, ab/ in photos/) until the folder is settled. Whoever made
   * the folder: an upload that renames into a folder a concurrent one has just made (and not yet synced into its
   * parents) must not commit before that folder is durable either.
   */
  async place(tempPath: string, sha256: string): Promise<string[]> {
    const target = this.pathOf(sha256);
    const dir = dirname(target);
    // Its folder usually exists: made only when the rename says it is missing.
    const moved = await rename(tempPath, target).then(() => true, (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw err;
    });
    if (moved && this.settled.has(dir)) return [dir];
    if (!moved) {
      await makePrivateDir(dir);
      await rename(tempPath, target);
    }
    const parents = [dirname(dir), dirname(dirname(dir))];
    if (!this.unsettled.has(dir)) this.unsettled.set(dir, new Set(parents));
    return [dir, ...parents];
  }

  /**
   * fsync of a folder place() named. The folders seen before the call whose entry is in this one are then
   * durable there (the fsync began after the call); once both their parents are, they are settled.
   */
  async syncFolder(dir: string): Promise<void> {
    const waiting = [...this.unsettled].filter(([, parents]) => parents.has(dir));
    await this.fsyncFolder(dir);
    for (const [folder, parents] of waiting) {
      parents.delete(dir);
      if (parents.size === 0 && this.unsettled.get(folder) === parents) {
        this.unsettled.delete(folder);
        this.settled.add(folder);
      }
    }
  }

  async discard(tempPath: string | undefined): Promise<void> {
    if (tempPath) await rm(tempPath, { force: true });
  }
}
