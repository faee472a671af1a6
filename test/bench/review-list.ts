// Benchmark (not a test): the reviewer's list with 100,000 cases, in SQLite and in PostgreSQL. Each query is
// timed through the server's own function (listReviewCases, no HTTP) against a bare SELECT COUNT(*) on the same
// table; the ratios are what to read, absolute times are information only. The cases are seeded at migration 0003,
// the text searches timed there as the list ran them then (LIKE on every row), then migration 0004 builds the
// search index and everything is timed again.
// Run: npx tsx test/bench/review-list.ts        (BENCH_CASES=100000 by default, BENCH_DB=sqlite|postgres|both)
import { sql } from 'kysely';
import { migrateTo, migrateToLatest } from '../../src/server/db/migrations';
import type { Db } from '../../src/server/db/connect';
import { filters, listReviewCases } from '../../src/server/review/list';
import { LIST_COLUMNS } from '../../src/server/review/items';
import { communes, defaultLists } from '../../src/shared/reference';
import { APPRAISAL_STATUSES, type SessionUser } from '../../src/shared/sync-protocol';
import type { ReviewQuery } from '../../src/shared/review-schemas';
import { createTestDatabase, type DatabaseKind } from '../support/databases';
import { benchCaseFields, caseRow, insertBenchOwner, medianMs, pick, seedCases } from './seed-cases';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const RUNS = 15;
const SURNAMES = ['Lò', 'Lường', 'Điêu', 'Vàng', 'Giàng', 'Nguyễn', 'Tao', 'Hoàng', 'Sùng', 'Chảo'];
const GIVEN = ['Thị Mai', 'Văn Đức', 'A Sử', 'Thị Dợ', 'Văn Hặc', 'Chính Tới', 'Thị Hoa', 'A Páo', 'Văn Minh', 'Thị Lan'];
/** One case in RARE_EVERY took place there: ~10 of 100,000. */
const RARE_PLACE = 'Thác Tác Tình';
const RARE_EVERY = 9_973;
const SEARCHES: [string, string][] = [
  ['text search "lo thi mai"', 'lo thi mai'],
  ['text search, common word "thi"', 'thi'],
  ['text search, 2-letter word "lo"', 'lo'],
  ['text search, rare match "tac tinh"', 'tac tinh'],
  ['text search, no match', 'khong ai co ten nay'],
];

async function seed(db: Db): Promise<void> {
  const owner = await insertBenchOwner(db);
  const base = Date.UTC(2025, 0, 1);
  await seedCases(db, CASES, (i) => {
    const fields = benchCaseFields(i, {
      subjectName: `${pick(SURNAMES, i)} ${pick(GIVEN, Math.floor(i / 10))}`,
      ...(i % RARE_EVERY === 0 ? { deedPlace: RARE_PLACE } : {}),
    });
    return { row: caseRow(fields, owner, APPRAISAL_STATUSES[i % 7]!, new Date(base + i * 60_000).toISOString()) };
  }, { recount: false }); // seeded at 0003: no dashboard counts yet
}

const median = (fn: () => Promise<unknown>) => medianMs(fn, RUNS);

const PROVINCE: SessionUser = { id: 'p', username: 'p', displayName: 'P', role: 'province-reviewer', area: '12' };

/** The list's page as it was before migration 0004: the filters alone, every word by LIKE. */
function likeScan(db: Db, q: string) {
  let query = db.selectFrom('cases').select(LIST_COLUMNS);
  for (const where of filters(PROVINCE, { q })) query = query.where(where);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(51).execute();
}

const line = (label: string, ms: number, count: number, rows: number) =>
  console.log(`  ${label.padEnd(40)} ${ms.toFixed(2).padStart(7)} ms  ×${(ms / count).toFixed(2)} of COUNT(*)  (${rows} rows)`);

async function bench(kind: DatabaseKind): Promise<void> {
  const database = await createTestDatabase(kind);
  const db = database.open();
  try {
    await migrateTo(db, '0003_lists_and_publication');
    const t0 = performance.now();
    await seed(db);
    console.log(`\n${kind}: ${CASES.toLocaleString('en-US')} cases seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const countBefore = await median(() => sql`select count(*) from cases`.execute(db));
    console.log(`  before the search index (0003)          SELECT COUNT(*) ${countBefore.toFixed(2)} ms`);
    for (const [label, q] of SEARCHES) {
      line(label, await median(() => likeScan(db, q)), countBefore, Math.min(50, (await likeScan(db, q)).length));
    }
    const t1 = performance.now();
    await migrateToLatest(db);
    console.log(`  migration 0004 (search index) took ${((performance.now() - t1) / 1000).toFixed(1)} s`);

    const commune: SessionUser = { ...PROVINCE, role: 'commune-reviewer', area: communes[0]!.code };
    const deep = await listReviewCases(db, PROVINCE, { limit: 50, status: 'appraising' });
    let cursor = deep.next!;
    for (let i = 0; i < 20; i++) cursor = (await listReviewCases(db, PROVINCE, { limit: 50, status: 'appraising', cursor })).next!;

    const count = await median(() => sql`select count(*) from cases`.execute(db));
    const queries: [string, SessionUser, ReviewQuery][] = [
      ['first page (province, 50 rows)', PROVINCE, { limit: 50 }],
      ['commune reviewer, first page', commune, { limit: 50 }],
      ['status + movement filter', PROVINCE, { status: 'appraising', movement: defaultLists.movements[0]!.id, limit: 50 }],
      ['deed-date range + kind', PROVINCE, { from: '2024-03-01', to: '2024-03-31', kind: 'tap-the', limit: 50 }],
      ['page 22 of a status filter (cursor)', PROVINCE, { status: 'appraising', cursor, limit: 50 }],
      ...SEARCHES.map(([label, q]): [string, SessionUser, ReviewQuery] => [label, PROVINCE, { q, limit: 50 }]),
      ['commune reviewer, rare match', commune, { q: 'tac tinh', limit: 50 }],
    ];
    console.log(`  after (0004)                            SELECT COUNT(*) ${count.toFixed(2)} ms`);
    for (const [label, user, q] of queries) {
      line(label, await median(() => listReviewCases(db, user, q)), count, (await listReviewCases(db, user, q)).cases.length);
    }
  } finally {
    await db.destroy();
    await database.drop();
  }
}

const which = process.env.BENCH_DB ?? 'both';
for (const kind of ['sqlite', 'postgres'] as const) {
  if (which === 'both' || which === kind) await bench(kind);
}
