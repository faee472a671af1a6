// 0008: the audit of erasures at a data subject's request: who erased which case, when and why (the request's
// reference). The case row stays (its id, owner and commune, so the reporter's phone learns of the erasure through
// the changes feed); everything personal in it is emptied by the erasure itself, not by this migration.
import type { Kysely, Migration } from 'kysely';

export const migration0008: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createTable('case_erasures')
      .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
      .addColumn('erased_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('erased_at', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('case_erasures').execute();
  },
};
