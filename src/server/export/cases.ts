// The cases an export holds: the reviewer list's filters and area (review/list.ts), newest first, read in keyset
// pages so that memory holds one page at a time however many cases match.
import type { CaseFields } from '../../shared/case-schema';
import type { ExportQuery } from '../../shared/review-schemas';
import type { ServerStatus, SessionUser } from '../../shared/sync-protocol';
import { storedFields } from '../cases/stored-fields';
import type { Tx } from '../db/transaction';
import { encodeCursor, filters, searchIndexFilter, type Where } from '../review/list';
import { nextTurn } from './turns';

export const EXPORT_PAGE = 500;

const COLUMNS = [
  'id', 'status', 'revision', 'commune_code', 'created_at', 'commendation_form_id', 'decision_number', 'decision_date', 'fields',
] as const;

export interface ExportCase {
  id: string;
  status: ServerStatus;
  revision: number;
  communeCode: string;
  createdAt: string;
  /** The board's commendation: the proposed form, then the decision. */
  formId: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  fields: CaseFields;
}

/** One page's query: the filters and the keyset position after `cursor`, newest first (tests EXPLAIN it). */
export function exportPageQuery(db: Tx, user: SessionUser, q: ExportQuery, search: readonly Where[], cursor?: string, pageSize = EXPORT_PAGE) {
  let query = db.selectFrom('cases').select(COLUMNS);
  for (const where of [...filters(user, { ...q, cursor }), ...search]) query = query.where(where);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(pageSize);
}

/**
 * Pages of the matching cases. The commune filter is checked now, so a refusal is a JSON 403 before any byte
 * of a file is sent; the pages are read only as the consumer asks for them.
 */
export function exportPages(db: Tx, user: SessionUser, q: ExportQuery, pageSize = EXPORT_PAGE): AsyncGenerator<ExportCase[]> {
  filters(user, q);
  return (async function* pages() {
    const search = await searchIndexFilter(db, q);
    let cursor: string | undefined;
    for (;;) {
      // A page's query and rows are a task of their own: on SQLite the query holds the event loop.
      await nextTurn();
      const rows = await exportPageQuery(db, user, q, search, cursor, pageSize).execute();
      if (rows.length > 0) {
        yield rows.map((r): ExportCase => ({
          id: r.id, status: r.status, revision: r.revision, communeCode: r.commune_code, createdAt: r.created_at,
          formId: r.commendation_form_id, decisionNumber: r.decision_number, decisionDate: r.decision_date,
          fields: storedFields(r),
        }));
      }
      if (rows.length < pageSize) return;
      const last = rows.at(-1)!;
      cursor = encodeCursor({ createdAt: last.created_at, id: last.id });
    }
  })();
}
