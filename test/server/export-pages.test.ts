// A page deep in an export (or in the reviewer list) costs what the first one does: the keyset position is where
// the index scan starts, not a filter on the rows read from the newest, nor an older part of the table read and
// sorted. Checked on the databases' own plans, for every case, a status and a commune, at a quarter and at half
// of the list. Before, both databases read the rows ahead of the cursor on every page (or sorted the ones after
// it): an export of 1,000,000 cases in 2,000 pages read about a billion rows (test/bench/export.ts).
import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { CompiledQuery, sql, type Compilable } from 'kysely';
import { dialectOf, type Db } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrations';
import { exportPageQuery } from '../../src/server/export/cases';
import { encodeCursor, listPageQuery } from '../../src/server/review/list';
import { communes } from '../../src/shared/reference';
import type { ExportQuery } from '../../src/shared/review-schemas';
import { APPRAISAL_STATUSES, type SessionUser } from '../../src/shared/sync-protocol';
import { benchCaseFields, caseRow, insertBenchOwner, seedCases } from '../bench/seed-cases';
import { createTestDatabase, DATABASE_KINDS } from '../support/databases';

/** Enough rows for both planners to prefer an index to reading the table. */
const CASES = 3000;
const PROVINCE: SessionUser = { id: 'p', username: 'p', displayName: 'P', role: 'province-reviewer', area: '12' };
const QUERIES: ExportQuery[] = [{}, { status: 'received' }, { commune: communes[0]!.code }];

async function plan(db: Db, query: Compilable): Promise<string> {
  const { sql: text, parameters } = query.compile();
  const explain = dialectOf(db) === 'postgres' ? 'explain' : 'explain query plan';
  const { rows } = await db.executeQuery(CompiledQuery.raw(`${explain} ${text}`, [...parameters]));
  return rows.map((row) => Object.values(row as object).join(' ')).join('\n');
}

/** The cursor bounds an index search, and the rows come in the index's order. */
function assertKeysetPlan(text: string, postgres: boolean, what: string): void {
  const lines = text.split('\n');
  if (postgres) {
    assert.ok(lines.some((l) => /Index Cond: .*created_at/.test(l)), `${what}: the cursor is no index condition\n${text}`);
    assert.not.ok(lines.some((l) => /Filter: .*created_at/.test(l)), `${what}: the cursor filters rows read\n${text}`);
  } else {
    assert.ok(lines.some((l) => /SEARCH cases USING (COVERING )?INDEX \w+ \(.*created_at.*\)/.test(l)), `${what}: the cursor is no index bound\n${text}`);
    assert.not.ok(lines.some((l) => /TEMP B-TREE/.test(l)), `${what}: rows sorted\n${text}`);
  }
}

for (const kind of DATABASE_KINDS) {
  const test = suite(`export pages [${kind}]`);
  test('a page after a cursor is an index range in both queries, at any depth', async () => {
    const database = await createTestDatabase(kind);
    const db = database.open();
    try {
      await migrateToLatest(db);
      const owner = await insertBenchOwner(db);
      const base = Date.UTC(2025, 0, 1);
      await seedCases(db, CASES, (i) => ({
        row: caseRow(benchCaseFields(i), owner, APPRAISAL_STATUSES[i % 7]!, new Date(base + i * 60_000).toISOString()),
      }));
      // Both with the statistics the migrations left (taken on empty tables) and with fresh ones, as PostgreSQL's
      // autovacuum may take at any moment: the plan must not depend on when that happens.
      for (const stats of ['as migrated', 'after ANALYZE']) {
        if (stats === 'after ANALYZE') await sql`analyze`.execute(db);
        for (const q of QUERIES) {
          const matching = await exportPageQuery(db, PROVINCE, q, [], undefined, CASES).execute();
          for (const depth of [0.25, 0.5]) {
            const at = matching[Math.floor(matching.length * depth)]!;
            const cursor = encodeCursor({ createdAt: at.created_at, id: at.id });
            const what = `${JSON.stringify(q)} at ${depth}, ${stats}`;
            assertKeysetPlan(await plan(db, exportPageQuery(db, PROVINCE, q, [], cursor)), kind === 'postgres', `export ${what}`);
            assertKeysetPlan(await plan(db, await listPageQuery(db, PROVINCE, { ...q, cursor })), kind === 'postgres', `list ${what}`);
          }
        }
      }
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
  test.run();
}
