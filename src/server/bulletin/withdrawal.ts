// Taking a case off the bulletin because its subject withdrew consent to publication (published → commended).
// The withdrawal is recorded in the case itself, not only in the audit log: a new revision whose fields say
// "no consent", written by the reviewer, so the phone, the exports and a later "Đăng tin" (refused) all see it.
import type { CaseFields } from '../../shared/case-schema';
import { canonicalJson, sha256Hex } from '../cases/canonical';
import { updateCase, type CaseRow } from '../cases/repo';
import { storedFields } from '../cases/stored-fields';
import type { Tx } from '../db/transaction';

/** Writes the revision that withdraws consent (the caller sets the status and appends the event); its number. */
export async function recordConsentWithdrawn(tx: Tx, row: CaseRow, reviewerId: string, at: string): Promise<number> {
  const fields: CaseFields = { ...storedFields(row), consentPublication: false, consentPublicationAt: null };
  const json = canonicalJson(fields);
  const revision = row.revision + 1;
  await updateCase(tx, { caseId: row.id, revision, fields, json, contentHash: sha256Hex(json), authorId: reviewerId, at }, 'commended');
  return revision;
}
