// Imports a file made by ./export.ts on another browser or phone. Everything is checked before anything is
// written (manifest, every photo's hash, every referenced photo present), then all writes happen in one
// transaction: a refused file or a full disk leaves the device exactly as it was.
// Lazy-loaded by the "Bộ nhớ và sao lưu" screen: keep it free of UI code.
import { strFromU8 } from 'fflate';
import type { GuongSangDb, LocalCase } from '../db/database';
import { writeTransaction } from '../db/errors';
import { dropOrphanBlobs } from '../db/cases';
import { enqueue } from '../db/outbox';
import { sha256Hex } from '../shared/hash';
import { unzipWithBudget } from './unzip';
import { DAMAGED, MANIFEST_PATH, NOT_AN_EXPORT, PHOTO_TYPE, TransferError, hashFromPath, isUnsent, parseManifest } from './format';

export { TransferError } from './format';

export interface ImportResult {
  /** Cases that were not on this device. */
  added: number;
  /** Cases replaced by a newer copy from the file. */
  updated: number;
  /** Cases this device already had in the same or a newer version (or has already sent). */
  skipped: number;
  /** Photos newly stored on this device (thumbnails not counted). */
  photos: number;
}

// Also matches entries under one folder, for a backup someone unzipped on a computer and zipped again.
const WANTED = /(^|\/)(cases\.json|photos\/[0-9a-f]{64}\.jpg)$/;
const isWanted = (name: string) => !name.startsWith('__MACOSX/') && WANTED.test(name);

/** IndexedDB stores the ArrayBuffer whole, so hand it one that holds exactly these bytes. */
const ownBuffer = (u8: Uint8Array<ArrayBuffer>): ArrayBuffer =>
  u8.byteOffset === 0 && u8.byteLength === u8.buffer.byteLength ? u8.buffer : u8.slice().buffer;

interface CheckedFile { cases: LocalCase[]; photos: Map<string, ArrayBuffer> }

async function readExport(file: Blob): Promise<CheckedFile> {
  const entries = unzipWithBudget(new Uint8Array(await file.arrayBuffer()), isWanted);
  const manifestPath = Object.keys(entries)
    .filter((name) => name === MANIFEST_PATH || name.endsWith(`/${MANIFEST_PATH}`))
    .sort((a, b) => a.length - b.length)[0];
  if (manifestPath === undefined) throw new TransferError(NOT_AN_EXPORT);
  const root = manifestPath.slice(0, -MANIFEST_PATH.length);

  let json: unknown;
  try {
    json = JSON.parse(strFromU8(entries[manifestPath]!));
  } catch (error) {
    throw new TransferError(DAMAGED, { cause: error });
  }
  const { cases } = parseManifest(json);

  const photos = new Map<string, ArrayBuffer>();
  for (const [name, bytes] of Object.entries(entries)) {
    const claimed = name.startsWith(root) ? hashFromPath(name.slice(root.length)) : null;
    if (claimed === null) continue;
    if ((await sha256Hex(bytes)) !== claimed) {
      throw new TransferError(DAMAGED, { cause: new Error(`photo ${claimed} does not match its hash`) });
    }
    photos.set(claimed, ownBuffer(bytes));
    delete entries[name]; // let the copy in the unzipped map go as soon as it is checked
  }
  const missing = cases.flatMap((c) => c.blobHashes).find((h) => !photos.has(h));
  if (missing !== undefined) throw new TransferError(DAMAGED, { cause: new Error(`photo ${missing} is missing`) });
  return { cases, photos };
}

async function writeCases(db: GuongSangDb, { cases, photos }: CheckedFile): Promise<ImportResult> {
  const result: ImportResult = { added: 0, updated: 0, skipped: 0, photos: 0 };
  for (const incoming of cases) {
    const local = await db.cases.get(incoming.id);
    // Same id = same case. The newer edit wins; a case this device has already sent is never touched.
    if (local && (local.updatedAt >= incoming.updatedAt || !isUnsent(local.status))) {
      result.skipped++;
      continue;
    }
    const hashes = [...new Set(incoming.blobHashes)];
    const present = new Set(await db.blobs.where('sha256').anyOf(hashes).primaryKeys());
    await db.blobs.bulkPut(
      hashes.filter((h) => !present.has(h)).map((h) => ({ sha256: h, bytes: photos.get(h)!, type: PHOTO_TYPE })),
    );
    result.photos += incoming.fields.photos.filter((p) => !present.has(p.sha256)).length;
    await db.cases.put(incoming);
    // The file says nothing of who recorded a case: like one recorded before anyone signed in, it has no owner
    // (nor has its entry) until the next sign-in adopts it.
    if (incoming.status === 'queued') {
      await enqueue(db, incoming, incoming.finalisedAt ?? incoming.updatedAt);
    } else {
      await db.outbox.delete(incoming.id); // reopened for correction on the other device
    }
    if (local) {
      await dropOrphanBlobs(db, local.blobHashes.filter((h) => !hashes.includes(h)));
      result.updated++;
    } else {
      result.added++;
    }
  }
  return result;
}

/**
 * Imports a backup file. Throws a TransferError (Vietnamese message) when the file is not a valid export, or a
 * StorageError when the device cannot store it; in both cases nothing on the device has changed.
 */
export async function importFile(db: GuongSangDb, file: Blob): Promise<ImportResult> {
  const checked = await readExport(file);
  return writeTransaction(db, [db.cases, db.blobs, db.outbox], () => writeCases(db, checked));
}
