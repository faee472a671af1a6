// The cases a batch is made of or given (BatchCasesSelection): the chosen ids, or every proposed case matching
// the review table's filters in the user's area; then the rules every case of a batch meets: proposed, in no
// open batch, one authority (the level of its form, from the editable list), one commune for a commune batch,
// and an authority the user may manage. Each refusal names the cases (short id and subject's name).
import {
  authorityNames, authorityOfLevel, batchAreaFor, mayManageBatch, type Authority, type BatchCasesSelection,
} from '../../shared/batch-protocol';
import { BATCH_LIMITS } from '../../shared/batch-schemas';
import { shortCaseId } from '../../shared/ids';
import { communeLabel } from '../../shared/reference';
import { ExportQuerySchema } from '../../shared/review-schemas';
import { serverStatusNames, type ApiIssue, type SessionUser } from '../../shared/sync-protocol';
import type { Tx } from '../db/transaction';
import { lockKey } from '../db/transaction';
import { ApiFailure, forbidden, invalid } from '../http/errors';
import { parseQueryOr422 } from '../http/validation';
import { entriesById } from '../reference/repo';
import { filters } from '../review/list';
import { requireInArea } from '../review/scope';
import { batchLabel } from './repo';

const CANDIDATE_COLUMNS = ['id', 'status', 'revision', 'commune_code', 'subject_name', 'commendation_form_id', 'deed_date'] as const;

export interface Candidate {
  id: string;
  status: string;
  revision: number;
  communeCode: string;
  subjectName: string;
  formId: string;
  authority: Authority;
}

/** The batch the cases join, when adding to one; absent when making a new batch. */
export interface Target { id: string; authority: Authority; area: string }

export const named = (c: { id: string; subjectName: string }) => `…${shortCaseId(c.id)} (${c.subjectName || 'không tên'})`;

const refuse = (path: string, message: string) => invalid([{ path, message }], message);

/** The ids a selection names, in its order (the query's cases newest first, as the table lists them). */
async function selectedIds(db: Tx, user: SessionUser, selection: BatchCasesSelection): Promise<{ ids: string[]; path: string }> {
  if ('caseIds' in selection) return { ids: selection.caseIds, path: 'caseIds' };
  let q;
  try {
    q = parseQueryOr422(ExportQuerySchema, Object.fromEntries(new URLSearchParams(selection.query)));
  } catch (err) {
    if (err instanceof ApiFailure && err.body.issues) {
      throw invalid(err.body.issues.map((i) => ({ path: `query.${i.path}`, message: i.message })), 'Bộ lọc của bảng không hợp lệ');
    }
    throw err;
  }
  const none = () => refuse('query', 'Không có hồ sơ "Đề nghị khen thưởng" nào khớp bộ lọc');
  if (q.status && q.status !== 'proposed') throw none();
  let query = db.selectFrom('cases').select('id');
  for (const where of filters(user, { ...q, status: 'proposed' })) query = query.where(where);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(BATCH_LIMITS.cases + 1).execute();
  if (rows.length === 0) throw none();
  if (rows.length > BATCH_LIMITS.cases) {
    throw refuse('query', `Bộ lọc khớp hơn ${BATCH_LIMITS.cases} hồ sơ: một đợt có tối đa ${BATCH_LIMITS.cases}, hãy lọc hẹp hơn`);
  }
  return { ids: rows.map((r) => r.id), path: 'query' };
}

/**
 * The selection's cases, locked (in id order, as every batch write locks them) and checked against the rules;
 * `target` is the batch they join. 403 outside the user's area or above their level, 422 naming the cases
 * that break a rule.
 */
export async function checkedCandidates(tx: Tx, user: SessionUser, selection: BatchCasesSelection, target?: Target): Promise<Candidate[]> {
  const { ids, path } = await selectedIds(tx, user, selection);
  for (const id of [...ids].sort()) await lockKey(tx, `case:${id}`);
  const rows = await tx.selectFrom('cases').select(CANDIDATE_COLUMNS).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing: ApiIssue[] = ids.flatMap((id, i) => (byId.has(id) ? [] : [{ path: `${path}.${i}`, message: 'Không tìm thấy hồ sơ này' }]));
  if (missing.length > 0) throw invalid(missing, 'Có hồ sơ không tìm thấy');
  for (const row of rows) requireInArea(user, row.commune_code);

  const forms = await entriesById(tx, 'commendationForms', rows.flatMap((r) => (r.commendation_form_id ? [r.commendation_form_id] : [])));
  const candidates = ids.map((id): Candidate => {
    const r = byId.get(id)!;
    return {
      id, status: r.status, revision: r.revision, communeCode: r.commune_code, subjectName: r.subject_name,
      formId: r.commendation_form_id ?? '', authority: authorityOfLevel(forms.get(r.commendation_form_id ?? '')?.level),
    };
  });

  const notProposed = candidates.filter((c) => c.status !== 'proposed');
  if (notProposed.length > 0) {
    throw refuse(path, `Chỉ đưa được vào đợt các hồ sơ "${serverStatusNames.proposed}". Không phải: ${
      notProposed.map((c) => `${named(c)} đang "${serverStatusNames[c.status as keyof typeof serverStatusNames] ?? c.status}"`).join('; ')}`);
  }

  const open = await tx.selectFrom('batch_cases').innerJoin('batches', 'batches.id', 'batch_cases.batch_id')
    .select(['batch_cases.case_id', 'batches.id', 'batches.number', 'batches.symbol'])
    .where('batch_cases.open', '=', 1).where('batch_cases.case_id', 'in', ids).execute();
  if (open.length > 0) {
    const batchOf = new Map(open.map((o) => [o.case_id, o]));
    throw refuse(path, `Mỗi hồ sơ chỉ ở trong một đợt đề nghị đang mở. Đã có: ${candidates.filter((c) => batchOf.has(c.id)).map((c) => {
      const b = batchOf.get(c.id)!;
      return `${named(c)} ở ${b.id === target?.id ? 'chính đợt này' : `đợt ${batchLabel(b)}`}`;
    }).join('; ')}`);
  }

  const authority = target?.authority ?? mostCommon(candidates.map((c) => c.authority));
  const otherAuthority = candidates.filter((c) => c.authority !== authority);
  if (otherAuthority.length > 0) {
    throw refuse(path, `Các hồ sơ trong một đợt phải do cùng một cấp quyết định (đợt này: ${authorityNames[authority]}). Khác cấp: ${
      otherAuthority.map((c) => `${named(c)} cần ${authorityNames[c.authority]}`).join('; ')}`);
  }

  if (authority === 'commune') {
    const commune = target?.area ?? mostCommon(candidates.map((c) => c.communeCode));
    const otherCommune = candidates.filter((c) => c.communeCode !== commune);
    if (otherCommune.length > 0) {
      throw refuse(path, `Khen thưởng cấp xã do Chủ tịch UBND từng xã quyết định: một đợt chỉ gồm hồ sơ của một xã (${communeLabel(commune)}). Khác xã: ${
        otherCommune.map((c) => `${named(c)} thuộc ${communeLabel(c.communeCode)}`).join('; ')}`);
    }
  }
  const area = target?.area ?? batchAreaFor(authority, candidates[0]!.communeCode);
  if (!mayManageBatch(user, { authority, area })) {
    throw forbidden('Cán bộ thẩm định cấp xã chỉ lập đợt đề nghị các hình thức khen thưởng cấp xã của xã mình; '
      + `hình thức do ${authorityNames[authority]} quyết định thì cấp tỉnh lập đợt đề nghị`);
  }
  return candidates;
}

/** The value most items have (the first of equals): the others are the ones named as differing. */
function mostCommon<T extends string>(items: T[]): T {
  const tally = new Map<T, number>();
  for (const item of items) tally.set(item, (tally.get(item) ?? 0) + 1);
  let best = items[0] as T;
  for (const [item, n] of tally) if (n > tally.get(best)!) best = item;
  return best;
}
