// HEAD/GET/PUT/PATCH /api/photos/{sha256}. PUT takes the raw JPEG bytes, PATCH the rest of them after a dropped
// link (partial.ts); once the last byte is in, the server re-hashes the whole and refuses a mismatch, checks the
// header is a JPEG of sane size without metadata and that bytes new to the caller fit in their account's quota
// (507) and on the data disk (507 disk-full), and records the caller as an uploader of those bytes (written once,
// whoever sends them first). HEAD answers "did I upload this?" for the caller only, and, when not, how many bytes
// of it they have sent (Upload-Offset). GET serves a photo only through a case the caller may read.
import { Hono, type Context } from 'hono';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { readImageHeader } from '../../shared/image-header';
import { SHA256_PATTERN } from '../../shared/sync-protocol';
import type { Deps } from '../deps';
import { requireRoomForBody } from '../disk/space';
import { bodyChunks, cancelBody, checkDeclaredLength, guarded, requireContentType } from '../http/body';
import type { SignedInEnv } from '../http/context';
import { notModified } from '../http/etag';
import { ApiFailure, badRequest, tooLarge } from '../http/errors';
import { lockAccount, takeRoom } from '../accounts/quota';
import { writeTransaction } from '../db/transaction';
import { metadataSegment } from './metadata';
import { OffsetMismatch, type Appended } from './partial';
import { addOwner, canReadPhoto, findPhoto, insertPhoto, ownsPhoto } from './repo';

/** Far beyond what the phone sends (1600 px), far below a decompression bomb. */
export const MAX_PHOTO_SIDE = 8192;
const JPEG_TYPE = /^image\/jpeg\s*(;|$)/i;
const RESUME_TYPE = /^application\/offset\+octet-stream\s*(;|$)/i;
export const PHOTO_CACHE = 'private, max-age=300, must-revalidate';

export interface PhotoUploaded { sha256: string; bytes: number; width: number; height: number; created: boolean }

/** A header holding a whole number of bytes (Upload-Offset, Upload-Length): 400 otherwise. */
function headerInteger(value: string | undefined, name: string): number {
  if (!/^\d{1,12}$/.test(value ?? '')) throw badRequest(`Cần tiêu đề ${name} là một số byte`);
  return Number(value);
}

function checkSha(sha: string): string {
  if (!SHA256_PATTERN.test(sha)) throw badRequest('Mã ảnh phải là SHA-256 (64 ký tự 0-9, a-f)', [{ path: 'sha256', message: 'Mã ảnh không hợp lệ' }]);
  return sha;
}

export function photoRoutes({ db, config, photos, metrics, log }: Deps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();

  /** A request for an upload whose earlier request is still open (a dead link's, or one being stored) waits for it. */
  const waitLogger = (sha256: string) => () => log.info('photo upload waits for its earlier request', { sha256 });

  // Hono answers HEAD with the GET route (and drops the body).
  app.get('/:sha256', async (c) => {
    const sha256 = checkSha(c.req.param('sha256'));
    const { user } = c.var;
    const head = c.req.method === 'HEAD';
    const row = await storedRow(sha256);
    if (!row || !(await (head ? ownsPhoto(db, sha256, user.id) : canReadPhoto(db, sha256, user)))) {
      // HEAD is how a phone asks before sending: it also learns how much of an upload a dropped link cut arrived.
      const resume = head ? { 'Upload-Offset': String(await photos.partials.offset(user.id, sha256)) } : undefined;
      throw new ApiFailure(404, { error: 'not-found', message: 'Máy chủ chưa có ảnh này' }, resume);
    }
    const headers = { 'Content-Type': 'image/jpeg', 'Content-Length': String(row.bytes) };
    if (head) return c.body(null, 200, headers);
    // Not kept for long on a shared office PC: the browser asks again after a few minutes (a 304 when unchanged).
    c.header('Cache-Control', PHOTO_CACHE);
    c.header('ETag', `"${sha256}"`);
    if (notModified(c, `"${sha256}"`)) return c.body(null, 304);
    return c.body(Readable.toWeb(photos.read(sha256)) as ReadableStream<Uint8Array>, 200, headers);
  });

  // PUT: a whole photo, from its first byte, whatever was held. PATCH: from Upload-Offset, which must be what the
  // server holds (HEAD says it; 0 for a new upload): the phone sends every photo this way, so a request replayed
  // by the browser itself after a dropped connection is answered 409 with the right offset before its body,
  // instead of discarding what arrived. Both keep what arrives when the link drops again (partial.ts).
  app.put('/:sha256', async (c) => {
    const sha256 = checkSha(c.req.param('sha256'));
    requireContentType(c, JPEG_TYPE, 'image/jpeg');
    checkDeclaredLength(c, config.maxPhotoBytes);
    // A full disk is refused before the body is read (disk/space.ts); one that fills meanwhile fails the write.
    await requireRoomForBody(config, c.req.header('content-length'), config.maxPhotoBytes);
    const declared = c.req.header('content-length');
    // A client starting over although part of the photo is here (HEAD says so): worth seeing in the logs when
    // uploads over bad links cost more than they should.
    const held = await photos.partials.offset(c.var.user.id, sha256);
    if (held > 0) log.info('photo upload started over', { sha256, discarded: held });
    return photos.partials.append(c.var.user.id, sha256, {
      offset: 0, startOver: true, total: declared === undefined ? undefined : Number(declared), maxBytes: config.maxPhotoBytes,
      chunks: guarded(bodyChunks(c)), cancel: cancelBody(c), onWait: waitLogger(sha256),
    }, (appended) => finish(c, sha256, appended));
  });

  app.patch('/:sha256', async (c) => {
    const sha256 = checkSha(c.req.param('sha256'));
    requireContentType(c, RESUME_TYPE, 'application/offset+octet-stream');
    const offset = headerInteger(c.req.header('upload-offset'), 'Upload-Offset');
    const total = headerInteger(c.req.header('upload-length'), 'Upload-Length');
    if (total > config.maxPhotoBytes) throw tooLarge(config.maxPhotoBytes);
    if (offset > total) throw badRequest('Upload-Offset không được lớn hơn Upload-Length');
    if (Number(c.req.header('content-length') ?? 0) > total - offset) throw badRequest('Phần gửi tiếp dài hơn số byte còn lại của ảnh (Upload-Length)');
    await requireRoomForBody(config, c.req.header('content-length'), total - offset);
    try {
      return await photos.partials.append(c.var.user.id, sha256, {
        offset, total, maxBytes: total, chunks: guarded(bodyChunks(c)), cancel: cancelBody(c), onWait: waitLogger(sha256),
      }, async (appended) => {
        if (!appended.complete) return c.body(null, 204, { 'Upload-Offset': String(appended.offset) });
        return finish(c, sha256, appended);
      });
    } catch (err) {
      // Nothing held past byte 0 because the upload is stored: a link that dropped before the answer, the phone
      // asking HEAD while it was being stored. 409 at 0 would have it send the whole photo again.
      const stored = err instanceof OffsetMismatch && err.held === 0 ? await storedFor(c.var.user.id, sha256) : undefined;
      if (stored) return c.json(stored, 200);
      throw err;
    }
  });

  /** The photo's row, when its file is stored too. */
  async function storedRow(sha256: string) {
    const row = await findPhoto(db, sha256);
    return row && (await photos.has(sha256)) ? row : undefined;
  }

  /** The answer to an upload of a photo this account already holds; undefined when it does not. */
  async function storedFor(userId: string, sha256: string): Promise<PhotoUploaded | undefined> {
    const row = await storedRow(sha256);
    if (!row || !(await ownsPhoto(db, sha256, userId))) return undefined;
    return { sha256, bytes: Number(row.bytes), width: Number(row.width), height: Number(row.height), created: false };
  }

  /** The last byte arrived: the checks a one-piece upload gets, then the photo is stored (or, known, dropped). */
  async function finish(c: Context<SignedInEnv>, sha256: string, appended: Appended): Promise<Response> {
    const { user } = c.var;
    if (!appended.complete) throw badRequest('Ảnh gửi lên chưa đủ số byte đã báo');
    const { received } = appended;
    try {
      if (received.sha256 !== sha256) {
        throw new ApiFailure(422, { error: 'hash-mismatch', message: 'Ảnh nhận được không khớp mã SHA-256 của nó (có thể bị hỏng trên đường truyền), hãy gửi lại' });
      }
      const header = readImageHeader(received.head);
      if (!header.ok || header.header.type !== 'image/jpeg') {
        const isJpeg = header.ok ? false : header.type === 'image/jpeg';
        throw new ApiFailure(isJpeg ? 422 : 415, {
          error: 'not-jpeg',
          message: isJpeg ? 'Tệp JPEG bị hỏng hoặc không đầy đủ' : 'Ảnh phải ở định dạng JPEG',
        });
      }
      const { width, height } = header.header;
      if (width > MAX_PHOTO_SIDE || height > MAX_PHOTO_SIDE) {
        throw new ApiFailure(422, { error: 'invalid', message: `Kích thước ảnh ${width}×${height} không hợp lý (tối đa ${MAX_PHOTO_SIDE} điểm ảnh mỗi cạnh)` });
      }
      const metadata = metadataSegment(received.whole ?? await readFile(received.tempPath!));
      if (metadata) {
        throw new ApiFailure(422, { error: 'invalid', message: `Ảnh còn chứa siêu dữ liệu ${metadata}, có thể có vị trí GPS, thông tin máy ảnh hoặc ghi chú. Máy chủ không nhận ảnh này: hãy gửi ảnh đã xoá siêu dữ liệu (ứng dụng Gương Sáng tự xoá khi chụp)` });
      }
      const at = new Date().toISOString();
      const known = (await storedRow(sha256)) !== undefined;
      // Its bytes were synced as it was received (partial.ts), outside any transaction: uploads at once sync
      // theirs together. Inside it, after the quota, the file is renamed into place: a refusal leaves neither file
      // nor row. The folder's fsync runs just before the commit, one for all the uploads of that commit into the
      // folder; the row is committed after it, so a photos row always names a durable file.
      const created = await writeTransaction(db, async (tx, commit) => {
        await lockAccount(tx, user.id);
        if (!(await ownsPhoto(tx, sha256, user.id))) await takeRoom(tx, user.id, received.bytes, config.accountQuotaBytes);
        let inserted = false;
        if (!known) {
          const dirs = await photos.place(received.tempPath!, sha256);
          received.tempPath = undefined;
          for (const dir of dirs) commit.before(`fsync ${dir}`, () => photos.syncFolder(dir));
          inserted = await insertPhoto(tx, { sha256, bytes: received.bytes, width, height, uploaded_by: user.id, created_at: at });
        }
        await addOwner(tx, sha256, user.id, at);
        return inserted;
      });
      metrics.photoAccepted(created, received.bytes);
      const answer: PhotoUploaded = { sha256, bytes: received.bytes, width, height, created };
      return c.json(answer, created ? 201 : 200);
    } finally {
      // Refused or already stored: these bytes are of no further use (a refused upload starts over).
      await photos.discard(received.tempPath);
    }
  }

  return app;
}
