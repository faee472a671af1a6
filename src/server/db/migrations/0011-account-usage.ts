// 0011: what each account holds against its quota, kept as a counter (users.stored_bytes) instead of summed
// over all its photos and revisions on every upload: that sum grew with the account and came to dominate a case
// PUT. The writes that change the holding change the counter in the same transaction (accounts/quota.ts says
// which); this migration fills it with the sum for the data already there: the bytes of the photos the account
// uploaded (photo_owners) and of the revisions it wrote of its own cases. (There is no 0010: the number was held
// for the dashboard's counts, which landed after this one as 0012.)
import { sql, type Kysely, type Migration } from 'kysely';

export const migration0011: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('users').addColumn('stored_bytes', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    await sql`update users set stored_bytes =
      coalesce((select sum(photos.bytes) from photo_owners inner join photos on photos.sha256 = photo_owners.sha256
        where photo_owners.user_id = users.id), 0)
      + coalesce((select sum(octet_length(case_revisions.fields)) from case_revisions inner join cases on cases.id = case_revisions.case_id
        where cases.owner_id = users.id and case_revisions.author_id = users.id), 0)`.execute(db);
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('users').dropColumn('stored_bytes').execute();
  },
};
