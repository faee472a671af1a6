// What the phones were told: every receipt they accepted (a 200/201 they kept), so the end of the run can check
// the server against it. The content hash is computed as the server does (the fields as CasePutSchema parses
// them, canonical JSON, SHA-256), so "the latest acknowledged revision" is checked by content, not only by number.
import * as v from 'valibot';
import { canonicalJson, sha256Hex } from '../../../src/server/cases/canonical';
import type { CaseFields } from '../../../src/shared/case-schema';
import { CasePutSchema } from '../../../src/shared/sync-schemas';

export interface Acked {
  owner: string;
  /** The unique name the case was created with: two server cases with one name would be a duplicate. */
  marker: string;
  revision: number;
  contentHash: string;
  /** Every revision number a receipt named (a replay names one again). */
  revisions: Map<number, string>;
}

export const contentHash = (fields: CaseFields): string =>
  sha256Hex(canonicalJson(v.parse(CasePutSchema, { baseRevision: 0, fields }).fields));

export class Ledger {
  readonly acked = new Map<string, Acked>();
  created = 0;
  revised = 0;
  replays = 0;
  /** Receipts a phone dropped on purpose (a lost answer), then asked for again. */
  lostAnswers = 0;

  accept(caseId: string, owner: string, marker: string, revision: number, hash: string, replay: boolean): void {
    let a = this.acked.get(caseId);
    if (!a) this.acked.set(caseId, (a = { owner, marker, revision, contentHash: hash, revisions: new Map() }));
    if (revision >= a.revision) {
      a.revision = revision;
      a.contentHash = hash;
    }
    if (!a.revisions.has(revision)) {
      a.revisions.set(revision, hash);
      if (revision === 1) this.created++;
      else this.revised++;
    }
    if (replay) this.replays++;
  }
}
