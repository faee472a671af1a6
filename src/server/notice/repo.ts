// The public notice's reads and writes. What the public sees of a batch is a PublicNotice: the batch's own header
// lines (who proposes, the Tờ trình's number, the authority, the period) and, of its cases, only the PublicSubject
// of those whose subject consented to publication (bulletin/story.ts, the one allow-list), shortened, with the
// proposed form; the others are only counted.
import { authorityNames, type BatchHeader } from '../../shared/batch-protocol';
import type { NoticeComment } from '../../shared/notice-protocol';
import { shortened } from '../../shared/text';
import { storedFields } from '../cases/stored-fields';
import type { BatchesTable } from '../db/schema';
import type { Tx } from '../db/transaction';
import { publicFormName, toPublicSubject } from '../bulletin/story';

/** How much of a deed the notice shows: the council's papers have it whole. */
export const DEED_SUMMARY_MAX = 280;
/** The feed lists at most this many running notices (newest first). */
export const FEED_NOTICES = 50;

export interface PublicNoticeCase {
  subjectName: string;
  commune: string;
  deed: string;          // shortened to DEED_SUMMARY_MAX
  form: string;
}

export interface PublicNotice {
  publicId: string;
  proposingBody: string;
  /** "Tờ trình số 12/TTr-UBND ngày …": the number may still be empty ("…"). */
  number: string;
  symbol: string;
  docDate: string;       // yyyy-mm-dd
  authority: string;     // whom the batch is addressed to
  from: string;
  until: string;
  cases: PublicNoticeCase[];
  /** Cases whose subjects did not consent to publication: only their count is public. */
  withheld: number;
}

const BATCH_COLUMNS = ['id', 'status', 'authority', 'area', 'number', 'symbol', 'doc_date', 'header', 'public_id', 'notice_from', 'notice_until'] as const;
/** The batch columns a notice is made from (never its cases' data). */
export type NoticeBatchRow = Pick<BatchesTable, (typeof BATCH_COLUMNS)[number]>;

export const batchById = (db: Tx, id: string): Promise<NoticeBatchRow | undefined> =>
  db.selectFrom('batches').select(BATCH_COLUMNS).where('id', '=', id).executeTakeFirst();

export const batchByPublicId = (db: Tx, publicId: string): Promise<NoticeBatchRow | undefined> =>
  db.selectFrom('batches').select(BATCH_COLUMNS).where('public_id', '=', publicId).executeTakeFirst();

/** Is this batch's notice open to the public at `now`: posted, still running, and the batch still submitted? */
export const isOpen = (b: NoticeBatchRow, now: string): boolean =>
  b.status === 'submitted' && b.notice_from !== null && b.notice_until !== null && b.notice_from <= now && now < b.notice_until;

interface CaseRow { batch_id: string; form_id: string; fields: string; consent_publication: number; form_name: string | null }

async function caseRows(db: Tx, batchIds: string[]): Promise<CaseRow[]> {
  if (batchIds.length === 0) return [];
  return db.selectFrom('batch_cases')
    .innerJoin('cases', 'cases.id', 'batch_cases.case_id')
    .leftJoin('reference_entries', (join) => join
      .onRef('reference_entries.id', '=', 'batch_cases.form_id')
      .on('reference_entries.list', '=', 'commendationForms'))
    .select(['batch_cases.batch_id', 'batch_cases.form_id', 'cases.fields', 'cases.consent_publication', 'reference_entries.name as form_name'])
    .where('batch_cases.batch_id', 'in', batchIds)
    .orderBy('batch_cases.batch_id').orderBy('batch_cases.position')
    .execute();
}

function toPublicNotice(b: NoticeBatchRow, rows: readonly CaseRow[]): PublicNotice {
  const header = JSON.parse(b.header) as Partial<BatchHeader>;
  const cases: PublicNoticeCase[] = [];
  let withheld = 0;
  for (const row of rows) {
    // Consent twice over, as the bulletin asks it: the column copy and the stored fields.
    const subject = Number(row.consent_publication) === 1 ? toPublicSubject(storedFields(row)) : null;
    if (!subject) { withheld++; continue; }
    cases.push({ subjectName: subject.subjectName, commune: subject.commune, deed: shortened(subject.deed, DEED_SUMMARY_MAX), form: publicFormName(row.form_id, row.form_name) });
  }
  return {
    publicId: b.public_id,
    proposingBody: header.proposingBody ?? '',
    number: b.number,
    symbol: b.symbol,
    docDate: b.doc_date,
    authority: header.addressee || authorityNames[b.authority],
    from: b.notice_from!,
    until: b.notice_until!,
    cases,
    withheld,
  };
}

export async function publicNotice(db: Tx, b: NoticeBatchRow): Promise<PublicNotice> {
  return toPublicNotice(b, await caseRows(db, [b.id]));
}

/** The notices running at `now`, newest first. */
export async function runningNotices(db: Tx, now: string): Promise<PublicNotice[]> {
  const batches = await db.selectFrom('batches').select(BATCH_COLUMNS)
    .where('status', '=', 'submitted').where('notice_from', '<=', now).where('notice_until', '>', now)
    .orderBy('notice_from', 'desc').orderBy('id').limit(FEED_NOTICES).execute();
  const rows = await caseRows(db, batches.map((b) => b.id));
  return batches.map((b) => toPublicNotice(b, rows.filter((r) => r.batch_id === b.id)));
}

export async function listComments(db: Tx, batchId: string): Promise<NoticeComment[]> {
  const rows = await db.selectFrom('batch_comments').select(['id', 'author_name', 'body', 'created_at'])
    .where('batch_id', '=', batchId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => ({ id: r.id, authorName: r.author_name, body: r.body, createdAt: r.created_at }));
}

export async function countComments(db: Tx, batchId: string, since?: string): Promise<number> {
  let query = db.selectFrom('batch_comments').select((eb) => eb.fn.countAll<number | string>().as('n')).where('batch_id', '=', batchId);
  if (since !== undefined) query = query.where('created_at', '>=', since);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
