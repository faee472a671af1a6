// The bulletin's reads. A case is on the bulletin only while it is published AND its subject consents (the
// consent copy on cases, and again in its fields: see story.ts); newest publication first, keyset-paged on the
// cases_published (published_at, id) index.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../db/schema';
import type { Tx } from '../db/transaction';
import { toPublicStory, type PublicStory, type StoryRow } from './story';

export const BULLETIN_PAGE = 20;
export const FEED_ENTRIES = 50;

/** Where the previous page ended: its last story's publication time and id. */
export interface StoryCursor { publishedAt: string; id: string }

const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export const encodeCursor = (c: StoryCursor): string => `${c.publishedAt}_${c.id}`;

/** null: not a cursor this server made. */
export function decodeCursor(text: string): StoryCursor | null {
  const m = CURSOR.exec(text);
  return m ? { publishedAt: m[1]!, id: m[2]! } : null;
}

function onBulletin(eb: ExpressionBuilder<Database, 'cases'>): Expression<SqlBool> {
  return eb.and([
    eb('cases.status', '=', 'published'),
    eb('cases.consent_publication', '=', 1),
    eb('cases.published_at', 'is not', null),
  ]);
}

function storyQuery(db: Tx) {
  return db.selectFrom('cases')
    .leftJoin('reference_entries', (join) => join
      .onRef('reference_entries.id', '=', 'cases.commendation_form_id')
      .on('reference_entries.list', '=', 'commendationForms'))
    .select([
      'cases.id', 'cases.fields', 'cases.published_at', 'cases.commendation_form_id', 'reference_entries.name as form_name',
      'cases.decision_number', 'cases.decision_date',
    ])
    .where(onBulletin);
}

/** The public names of the photos these cases use. */
async function publicIdsOf(db: Tx, caseIds: string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db.selectFrom('case_photos').innerJoin('photos', 'photos.sha256', 'case_photos.sha256')
    .select(['photos.sha256', 'photos.public_id']).where('case_photos.case_id', 'in', caseIds).execute();
  return new Map(rows.flatMap((r) => (r.public_id ? [[r.sha256, r.public_id] as const] : [])));
}

async function stories(db: Tx, rows: StoryRow[]) {
  const publicIds = await publicIdsOf(db, rows.map((r) => r.id));
  const stories = rows.map((r) => toPublicStory(r, publicIds)).filter((s): s is PublicStory => s !== null);
  return { stories, photoHashes: new Map([...publicIds].map(([sha256, publicId]) => [publicId, sha256])) };
}

export interface StoryPage {
  stories: PublicStory[];
  next: StoryCursor | null;
  /** The stored hash behind each public photo name of these stories: for the server only, never rendered. */
  photoHashes: ReadonlyMap<string, string>;
}

export async function listStories(db: Tx, limit: number, before?: StoryCursor): Promise<StoryPage> {
  let query = storyQuery(db);
  if (before) {
    // A row value, as the reviewer list's cursor (review/list.ts): where the index range starts, not a filter.
    query = query.where((eb) => eb(eb.refTuple('cases.published_at', 'cases.id'), '<', eb.tuple(before.publishedAt, before.id)));
  }
  const rows = await query.orderBy('cases.published_at', 'desc').orderBy('cases.id', 'desc').limit(limit + 1).execute();
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return {
    ...(await stories(db, rows.slice(0, limit))),
    next: last ? { publishedAt: last.published_at!, id: last.id } : null,
  };
}

export async function findStory(db: Tx, id: string): Promise<PublicStory | null> {
  const row = await storyQuery(db).where('cases.id', '=', id).executeTakeFirst();
  return row ? (await stories(db, [row])).stories[0] ?? null : null;
}

/** The stored hash behind a public photo name, while the current revision of a case on the bulletin uses it. */
export async function publicPhotoHash(db: Tx, publicId: string): Promise<string | null> {
  const row = await db.selectFrom('photos')
    .innerJoin('case_photos', 'case_photos.sha256', 'photos.sha256')
    .innerJoin('cases', 'cases.id', 'case_photos.case_id')
    .select('photos.sha256')
    .where('photos.public_id', '=', publicId)
    .where(onBulletin)
    .executeTakeFirst();
  return row?.sha256 ?? null;
}
