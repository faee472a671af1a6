// Migration 0002 on a database written by 0001: existing cases get their folded search text, and the list works.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'kysely';
import { migrateTo, migrateToLatest } from '../../src/server/db/migrations';
import { listReviewCases } from '../../src/server/review/list';
import { createTestDatabase, DATABASE_KINDS } from '../support/databases';
import { defaultLists } from '../../src/shared/reference';

for (const kind of DATABASE_KINDS) {
  const test = suite(`migration 0002 [${kind}]`);
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
      assert.equal(await migrateToLatest(db), ['0003_lists_and_publication']);
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
  test.run();
}
