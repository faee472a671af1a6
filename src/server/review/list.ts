// GET /api/review/cases: the reviewer's table. Newest first by first receipt (created_at, then id), paged by a
// keyset cursor so page 500 costs what page 1 does; filters use the indexes of migration 0002; the text search
// matches every folded word against cases.search_text.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { PROVINCE_AREA, type SessionUser } from '../../shared/sync-protocol';
import { REVIEW_PAGE_DEFAULT, type ReviewListPage } from '../../shared/review-protocol';
import type { ReviewQuery } from '../../shared/review-schemas';
import { searchWords } from '../../shared/case-search';
import type { Database } from '../db/schema';
import type { Tx } from '../db/transaction';
import { badRequest } from '../http/errors';
import { LIST_COLUMNS, toListItem } from './items';
import { requireInArea, requireReviewer } from './scope';

type Where = (eb: ExpressionBuilder<Database, 'cases'>) => Expression<SqlBool>;

interface Cursor { createdAt: string; id: string }

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify([c.createdAt, c.id])).toString('base64url');

function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string' && v.length <= 64)) {
      return { createdAt: value[0] as string, id: value[1] as string };
    }
  } catch { /* reported below */ }
  throw badRequest('Con trỏ trang không hợp lệ', [{ path: 'cursor', message: 'Con trỏ trang không hợp lệ' }]);
}

/** LIKE pattern for a folded word, with LIKE's wildcards escaped by "!". */
const containing = (word: string) => `%${word.replace(/[!%_]/g, (ch) => `!${ch}`)}%`;

function filters(user: SessionUser, q: ReviewQuery): Where[] {
  const where: Where[] = [];
  if (q.commune) requireInArea(user, q.commune);
  const commune = q.commune ?? (user.area === PROVINCE_AREA ? undefined : user.area);
  if (commune) where.push((eb) => eb('commune_code', '=', commune));
  if (q.status) where.push((eb) => eb('status', '=', q.status!));
  if (q.movement) where.push((eb) => eb('movement_id', '=', q.movement!));
  if (q.fieldOfLife) where.push((eb) => eb('field_of_life_id', '=', q.fieldOfLife!));
  if (q.category) where.push((eb) => eb('subject_category_id', '=', q.category!));
  if (q.kind) where.push((eb) => eb('subject_kind', '=', q.kind!));
  if (q.from) where.push((eb) => eb('deed_date', '>=', q.from!));
  if (q.to) where.push((eb) => eb('deed_date', '<=', q.to!));
  for (const word of searchWords(q.q ?? '')) {
    where.push(() => sql<SqlBool>`search_text like ${containing(word)} escape '!'`);
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.push((eb) => eb.or([
      eb('created_at', '<', c.createdAt),
      eb.and([eb('created_at', '=', c.createdAt), eb('id', '<', c.id)]),
    ]));
  }
  return where;
}

export async function listReviewCases(db: Tx, user: SessionUser, q: ReviewQuery): Promise<ReviewListPage> {
  requireReviewer(user);
  const limit = q.limit ?? REVIEW_PAGE_DEFAULT;
  let query = db.selectFrom('cases').select(LIST_COLUMNS);
  for (const w of filters(user, q)) query = query.where(w);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    cases: page.map(toListItem),
    next: rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}
