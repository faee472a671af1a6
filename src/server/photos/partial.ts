// Photo uploads that survive a dropped link. The bytes a PUT or PATCH brought before its connection died stay in
// DATA_DIR/photos/partial/<user key>/<sha256>.part; HEAD tells the phone how many (Upload-Offset) and the phone
// sends only the rest (PATCH with Upload-Offset: the tus protocol's core, on our content-addressed URL). The whole
// file is hashed and checked when its last byte arrives, exactly as a one-piece upload is: nothing of it is
// visible before. Partial files belong to their uploader (another account never continues or sees them), are
// written as the bytes arrive and synced to disk when a request ends, and expire after PARTIAL_TTL_MS.
//
// One request at a time per upload, from its first byte until its answer: the partial file of a complete upload
// is checked, then renamed into place (photos/store.ts), and a second writer meanwhile would truncate or grow the
// very file being stored. A 2G link that drops leaves the server holding a request whose connection is dead for
// minutes (no reset ever arrives), so a newer PUT or PATCH of the same upload takes over: it ends the older one
// while that one is still receiving, else waits for its answer, before it checks the offset. HEAD does not (the
// phone probes the next case's photos while this one's go up, and a photo may be in both).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { ClientAborted } from '../http/body';
import { ApiFailure, badRequest, tooLarge } from '../http/errors';
import { makePrivateDir, PRIVATE_FILE } from '../private-files';
import type { Received } from './store';

/** A phone that has been offline for days starts that photo over; its case is safe in its outbox meanwhile. */
export const PARTIAL_TTL_MS = 3 * 86_400_000;
/** Unfinished uploads kept per account: beyond this the oldest goes (bounds what one account can leave on disk). */
export const MAX_PARTIALS_PER_USER = 32;
/** Enough of a JPEG to reach its frame header (the phone's photos carry no EXIF; cameras' fit in 64 KB). */
export const HEAD_BYTES = 256 * 1024;

/** A body up to this size, sent in one request, is kept in memory until it is checked (not read back from disk). */
export const WHOLE_BYTES = 1024 * 1024;
/** Bytes received but not yet written at most: beyond this the body waits for the disk. */
const QUEUED_BYTES = 1024 * 1024;

/**
 * Writes a body's chunks to its file as they arrive, at their offsets, one write at a time: the chunks that
 * arrive while a write runs go together in the next one (a 300 KB photo over a fast link is one or two writes,
 * not one per chunk, each a trip to libuv's thread pool; over a slow link every chunk is on disk about as soon
 * as it came). A failed write fails the next add() or done().
 */
class WriteBehind {
  private queued: Uint8Array[] = [];
  private queuedBytes = 0;
  private writing: Promise<void> | undefined;
  private failed: unknown;

  constructor(private readonly file: FileHandle, private position: number) {}

  async add(chunk: Uint8Array): Promise<void> {
    if (this.failed) throw this.failed;
    this.queued.push(chunk);
    this.queuedBytes += chunk.byteLength;
    this.writing ??= this.pump();
    if (this.queuedBytes > QUEUED_BYTES) await this.done();
  }

  /** Everything added is written (or the first write error is thrown). */
  async done(): Promise<void> {
    await this.writing;
    if (this.failed) throw this.failed;
  }

  /** Writes until nothing is queued; `writing` is cleared in the same step that finds the queue empty. */
  private async pump(): Promise<void> {
    try {
      while (this.queued.length > 0) {
        const buffers = this.queued;
        const n = this.queuedBytes;
        this.queued = [];
        this.queuedBytes = 0;
        await this.file.writev(buffers, this.position);
        this.position += n;
      }
    } catch (err) {
      this.failed ??= err;
      this.queued = [];
      this.queuedBytes = 0;
    }
    this.writing = undefined;
  }
}

/** Thrown into a request when a newer request for the same upload takes over: its body is abandoned. */
export class UploadTakenOver extends ClientAborted {}

/** 409: the request's Upload-Offset is not the `held` bytes the server has of this upload. */
export class OffsetMismatch extends ApiFailure {
  constructor(readonly held: number) {
    super(409, { error: 'offset-mismatch', message: `Máy chủ đang có ${held} byte đầu của ảnh này: hãy gửi tiếp từ đó` }, { 'Upload-Offset': String(held) });
  }
}

export interface AppendRequest {
  /** Where the body's bytes go: it must equal the bytes already held (409 otherwise), unless `startOver`. */
  offset: number;
  /** A PUT: from byte 0 whatever is held (what it held is dropped). */
  startOver?: boolean;
  /** The whole photo's bytes (Upload-Length, or a PUT's Content-Length); undefined: the body's end is the end. */
  total: number | undefined;
  maxBytes: number;
  chunks: AsyncIterable<Uint8Array>;
  /** Ends the body (closes its connection) when a newer request takes over. */
  cancel?: () => void;
  /** Called when an earlier request for this upload is still open: this one waits for it (ended, or answered). */
  onWait?: () => void;
}

/** complete: the photo's every byte is in `received.tempPath`; else `offset` bytes are held for a later PATCH. */
export type Appended = { complete: true; received: Received } | { complete: false; offset: number };

interface Active { controller: AbortController; done: Promise<void> }

/** Each chunk of `chunks` until `signal` aborts; then the body is cancelled (its connection closed). */
async function* untilAborted(chunks: AsyncIterable<Uint8Array>, signal: AbortSignal, cancel?: () => void): AsyncGenerator<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(new UploadTakenOver('a newer request took over this upload'));
      cancel?.();
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {});
  try {
    for (;;) {
      const next = await Promise.race([it.next(), aborted]);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // Once its body is all in, a request is no longer ended by a newer one: that one waits for its answer.
    signal.removeEventListener('abort', onAbort);
  }
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export class PartialUploads {
  private readonly active = new Map<string, Active>();

  constructor(readonly root: string, private readonly now: () => number = Date.now) {}

  /** Account ids are never used as file names as they are: a fixed-length hex name per account. */
  private dirOf(userId: string): string {
    return join(this.root, createHash('sha256').update(userId).digest('hex').slice(0, 32));
  }

  pathOf(userId: string, sha256: string): string {
    return join(this.dirOf(userId), `${sha256}.part`);
  }

  private async endActive(key: string): Promise<void> {
    for (let current = this.active.get(key); current; current = this.active.get(key)) {
      current.controller.abort();
      await current.done;
    }
  }

  /**
   * How many bytes of this upload the server holds (0: none). A request still open on a dead link receives
   * nothing more, so this is where the PATCH that takes over from it will start.
   */
  async offset(userId: string, sha256: string): Promise<number> {
    return (await sizeOf(this.pathOf(userId, sha256))) ?? 0;
  }

  async remove(userId: string, sha256: string): Promise<void> {
    await rm(this.pathOf(userId, sha256), { force: true });
  }

  /**
   * Writes a body into the upload at `offset`, then gives the outcome to `answer` (which checks and stores a
   * complete upload, or answers how much is held), the upload still this request's own until `answer` ends.
   * Throws 409 offset-mismatch when the server holds another number of bytes, 413 past maxBytes, 400 past `total`
   * (those two drop the upload); a broken or taken-over body keeps what arrived, synced, and rethrows.
   */
  async append<T>(userId: string, sha256: string, req: AppendRequest, answer: (appended: Appended) => Promise<T>): Promise<T> {
    const key = this.pathOf(userId, sha256);
    if (this.active.has(key)) req.onWait?.();
    // Checked again after the wait and set with no await in between: the newest request is the one that writes.
    do await this.endActive(key); while (this.active.has(key));
    let finished!: () => void;
    const controller = new AbortController();
    this.active.set(key, { controller, done: new Promise<void>((resolve) => { finished = resolve; }) });
    try {
      return await answer(await this.write(userId, sha256, req, controller.signal));
    } finally {
      this.active.delete(key);
      finished();
    }
  }

  private async write(userId: string, sha256: string, req: AppendRequest, signal: AbortSignal): Promise<Appended> {
    const path = this.pathOf(userId, sha256);
    const held = await sizeOf(path);
    if (!req.startOver && (held ?? 0) !== req.offset) throw new OffsetMismatch(held ?? 0);
    if (held === undefined) await this.makeRoomFor(userId);

    const hash = createHash('sha256');
    // Every byte, while the upload came in this one request and is small enough to hold: the checks that read
    // the whole photo then need not read the file back, and its head is its first bytes. Otherwise the first
    // HEAD_BYTES are copied aside as they come.
    let whole: Uint8Array[] | undefined = req.offset === 0 ? [] : undefined;
    let head: Buffer | undefined;
    let headLength = 0;
    const copyHead = (chunk: Uint8Array) => {
      if (headLength >= HEAD_BYTES) return;
      head ??= Buffer.allocUnsafe(HEAD_BYTES);
      const n = Math.min(chunk.byteLength, HEAD_BYTES - headLength);
      head.set(chunk.subarray(0, n), headLength);
      headLength += n;
    };
    // The bytes held already are hashed again (a hash's state cannot be stored): a few hundred KB.
    if (req.offset > 0) {
      for await (const chunk of createReadStream(path, { end: req.offset - 1 })) {
        hash.update(chunk as Buffer);
        copyHead(chunk as Buffer);
      }
    }

    let bytes = req.offset;
    let file: FileHandle | undefined = await open(path, req.offset === 0 ? 'w' : 'r+', PRIVATE_FILE);
    const writer = new WriteBehind(file, req.offset);
    try {
      await file.chmod(PRIVATE_FILE);
      for await (const chunk of untilAborted(req.chunks, signal, req.cancel)) {
        bytes += chunk.byteLength;
        if (bytes > req.maxBytes) throw tooLarge(req.maxBytes);
        if (req.total !== undefined && bytes > req.total) throw badRequest(`Ảnh gửi lên dài hơn ${req.total} byte đã báo (Upload-Length)`);
        hash.update(chunk);
        if (whole && bytes > WHOLE_BYTES) {
          for (const kept of whole) copyHead(kept);
          whole = undefined;
        }
        if (whole) whole.push(chunk);
        else copyHead(chunk);
        await writer.add(chunk);
      }
      await writer.done();
      // Synced either way: an unfinished upload for the phone to finish later; a finished one before it is
      // checked and moved into place (photos/store.ts), which needs its bytes on disk first.
      await file.sync();
      await file.close();
      file = undefined;
    } catch (err) {
      // A dropped or taken-over body keeps what arrived; anything else (a refusal, a full disk) drops the upload.
      const keep = err instanceof ClientAborted;
      if (file) {
        await writer.done().catch(() => {});
        if (keep) await file.sync().catch(() => {});
        await file.close().catch(() => {});
      }
      if (!keep) await rm(path, { force: true });
      throw err;
    }
    if (req.total !== undefined && bytes < req.total) return { complete: false, offset: bytes };
    const all = whole && (whole.length === 1 ? whole[0]! : Buffer.concat(whole, bytes));
    return {
      complete: true,
      received: { sha256: hash.digest('hex'), bytes, head: all ? all.subarray(0, HEAD_BYTES) : (head ?? Buffer.alloc(0)).subarray(0, headLength), tempPath: path, whole: all },
    };
  }

  /** Before a new upload of this account: its oldest unfinished ones go beyond MAX_PARTIALS_PER_USER - 1. */
  private async makeRoomFor(userId: string): Promise<void> {
    const dir = this.dirOf(userId);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.part'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await makePrivateDir(dir);
      return;
    }
    if (names.length < MAX_PARTIALS_PER_USER) return;
    const aged = await Promise.all(names.map(async (name) => ({ name, mtime: (await stat(join(dir, name)).catch(() => undefined))?.mtimeMs ?? 0 })));
    aged.sort((a, b) => a.mtime - b.mtime);
    for (const { name } of aged.slice(0, names.length - MAX_PARTIALS_PER_USER + 1)) {
      if (!this.active.has(join(dir, name))) await rm(join(dir, name), { force: true });
    }
  }

  /** Removes unfinished uploads untouched for PARTIAL_TTL_MS (and folders left empty). Returns how many. */
  async expire(): Promise<number> {
    let removed = 0;
    const cutoff = this.now() - PARTIAL_TTL_MS;
    await makePrivateDir(this.root);
    for (const account of await readdir(this.root)) {
      const dir = join(this.root, account);
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        const info = await stat(join(dir, name)).catch(() => undefined);
        if (info && info.mtimeMs < cutoff && !this.active.has(join(dir, name))) {
          await rm(join(dir, name), { force: true });
          removed++;
        }
      }
      if ((await readdir(dir).catch(() => ['?'])).length === 0) await rm(dir, { recursive: true, force: true });
    }
    return removed;
  }
}
