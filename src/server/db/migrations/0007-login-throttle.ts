// 0007: login attempts counted in the database (accounts/rate-limit.ts), so a restart does not reset them and
// several server processes share them. One row per client address and one per (username, address); times are
// milliseconds since the epoch, compared and moved in SQL by the counting statement.
import type { Kysely, Migration } from 'kysely';

export const migration0007: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createTable('login_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('last_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('next_at_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('login_throttle_last_at').on('login_throttle').column('last_at_ms').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('login_throttle').execute();
  },
};
