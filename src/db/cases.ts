// Repository functions for cases and their photos. Each takes the db, so tests pass their own and callers can
// compose them; each write is one transaction (a case and its photos are saved together or not at all).
import { emptyDraft, CASE_LIMITS } from '../shared/case-limits';
import type { DraftFields, PhotoRef } from '../shared/case-schema';
import { uuidv7 } from '../shared/ids';
import type { GuongSangDb, LocalCase } from './database';
import { guardWrite, writeTransaction } from './errors';

export interface NewPhoto {
  sha256: string; bytes: ArrayBuffer; width: number; height: number;
  thumbSha256: string; thumb: ArrayBuffer;
}

/** Fields the form edits directly; photos change only through addPhoto/removePhoto/setPhotoCaption. */
export type EditableFields = Omit<DraftFields, 'photos'>;

export const blobHashesOf = (photos: readonly PhotoRef[]) => photos.flatMap((p) => [p.sha256, p.thumbSha256]);

export class CaseNotEditableError extends Error {
  constructor() { super('Hồ sơ này đã hoàn tất, không sửa được. Bấm "Sửa lại" để mở lại.'); }
}

export async function createDraft(
  db: GuongSangDb, initial: Partial<EditableFields> = {}, options: { ownerId?: string; now?: number } = {},
): Promise<LocalCase> {
  const { ownerId, now = Date.now() } = options;
  const record: LocalCase = {
    id: uuidv7(now), status: 'draft', createdAt: now, updatedAt: now,
    fields: { ...emptyDraft(), ...initial }, blobHashes: [],
  };
  if (ownerId) record.ownerId = ownerId;
  await guardWrite(() => db.cases.add(record));
  return record;
}

export const getCase = (db: GuongSangDb, id: string) => db.cases.get(id);

/** The cases a user sees on this phone: their own; signed out, only those recorded before anyone signed in. */
export const listCases = (db: GuongSangDb, ownerId: string | undefined) =>
  ownerId ? db.cases.where('ownerId').equals(ownerId).toArray() : db.cases.filter((c) => c.ownerId === undefined).toArray();

/** The draft `id`, read inside the caller's write transaction; refuses a case that is no longer a draft. */
export async function readDraft(db: GuongSangDb, id: string): Promise<LocalCase> {
  const current = await db.cases.get(id);
  if (!current) throw new Error(`case ${id} not found`);
  if (current.status !== 'draft') throw new CaseNotEditableError();
  return current;
}

/** Reads, changes and writes one draft inside a transaction. */
function updateDraft(db: GuongSangDb, id: string, change: (c: LocalCase) => LocalCase) {
  return writeTransaction(db, [db.cases], async () => {
    const next = change(await readDraft(db, id));
    await db.cases.put(next);
    return next;
  });
}

export function saveDraftFields(db: GuongSangDb, id: string, fields: EditableFields, now = Date.now()) {
  return updateDraft(db, id, (c) => ({ ...c, updatedAt: now, fields: { ...fields, photos: c.fields.photos } }));
}

export async function addPhoto(db: GuongSangDb, caseId: string, photo: NewPhoto, caption = '', now = Date.now()) {
  return writeTransaction(db, [db.cases, db.blobs], async () => {
    const current = await readDraft(db, caseId);
    if (current.fields.photos.some((p) => p.sha256 === photo.sha256)) return current;
    if (current.fields.photos.length >= CASE_LIMITS.photos) throw new Error(`Mỗi hồ sơ có tối đa ${CASE_LIMITS.photos} ảnh.`);
    await db.blobs.bulkPut([
      { sha256: photo.sha256, bytes: photo.bytes, type: 'image/jpeg' },
      { sha256: photo.thumbSha256, bytes: photo.thumb, type: 'image/jpeg' },
    ]);
    const ref: PhotoRef = {
      sha256: photo.sha256, caption, width: photo.width, height: photo.height, bytes: photo.bytes.byteLength,
      thumbSha256: photo.thumbSha256, thumbBytes: photo.thumb.byteLength,
    };
    const photos = [...current.fields.photos, ref];
    const next: LocalCase = { ...current, updatedAt: now, fields: { ...current.fields, photos }, blobHashes: blobHashesOf(photos) };
    await db.cases.put(next);
    return next;
  });
}

/** Deletes blobs that no case references any more. Call inside a transaction that covers cases and blobs. */
export async function dropOrphanBlobs(db: GuongSangDb, hashes: readonly string[]) {
  for (const hash of hashes) {
    if ((await db.cases.where('blobHashes').equals(hash).count()) === 0) await db.blobs.delete(hash);
  }
}

export async function removePhoto(db: GuongSangDb, caseId: string, sha256: string, now = Date.now()) {
  return writeTransaction(db, [db.cases, db.blobs], async () => {
    const current = await readDraft(db, caseId);
    const removed = current.fields.photos.filter((p) => p.sha256 === sha256);
    const photos = current.fields.photos.filter((p) => p.sha256 !== sha256);
    await db.cases.put({ ...current, updatedAt: now, fields: { ...current.fields, photos }, blobHashes: blobHashesOf(photos) });
    await dropOrphanBlobs(db, blobHashesOf(removed));
  });
}

export function setPhotoCaption(db: GuongSangDb, caseId: string, sha256: string, caption: string, now = Date.now()) {
  return updateDraft(db, caseId, (c) => ({
    ...c, updatedAt: now,
    fields: { ...c.fields, photos: c.fields.photos.map((p) => (p.sha256 === sha256 ? { ...p, caption } : p)) },
  }));
}

/** The case, its outbox entry and the photos no other case uses, gone. Call inside a transaction that covers
 *  cases, blobs and the outbox. */
export async function removeLocalCase(db: GuongSangDb, c: LocalCase) {
  await db.cases.delete(c.id);
  await db.outbox.delete(c.id);
  await dropOrphanBlobs(db, [...new Set([...c.blobHashes, ...blobHashesOf(c.fields.photos)])]);
}

export async function deleteCase(db: GuongSangDb, id: string) {
  return writeTransaction(db, [db.cases, db.blobs, db.outbox], async () => {
    const current = await db.cases.get(id);
    if (current) await removeLocalCase(db, current);
  });
}

export async function getBlob(db: GuongSangDb, sha256: string): Promise<Blob | undefined> {
  const stored = await db.blobs.get(sha256);
  return stored && new Blob([stored.bytes], { type: stored.type });
}

/** Total bytes of a case's photos and thumbnails, as stored on the phone. */
export const caseBytes = (c: LocalCase) => c.fields.photos.reduce((n, p) => n + p.bytes + p.thumbBytes, 0);
