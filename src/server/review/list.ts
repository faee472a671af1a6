// GET /api/review/cases: the reviewer's table. Newest first by first receipt (created_at, then id), paged by a
// keyset cursor so page 500 costs what page 1 does; filters use the indexes of migration 0002; the text search
// matches every folded word as a substring of cases.search_text, through the trigram index of migration 0004.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { PROVINCE_AREA, type SessionUser } from '../../shared/sync-protocol';
import { REVIEW_PAGE_DEFAULT, type ReviewListPage } from '../../shared/review-protocol';
import type { ReviewQuery } from '../../shared/review-schemas';
import { searchWords } from '../../shared/case-search';
import { dialectOf } from '../db/connect';
import type { Database } from '../db/schema';
import type { Tx } from '../db/transaction';
import { badRequest } from '../http/errors';
import { LIST_COLUMNS, toListItem } from './items';
import { requireInArea } from './scope';

export type Where = (eb: ExpressionBuilder<Database, 'cases'>) => Expression<SqlBool>;

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

/** An FTS5 phrase: between double quotes every character is literal (AND, NEAR, *, -, parentheses), a quote doubled. */
const phrase = (word: string) => `"${word.replace(/"/g, '""')}"`;

/** Trigram indexes find only words of 3 characters or more; shorter words are matched by LIKE alone. */
const indexable = (word: string) => [...word].length >= 3;

/**
 * Above this many rows found by SQLite's FTS5 table, fetching every one of them costs more than reading the list
 * in order and testing LIKE until a page is full (the crossover at 100,000 cases, test/bench/review-list.ts).
 */
const FTS_LOOKUP_MAX = 1000;

/**
 * What lets the text search use an index, added to filters(). PostgreSQL needs nothing: its planner serves the
 * LIKEs of words of 3 characters or more from the pg_trgm index (migration 0004) when they are selective.
 * SQLite: the rows its FTS5 trigram table finds for every such word, when they are few; when they are many the
 * words are common, and the LIKEs on the list read in order fill a page sooner.
 */
export async function searchIndexFilter(db: Tx, q: ReviewQuery): Promise<Where[]> {
  const words = searchWords(q.q ?? '').filter(indexable);
  if (dialectOf(db) !== 'sqlite' || words.length === 0) return [];
  const match = words.map(phrase).join(' AND ');
  const found = await sql<{ n: number }>`select count(*) as n from
    (select 1 from cases_search where cases_search match ${match} limit ${FTS_LOOKUP_MAX})`.execute(db);
  if (Number(found.rows[0]?.n) >= FTS_LOOKUP_MAX) return [];
  return [() => sql<SqlBool>`cases.rowid in (select rowid from cases_search where cases_search match ${match})`];
}

/**
 * The list's filters and keyset position as WHERE clauses; 403 for a commune outside the area (also used by
 * exports). Every search word is matched by LIKE, which alone decides what matches (add searchIndexFilter).
 */
export function filters(user: SessionUser, q: ReviewQuery): Where[] {
  const where: Where[] = [];
  if (q.commune) requireInArea(user, q.commune);
  const commune = q.commune ?? (user.area === PROVINCE_AREA ? undefined : user.area);
  if (commune) where.push((eb) => eb('commune_code', '=', commune));
  // An erased case keeps only its id, owner and commune: it is no row of the list, nor of an export.
  where.push((eb) => eb('status', '<>', 'erased'));
  if (q.status) where.push((eb) => eb('status', '=', q.status!));
  if (q.movement) where.push((eb) => eb('movement_id', '=', q.movement!));
  if (q.fieldOfLife) where.push((eb) => eb('field_of_life_id', '=', q.fieldOfLife!));
  if (q.category) where.push((eb) => eb('subject_category_id', '=', q.category!));
  if (q.kind) where.push((eb) => eb('subject_kind', '=', q.kind!));
  if (q.from) where.push((eb) => eb('deed_date', '>=', q.from!));
  if (q.to) where.push((eb) => eb('deed_date', '<=', q.to!));
  for (const word of searchWords(q.q ?? '')) {
    where.push(() => sql<SqlBool>`cases.search_text like ${containing(word)} escape '!'`);
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    // A row value, which both databases read as where the index range starts. Written as created_at < … OR
    // (created_at = … AND id < …) it was a filter on rows read from the newest, or every older row read and
    // sorted: page k cost k pages, and an export of 1,000,000 cases (2,000 pages) read about a billion rows.
    where.push((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(c.createdAt, c.id)));
  }
  return where;
}

/** The query for one page, one row more than the page to tell whether another follows (tests EXPLAIN it). */
export async function listPageQuery(db: Tx, user: SessionUser, q: ReviewQuery) {
  let query = db.selectFrom('cases').select(LIST_COLUMNS);
  for (const w of [...filters(user, q), ...await searchIndexFilter(db, q)]) query = query.where(w);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit((q.limit ?? REVIEW_PAGE_DEFAULT) + 1);
}

export async function listReviewCases(db: Tx, user: SessionUser, q: ReviewQuery): Promise<ReviewListPage> {
  const limit = q.limit ?? REVIEW_PAGE_DEFAULT;
  const rows = await (await listPageQuery(db, user, q)).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    cases: page.map(toListItem),
    next: rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}
