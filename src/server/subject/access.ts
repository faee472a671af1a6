// GET /api/review/cases/{id}/subject-access: everything the server holds about a case, in one ZIP for the person
// it names (an administrator or a province reviewer acting on their request): anh/<sha256>.jpg, every photo and
// thumbnail any revision listed that the server still holds, as stored; then ho-so.json, the current fields and
// status, every revision, the timeline (actors' names, comments, decisions) and the photos with their files.
import { readFile } from 'node:fs/promises';
import type { PhotoRef } from '../../shared/case-schema';
import { communeLabel } from '../../shared/reference';
import { serverStatusNames, type SessionUser } from '../../shared/sync-protocol';
import { inArea } from '../accounts/areas';
import { findCase, photoHashes, type CaseRow } from '../cases/repo';
import { storedFields } from '../cases/stored-fields';
import type { Tx } from '../db/transaction';
import { zipStream, type ZipEntry } from '../export/zip-writer';
import { erased, notFound } from '../http/errors';
import { storedAmong } from '../photos/repo';
import type { PhotoStore } from '../photos/store';
import { describeCase, revisionsOf } from '../review/detail';

/** The case a subject's request is about: 404 unknown or outside the caller's area (no hint), 410 erased. */
export async function subjectCase(db: Tx, user: SessionUser, id: string): Promise<CaseRow> {
  const row = await findCase(db, id);
  if (!row || !inArea(user.area, row.commune_code)) throw notFound('Không tìm thấy hồ sơ này');
  if (row.status === 'erased') throw erased();
  return row;
}

interface AccessPhoto extends Omit<PhotoRef, 'bytes' | 'thumbBytes'> {
  /** The revisions that listed it. */
  revisions: number[];
  /** Its file in the archive; null when the server no longer holds it. */
  file: string | null;
  thumbFile: string | null;
}

const photoFile = (sha256: string) => `anh/${sha256}.jpg`;

/** The archive's bytes; every check (who, which case) is made before the first byte. */
export async function subjectAccess(db: Tx, photos: PhotoStore, user: SessionUser, id: string): Promise<AsyncGenerator<Uint8Array>> {
  const row = await subjectCase(db, user, id);
  const [detail, revisionRows] = await Promise.all([describeCase(db, user, row), revisionsOf(db, id).execute()]);
  const revisions = revisionRows.map((r) => ({ revision: r.revision, at: r.created_at, author: r.display_name ?? null, fields: storedFields(r) }));

  const listed = new Map<string, AccessPhoto>();
  for (const { revision, fields } of revisions) {
    for (const { bytes: _b, thumbBytes: _t, ...p } of fields.photos) {
      const seen = listed.get(p.sha256)?.revisions ?? [];
      listed.set(p.sha256, { ...p, revisions: [...seen, revision], file: null, thumbFile: null });
    }
  }
  const held = await storedAmong(db, revisions.flatMap((r) => photoHashes(r.fields)));
  const document = {
    caseId: row.id, exportedAt: new Date().toISOString(), status: row.status, statusName: serverStatusNames[row.status],
    revision: row.revision, communeCode: row.commune_code, commune: communeLabel(row.commune_code), owner: detail.case.owner,
    createdAt: row.created_at, updatedAt: row.updated_at, receivedAt: row.received_at, publishedAt: row.published_at,
    commendation: { formId: row.commendation_form_id, decisionNumber: row.decision_number, decisionDate: row.decision_date },
    fields: detail.case.fields, revisions, timeline: detail.timeline, photos: [...listed.values()],
  };

  async function* entries(): AsyncGenerator<ZipEntry> {
    for (const photo of document.photos) {
      for (const [sha256, key] of [[photo.sha256, 'file'], [photo.thumbSha256, 'thumbFile']] as const) {
        // One photo in memory at a time; a file lost from disk is listed with no file rather than break the archive.
        const bytes = held.has(sha256) ? await readFile(photos.pathOf(sha256)).catch(() => undefined) : undefined;
        if (!bytes) continue;
        photo[key] = photoFile(sha256);
        yield { name: photoFile(sha256), data: [bytes], deflate: false };
      }
    }
    yield { name: 'ho-so.json', data: [new TextEncoder().encode(JSON.stringify(document, null, 2))], deflate: true };
  }
  return zipStream(entries());
}
