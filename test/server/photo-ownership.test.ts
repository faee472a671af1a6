// 0006 on a database written before it: photos uploaded then have their uploader recorded, and the reporters of
// the cases that list them own them too, so an upgrade breaks no honest revision; every photo gets a public name.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { migrateTo, migrateToLatest } from '../../src/server/db/migrations';
import { createTestDatabase, DATABASE_KINDS } from '../support/databases';

const AT = '2026-07-15T08:00:00.000Z';
const user = (id: string) => ({ id, username: id, display_name: id, role: 'reporter' as const, area: '03637', password_hash: 'x', created_at: AT, updated_at: AT, disabled_at: null });
const hash = (c: string) => c.repeat(64);

for (const kind of DATABASE_KINDS) {
  const test = suite(`0006 photo ownership [${kind}]`);
  test('uploaders and the reporters of cases listing a photo own it; every photo gets its own public name', async () => {
    const database = await createTestDatabase(kind);
    const db = database.open();
    try {
      await migrateTo(db, '0005_event_order_index');
      await db.insertInto('users').values([user('u1'), user('u2')]).execute();
      // u1 uploaded both; u2's case lists "a" (the same bytes were sent by both phones, only u1's upload was recorded).
      await db.insertInto('photos').values(['a', 'b'].map((c) => ({ sha256: hash(c), bytes: 10, width: 1, height: 1, uploaded_by: 'u1', created_at: AT }))).execute();
      await db.insertInto('cases').values({
        id: '0190a1b2-c3d4-7e5f-a678-000000000001', owner_id: 'u2', commune_code: '03637', status: 'received', revision: 1, content_hash: 'h',
        fields: '{}', subject_kind: 'ca-nhan', subject_name: 'A', subject_category_id: 'nguoi-dan', movement_id: 'dan-van-kheo',
        field_of_life_id: 'y-te', deed_date: '2026-07-14', created_at: AT, updated_at: AT, received_at: AT, search_text: 'a',
      }).execute();
      await db.insertInto('case_photos').values({ case_id: '0190a1b2-c3d4-7e5f-a678-000000000001', sha256: hash('a') }).execute();

      assert.ok((await migrateToLatest(db)).includes('0006_photo_ownership'));
      const owners = await db.selectFrom('photo_owners').select(['sha256', 'user_id']).orderBy('sha256').orderBy('user_id').execute();
      assert.equal(owners, [{ sha256: hash('a'), user_id: 'u1' }, { sha256: hash('a'), user_id: 'u2' }, { sha256: hash('b'), user_id: 'u1' }]);
      const ids = (await db.selectFrom('photos').select(['sha256', 'public_id']).execute()).map((r) => r.public_id);
      assert.is(ids.length, 2);
      for (const id of ids) assert.match(id ?? '', /^[0-9a-f]{32}$/);
      assert.is.not(ids[0], ids[1]);
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
  test.run();
}
