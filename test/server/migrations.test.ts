// Migrations on databases written by the ones before (0002's search text, 0003's copies and lists, 0004's index),
// and the copies the migrations keep of what they computed and seeded, which are frozen with them.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CompiledQuery, sql, type Compilable } from 'kysely';
import { dialectOf, openDatabase, type Db } from '../../src/server/db/connect';
import { migrateTo, migrateToLatest } from '../../src/server/db/migrations';
import { listPageQuery, listReviewCases, searchIndexFilter } from '../../src/server/review/list';
import { createTestDatabase, DATABASE_KINDS, TEST_DATABASE_URL } from '../support/databases';
import { defaultLists } from '../../src/shared/reference';
import { caseSearchText } from '../../src/shared/case-search';
import { searchText0002 } from '../../src/server/db/migrations/0002-search-text';
import seedLists from '../../src/server/db/migrations/0003-seed-lists.json';
import { caseFields } from '../support/case-fixtures';

const AT = '2026-07-15T08:00:00.000Z';
const PROVINCE = { id: 'p', username: 'p', displayName: 'P', role: 'province-reviewer' as const, area: '12' };

/** A case row as 0003 stores it (n: its id's number), with the given folded search text. */
const storedCase = (n: number, searchText: string) => ({
  id: `0190a1b2-c3d4-7e5f-a678-${String(n).padStart(12, '0')}`, owner_id: 'u1', commune_code: '03637', status: 'received' as const,
  revision: 1, content_hash: 'h', fields: '{}', subject_kind: 'ca-nhan', subject_name: 'A', subject_category_id: 'nguoi-dan',
  movement_id: 'dan-van-kheo', field_of_life_id: 'y-te', deed_date: '2026-07-14', created_at: AT, updated_at: AT, received_at: AT,
  search_text: searchText,
});

/** 2,000 cases sharing "lo thi mai", two (2001, 2002) at "thac tac tinh", all stored at 0003. */
async function seedAt0003(db: Db): Promise<void> {
  await migrateTo(db, '0003_lists_and_publication');
  await db.insertInto('users').values({ id: 'u1', username: 'u1', display_name: 'U', role: 'reporter', area: '03637', password_hash: 'x', created_at: AT, updated_at: AT, disabled_at: null }).execute();
  for (let start = 1; start <= 2000; start += 500) {
    await db.insertInto('cases').values(Array.from({ length: 500 }, (_, k) => storedCase(start + k, `lo thi mai | ban ${start + k} | cuu nguoi`))).execute();
  }
  await db.insertInto('cases').values([2001, 2002].map((n) => storedCase(n, 'giang a pao | thac tac tinh | cuu nguoi'))).execute();
}

/** The database's plan for a query, as text. */
async function plan(db: Db, query: Compilable): Promise<string> {
  const { sql: text, parameters } = query.compile();
  const explain = dialectOf(db) === 'postgres' ? 'explain' : 'explain query plan';
  const { rows } = await db.executeQuery(CompiledQuery.raw(`${explain} ${text}`, [...parameters]));
  return rows.map((row) => Object.values(row as object).join(' ')).join('\n');
}

const found = async (db: Db, q: string) => (await listReviewCases(db, PROVINCE, { q })).cases.map((c) => Number(c.id.slice(-12)));

const frozen = suite('migrations are frozen');
// A change to the live function or to the shipped lists fails here: it needs a migration of its own for the
// databases already filled, not an edit of a shipped one.
frozen('0002 fills stored cases with the search text the server writes today', () => {
  const fields = caseFields({ workplaceOrRole: 'Trưởng BẢN', photos: [{ ...caseFields().photos[0]!, caption: 'Cầu  treo Nậm Đích' }] });
  assert.is(searchText0002(fields), caseSearchText(fields));
});
frozen('0003 seeds the lists the app ships today', () => {
  type Entry = { id: string; name: string; level?: string; priority?: boolean };
  const rows = (lists: object) => (Object.entries(lists) as [string, Entry[]][]).flatMap(([list, entries]) =>
    entries.map((e, position) => [list, e.id, e.name, e.level ?? null, e.priority ? 1 : 0, position]));
  assert.equal(rows(seedLists), rows(defaultLists));
});
frozen.run();

for (const kind of DATABASE_KINDS) {
  const test = suite(`migrations [${kind}]`);
  test('cases stored before 0002 are found by a folded search; old indexes replaced', async () => {
    const database = await createTestDatabase(kind);
    const db = database.open();
    try {
      await migrateTo(db, '0001_initial');
      const at = '2026-07-15T08:00:00.000Z';
      await sql`insert into users (id, username, display_name, role, area, password_hash, created_at, updated_at)
        values ('u1', 'u1', 'U', 'reporter', '03637', 'x', ${at}, ${at})`.execute(db);
      const fields = JSON.stringify({ subjectName: 'Lò Thị Mai', village: 'Bản Nà Ún', deedPlace: 'Suối Nậm Kim', deedDescription: 'Cứu người', result: 'Kết quả', reporterName: 'Vàng A Sử', photos: [{ caption: 'Cầu treo' }] });
      for (const id of ['0190a1b2-c3d4-7e5f-a678-000000000001', '0190a1b2-c3d4-7e5f-a678-000000000002']) {
        await sql`insert into cases (id, owner_id, commune_code, status, revision, content_hash, fields, subject_kind, subject_name,
          subject_category_id, movement_id, field_of_life_id, deed_date, created_at, updated_at, received_at)
          values (${id}, 'u1', '03637', 'received', 1, 'h', ${fields}, 'ca-nhan', 'Lò Thị Mai', 'nguoi-dan', 'dan-van-kheo', 'y-te',
          '2026-07-14', ${at}, ${at}, ${at})`.execute(db);
      }
      await migrateTo(db, '0002_review');
      const rows = await db.selectFrom('cases').select('search_text').execute();
      assert.equal(rows.map((r) => r.search_text), Array(2).fill('lo thi mai | ban na un | suoi nam kim | cuu nguoi | ket qua | vang a su | cau treo'));
      await migrateToLatest(db);
      const user = { id: 'r', username: 'r', displayName: 'R', role: 'commune-reviewer' as const, area: '03637' };
      assert.is((await listReviewCases(db, user, { q: 'CẦU treo' })).cases.length, 2);
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
  test('0003: stored cases get their ethnicity and publication consent; the lists are seeded from the shipped ones', async () => {
    const database = await createTestDatabase(kind);
    const db = database.open();
    try {
      await migrateTo(db, '0002_review');
      const at = '2026-07-15T08:00:00.000Z';
      await sql`insert into users (id, username, display_name, role, area, password_hash, created_at, updated_at)
        values ('u1', 'u1', 'U', 'reporter', '03637', 'x', ${at}, ${at})`.execute(db);
      const cases = [
        { id: '0190a1b2-c3d4-7e5f-a678-000000000001', fields: { ethnicityCode: '05', consentPublication: true } },
        { id: '0190a1b2-c3d4-7e5f-a678-000000000002', fields: { consentPublication: false } },
      ];
      for (const c of cases) {
        await sql`insert into cases (id, owner_id, commune_code, status, revision, content_hash, fields, subject_kind, subject_name,
          subject_category_id, movement_id, field_of_life_id, deed_date, created_at, updated_at, received_at)
          values (${c.id}, 'u1', '03637', 'published', 1, 'h', ${JSON.stringify(c.fields)}, 'ca-nhan', 'A', 'nguoi-dan', 'dan-van-kheo',
          'y-te', '2026-07-14', ${at}, ${at}, ${at})`.execute(db);
      }
      await sql`insert into case_events (case_id, revision, kind, status, at) values (${cases[0]!.id}, 1, 'status', 'published', '2026-08-01T00:00:00.000Z')`.execute(db);
      await migrateTo(db, '0003_lists_and_publication');
      const rows = await db.selectFrom('cases').select(['ethnicity_code', 'consent_publication', 'published_at']).orderBy('id').execute();
      assert.equal(rows, [
        { ethnicity_code: '05', consent_publication: 1, published_at: '2026-08-01T00:00:00.000Z' },
        { ethnicity_code: null, consent_publication: 0, published_at: null },
      ]);
      const lists = await db.selectFrom('reference_entries').select(['list', 'id', 'priority']).where('retired_at', 'is', null).execute();
      for (const [list, entries] of Object.entries(defaultLists)) {
        assert.equal(lists.filter((e) => e.list === list).map((e) => e.id).sort(), entries.map((e: { id: string }) => e.id).sort(), list);
      }
      assert.equal(lists.filter((e) => e.priority === 1).map((e) => e.id).sort(), defaultLists.subjectCategories.filter((e) => e.priority).map((e) => e.id).sort());
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
  test('0004: cases stored before it are found through the trigram index, which follows every write', async () => {
    const database = await createTestDatabase(kind);
    const db = database.open();
    try {
      await seedAt0003(db);
      assert.equal((await migrateToLatest(db)).slice(0, 2), ['0004_search_index', '0005_event_order_index'], 'the later ones follow');
      await sql`analyze`.execute(db);
      assert.equal(await found(db, 'TÁC tình'), [2002, 2001]);
      const rare = await plan(db, await listPageQuery(db, PROVINCE, { q: 'tac tinh' }));
      if (kind === 'postgres') {
        assert.match(rare, /Bitmap Index Scan on cases_search_trgm/);
        return;
      }
      assert.match(rare, /SCAN cases_search VIRTUAL TABLE/);
      // A word in 2,000 cases: the list reads in order and fills a page before it would have fetched them all.
      assert.equal(await searchIndexFilter(db, { q: 'thi' }), []);
      assert.not.match(await plan(db, await listPageQuery(db, PROVINCE, { q: 'thi' })), /cases_search/);
      assert.is((await listReviewCases(db, PROVINCE, { q: 'thi', limit: 200 })).cases.length, 200);

      const indexed = async () => Number((await sql<{ n: number }>`select count(*) as n from cases_search_docsize`.execute(db)).rows[0]!.n);
      const inStep = () => sql`insert into cases_search (cases_search, rank) values ('integrity-check', 1)`.execute(db);
      assert.is(await indexed(), 2002);
      await inStep();
      await db.updateTable('cases').set({ search_text: 'vang a su | cau treo' }).where('id', '=', storedCase(2001, '').id).execute();
      await db.updateTable('cases').set({ status: 'appraising' }).where('id', '=', storedCase(2002, '').id).execute();
      await db.deleteFrom('cases').where('id', '=', storedCase(1, '').id).execute();
      assert.is(await indexed(), 2001);
      await inStep();
      assert.equal(await found(db, 'tac tinh'), [2002]);
      assert.equal(await found(db, 'cau treo'), [2001]);
      const matching = async (word: string) =>
        (await sql<{ rowid: number }>`select rowid from cases_search where cases_search match ${word}`.execute(db)).rows.length;
      assert.equal([await matching('"tac tinh"'), await matching('"cau treo"'), await matching('"ban 1 |"')], [1, 1, 0]);
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
  if (kind === 'postgres') {
    test('0004 by a role that may not install pg_trgm: logs a warning, no index, the same answers', async () => {
      const database = await createTestDatabase(kind);
      const role = `gs_test_role_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: database.databaseUrl });
      await admin.connect();
      const url = new URL(database.databaseUrl!);
      url.username = role;
      url.password = 'pw';
      const db = openDatabase({ dataDir: database.dataDir, databaseUrl: url.toString() });
      const write = process.stdout.write;
      try {
        await admin.query(`create role ${role} login password 'pw'`);
        await admin.query(`grant create on schema public to ${role}`);
        const logged: string[] = [];
        process.stdout.write = ((line: string) => logged.push(line) > 0) as typeof write;
        await seedAt0003(db);
        assert.equal((await migrateToLatest(db)).slice(0, 2), ['0004_search_index', '0005_event_order_index'], 'the later ones follow');
        process.stdout.write = write;
        assert.equal(logged.map((line) => JSON.parse(line).level), ['warn']);
        assert.match(logged[0]!, /pg_trgm/);
        assert.is((await sql`select 1 from pg_indexes where indexname = 'cases_search_trgm'`.execute(db)).rows.length, 0);
        assert.equal(await found(db, 'tac tinh'), [2002, 2001]);
      } finally {
        process.stdout.write = write;
        await db.destroy();
        await admin.end();
        await database.drop();
        const cluster = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await cluster.connect();
        await cluster.query(`drop role if exists ${role}`);
        await cluster.end();
      }
    });
  }
  test.run();
}
