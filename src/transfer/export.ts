// Exports every unsent case (draft or queued) with its photos into one ZIP (layout in ./format.ts).
// Lazy-loaded by the "Bộ nhớ và sao lưu" screen: keep it free of UI code.
//
// Memory: the whole ZIP is built in memory, which is fine at the expected scale (tens of cases, a few photos
// of ≤ ~500 KB each: tens of MB). Photo bytes are read a few at a time and each batch's output is folded into
// a Blob straight away, so JS holds one batch at once and the browser may keep the rest out of the heap.
import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';
import { UNSENT_STATUSES, type GuongSangDb } from '../db/database';
import { blobHashesOf } from '../db/cases';
import { MANIFEST_PATH, TransferError, buildManifest, exportFileName, photoPath } from './format';

export { TransferError } from './format';

export interface ExportResult {
  blob: Blob;
  fileName: string;
  caseCount: number;
  /** Photos in the file, each counted once (thumbnails travel too but are not counted). */
  photoCount: number;
}

const BATCH = 8;

/** Throws a TransferError when there is nothing to export or a photo is missing from this device. */
export async function exportUnsent(db: GuongSangDb, now = Date.now()): Promise<ExportResult> {
  // One read transaction: a photo deleted by an autosave halfway through cannot leave the file incomplete.
  // Only IndexedDB reads are awaited inside it; zipping is synchronous.
  return db.transaction('r', [db.cases, db.blobs], async () => {
    const cases = await db.cases.where('status').anyOf(UNSENT_STATUSES).sortBy('id');
    if (cases.length === 0) throw new TransferError('Không có hồ sơ nào chưa gửi để sao lưu.');

    const hashes = [...new Set(cases.flatMap((c) => blobHashesOf(c.fields.photos)))];
    const present = new Set(await db.blobs.where('sha256').anyOf(hashes).primaryKeys());
    const broken = cases.filter((c) => blobHashesOf(c.fields.photos).some((h) => !present.has(h)));
    if (broken.length > 0) {
      const names = broken.map((c) => `"${c.fields.subjectName?.trim() || 'chưa có tên'}"`).join(', ');
      throw new TransferError(
        `Không tìm thấy ảnh của hồ sơ ${names} trên máy này nên chưa xuất được tệp. Hãy mở hồ sơ đó (bấm "Sửa lại" nếu đã hoàn tất), xoá ảnh bị lỗi rồi xuất lại.`,
      );
    }

    const parts: Blob[] = [];
    let chunks: Uint8Array<ArrayBuffer>[] = [];
    let failure: Error | null = null;
    // ZipDeflate and ZipPassThrough are the synchronous streams: every chunk arrives before push() returns.
    const zip = new Zip((err, data) => {
      if (err) failure = err;
      else chunks.push(data);
    });
    const flush = () => {
      if (failure) throw failure;
      parts.push(new Blob(chunks));
      chunks = [];
    };

    const manifest = new ZipDeflate(MANIFEST_PATH, { level: 6 });
    zip.add(manifest);
    manifest.push(strToU8(JSON.stringify(buildManifest(cases, now))), true);
    flush();

    for (let i = 0; i < hashes.length; i += BATCH) {
      for (const stored of await db.blobs.bulkGet(hashes.slice(i, i + BATCH))) {
        if (!stored) continue; // cannot happen: checked above in this same transaction
        // Stored (level 0): JPEG bytes do not compress, deflating them only costs a slow phone time.
        const entry = new ZipPassThrough(photoPath(stored.sha256));
        zip.add(entry);
        entry.push(new Uint8Array(stored.bytes), true);
      }
      flush();
    }
    zip.end();
    flush();

    return {
      blob: new Blob(parts, { type: 'application/zip' }),
      fileName: exportFileName(cases.length, now),
      caseCount: cases.length,
      photoCount: new Set(cases.flatMap((c) => c.fields.photos.map((p) => p.sha256))).size,
    };
  });
}
