// Migration 0002 on a database written by 0001: existing cases get their folded search text, and the list works.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'kysely';
import { migrateTo, migrateToLatest } from '../../src/server/db/migrations';
import { listReviewCases } from '../../src/server/review/list';
import { createTestDatabase, DATABASE_KINDS } from '../support/databases';

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
      assert.equal(await migrateToLatest(db), ['0002_review']);
      const rows = await db.selectFrom('cases').select('search_text').execute();
      assert.equal(rows.map((r) => r.search_text), Array(2).fill('lo thi mai | ban na un | suoi nam kim | cuu nguoi | ket qua | vang a su | cau treo'));
      const user = { id: 'r', username: 'r', displayName: 'R', role: 'commune-reviewer' as const, area: '03637' };
      assert.is((await listReviewCases(db, user, { q: 'CẦU treo' })).cases.length, 2);
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
  test.run();
}
