// Everything a batch's documents need, read once: the batch (header, council, decision, public notice) and each
// case in the batch's order with what its subject did, the form proposed (name and level from the editable list),
// the council's vote, the outcome and its photos. Used by the dossier's documents and the certificates.
// Nothing here that no document needs: never ethnicity, birth year, gender or the reporter's phone.
import type {
  Authority, BatchCase, BatchHeader, BatchStatus, CaseVote, CouncilMeeting, NotCommendedReturn,
} from '../../shared/batch-protocol';
import { communeLabel, type SubjectKind } from '../../shared/reference';
import type { ServerStatus } from '../../shared/sync-protocol';
import type { Tx } from '../db/transaction';
import { entriesById } from '../reference/repo';

export interface DossierPhoto { sha256: string; caption: string }

export interface DossierCase {
  caseId: string;
  /** The case's place in the batch (batch_cases.position). */
  position: number;
  subjectKind: SubjectKind;
  subjectName: string;
  /** Role and workplace of an individual ('' when not given). */
  workplaceOrRole: string;
  /** Thôn, bản or tổ dân phố. */
  village: string;
  communeCode: string;
  /** "Xã Mường Kim". */
  communeName: string;
  deedDate: string;
  deedPlace: string;
  deedDescription: string;
  result: string;
  formId: string;
  /** The form's name in the editable list ('' for an id no longer there: documents print the id). */
  formName: string;
  formLevel: string;
  vote: CaseVote | null;
  outcome: BatchCase['outcome'];
  status: ServerStatus;
  decisionNumber: string | null;
  decisionDate: string | null;
  /** Full-size photos of the current revision, in the case's order. */
  photos: DossierPhoto[];
}

export interface DossierBatch {
  id: string;
  status: BatchStatus;
  authority: Authority;
  area: string;
  publicId: string;
  header: BatchHeader;
  council: CouncilMeeting | null;
  decision: { number: string; date: string; authority: string; signer: string } | null;
  /** The public notice (Dân chủ, công khai), once posted, with how many comments arrived. */
  notice: { from: string; until: string; comments: number } | null;
  createdAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
}

export interface Dossier { batch: DossierBatch; cases: DossierCase[] }

interface StoredFields {
  subjectKind: SubjectKind; subjectName: string; workplaceOrRole?: string; village?: string; communeCode: string;
  deedDate: string; deedPlace?: string; deedDescription?: string; result?: string;
  photos?: Array<{ sha256: string; caption?: string }>;
}

function outcomeOf(row: { outcome: string | null; outcome_comment: string | null; return_to: string | null }): BatchCase['outcome'] {
  if (row.outcome === 'commended') return { commended: true };
  if (row.outcome === 'not_commended') {
    return { commended: false, comment: row.outcome_comment ?? '', returnTo: (row.return_to ?? 'appraising') as NotCommendedReturn };
  }
  return null;
}

/** The batch's dossier, or undefined when there is no such batch. Access is the caller's to check (mayManageBatch). */
export async function loadDossier(db: Tx, batchId: string): Promise<Dossier | undefined> {
  const b = await db.selectFrom('batches').selectAll().where('id', '=', batchId).executeTakeFirst();
  if (!b) return undefined;
  const rows = await db.selectFrom('batch_cases as bc')
    .innerJoin('cases as c', 'c.id', 'bc.case_id')
    .select([
      'bc.case_id', 'bc.position', 'bc.form_id', 'bc.vote_agree', 'bc.vote_voters', 'bc.outcome', 'bc.outcome_comment',
      'bc.return_to', 'c.fields', 'c.status', 'c.decision_number', 'c.decision_date',
    ])
    .where('bc.batch_id', '=', batchId)
    .orderBy('bc.position').orderBy('bc.case_id')
    .execute();
  const forms = await entriesById(db, 'commendationForms', rows.map((r) => r.form_id));
  let comments = 0;
  if (b.notice_from && b.notice_until) {
    const counted = await db.selectFrom('batch_comments').select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('batch_id', '=', batchId).executeTakeFirst();
    comments = Number(counted?.n ?? 0);
  }
  const batch: DossierBatch = {
    id: b.id,
    status: b.status,
    authority: b.authority,
    area: b.area,
    publicId: b.public_id,
    header: JSON.parse(b.header) as BatchHeader,
    council: b.council ? JSON.parse(b.council) as CouncilMeeting : null,
    decision: b.decision_number && b.decision_date
      ? { number: b.decision_number, date: b.decision_date, authority: b.decision_authority ?? '', signer: b.decision_signer ?? '' }
      : null,
    notice: b.notice_from && b.notice_until ? { from: b.notice_from, until: b.notice_until, comments } : null,
    createdAt: b.created_at,
    submittedAt: b.submitted_at,
    decidedAt: b.decided_at,
  };
  const cases = rows.map((r): DossierCase => {
    const f = JSON.parse(r.fields) as StoredFields;
    const form = forms.get(r.form_id);
    return {
      caseId: r.case_id,
      position: r.position,
      subjectKind: f.subjectKind,
      subjectName: f.subjectName,
      workplaceOrRole: f.workplaceOrRole ?? '',
      village: f.village ?? '',
      communeCode: f.communeCode,
      communeName: communeLabel(f.communeCode),
      deedDate: f.deedDate,
      deedPlace: f.deedPlace ?? '',
      deedDescription: f.deedDescription ?? '',
      result: f.result ?? '',
      formId: r.form_id,
      formName: form?.name ?? '',
      formLevel: form?.level ?? '',
      vote: r.vote_agree !== null && r.vote_voters !== null ? { caseId: r.case_id, agree: r.vote_agree, voters: r.vote_voters } : null,
      outcome: outcomeOf(r),
      status: r.status,
      decisionNumber: r.decision_number,
      decisionDate: r.decision_date,
      photos: (f.photos ?? []).map((p) => ({ sha256: p.sha256, caption: p.caption ?? '' })),
    };
  });
  return { batch, cases };
}
