// A query compiled once per shape (src/server/db/reused-query.ts): each call runs with its own values, a raw
// query as well as a builder's, and shapes pushed out of the cache are built again, on both databases.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'kysely';
import type { Db } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrations';
import { reusedQuery } from '../../src/server/db/reused-query';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases';

for (const kind of DATABASE_KINDS) {
  const test = suite<{ database: TestDatabase; db: Db }>(`reused query [${kind}]`);
  test.before(async (ctx) => {
    ctx.database = await createTestDatabase(kind);
    ctx.db = ctx.database.open();
    await migrateToLatest(ctx.db);
    const at = new Date().toISOString();
    await ctx.db.insertInto('settings').values(['a', 'b', 'c', 'd'].map((key) => ({ key, value: `"${key}"`, updated_by: null, updated_at: at }))).execute();
  });
  test.after(async (ctx) => {
    await ctx.db?.destroy();
    await ctx.database?.drop();
  });

  test('the same shape with other values, three shapes through a cache of two', async ({ db }) => {
    let built = 0;
    const settingsNamed = reusedQuery((tx, count, slot) => {
      built++;
      return tx.selectFrom('settings').select('key').where('key', 'in', Array.from({ length: Number(count) }, (_, i) => slot(i) as string)).orderBy('key');
    }, 2);
    const keys = async (names: string[]) => (await settingsNamed(db, String(names.length), names)).rows.map((r) => r.key);
    assert.equal(await keys(['a']), ['a']);
    assert.equal(await keys(['c']), ['c']);
    assert.equal(await keys(['b', 'd']), ['b', 'd']);
    assert.equal(await keys(['a', 'x']), ['a']);
    assert.is(built, 2, 'one build per shape while both are kept');
    assert.equal(await keys(['d', 'c', 'b']), ['b', 'c', 'd']);
    assert.equal(await keys(['b']), ['b'], 'the first shape, pushed out by the third, built again');
    assert.is(built, 4);
  });

  test('a raw query, its own parameters kept beside the slots', async ({ db }) => {
    const valueOf = reusedQuery<{ value: string }>((tx, _shape, slot) => sql<{ value: string }>`select value from settings where key = ${slot(0)} and value <> ${'"none"'}`, 4);
    assert.equal((await valueOf(db, 'one', ['b'])).rows, [{ value: '"b"' }]);
    assert.equal((await valueOf(db, 'one', ['d'])).rows, [{ value: '"d"' }]);
  });

  test.run();
}
