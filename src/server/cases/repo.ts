// The cases and case_revisions tables, and the photos a case uses.
import type { CaseFields } from '../../shared/case-schema';
import { caseSearchText } from '../../shared/case-search';
import type { ServerCase, ServerStatus } from '../../shared/sync-protocol';
import type { Selectable } from 'kysely';
import type { CasesTable } from '../db/schema';
import type { Tx } from '../db/transaction';
import { storedFields } from './stored-fields';

export type CaseRow = Selectable<CasesTable>;

export function findCase(db: Tx, id: string) {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export function toServerCase(row: CaseRow): ServerCase {
  return { caseId: row.id, revision: row.revision, status: row.status, fields: storedFields(row), updatedAt: row.updated_at };
}

/** Copies of the fields the review workspace filters and sorts on. */
function filterColumns(fields: CaseFields) {
  return {
    commune_code: fields.communeCode,
    subject_kind: fields.subjectKind,
    subject_name: fields.subjectName,
    subject_category_id: fields.subjectCategoryId,
    movement_id: fields.movementId,
    field_of_life_id: fields.fieldOfLifeId,
    deed_date: fields.deedDate,
    search_text: caseSearchText(fields),
    ethnicity_code: fields.ethnicityCode ?? null,
    consent_publication: fields.consentPublication ? 1 : 0,
  };
}

export interface RevisionInput {
  caseId: string;
  revision: number;
  fields: CaseFields;
  json: string;          // canonical JSON of fields
  contentHash: string;
  authorId: string;
  at: string;
}

export async function insertCase(db: Tx, r: RevisionInput, status: ServerStatus): Promise<void> {
  await db.insertInto('cases').values({
    id: r.caseId, owner_id: r.authorId, status, revision: r.revision, content_hash: r.contentHash, fields: r.json,
    ...filterColumns(r.fields), created_at: r.at, updated_at: r.at, received_at: r.at,
  }).execute();
  await insertRevision(db, r);
}

export async function updateCase(db: Tx, r: RevisionInput, status: ServerStatus): Promise<void> {
  await db.updateTable('cases').set({
    status, revision: r.revision, content_hash: r.contentHash, fields: r.json,
    ...filterColumns(r.fields), updated_at: r.at, received_at: r.at,
  }).where('id', '=', r.caseId).execute();
  await insertRevision(db, r);
}

async function insertRevision(db: Tx, r: RevisionInput): Promise<void> {
  await db.insertInto('case_revisions').values({
    case_id: r.caseId, revision: r.revision, content_hash: r.contentHash, fields: r.json, author_id: r.authorId, created_at: r.at,
  }).execute();
}

/**
 * Records the photos and thumbnails the current revision uses, replacing the previous revision's (`replace`;
 * a new case has none).
 */
export async function setCasePhotos(db: Tx, caseId: string, hashes: readonly string[], replace = true): Promise<void> {
  if (replace) await db.deleteFrom('case_photos').where('case_id', '=', caseId).execute();
  const unique = [...new Set(hashes)];
  if (unique.length > 0) {
    await db.insertInto('case_photos').values(unique.map((sha256) => ({ case_id: caseId, sha256 }))).execute();
  }
}

/** Every photo and thumbnail hash the fields name, in order. */
export const photoHashes = (fields: CaseFields): string[] => fields.photos.flatMap((p) => [p.sha256, p.thumbSha256]);
