// 0006: who uploaded which photo bytes, and the photos' public names.
// - photo_owners: one row per (photo, user who uploaded those bytes). A case may list a photo only if its author
//   owns it, and HEAD answers "do I already have it?" from it. Filled here from photos.uploaded_by (the first
//   uploader) and from the cases that already list a photo (their reporter), so nothing honest breaks.
// - photos.public_id: a random name the bulletin's URLs use, so a public copy never tells the stored original's
//   hash (which /api/photos serves). Stored, so the URLs stay the same across restarts.
import { randomBytes } from 'node:crypto';
import type { Kysely, Migration } from 'kysely';

const BATCH = 500;

export const migration0006: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createTable('photo_owners')
      .addColumn('sha256', 'text', (c) => c.notNull().references('photos.sha256'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('photo_owners_pk', ['sha256', 'user_id'])
      .execute();
    await db.schema.createIndex('photo_owners_user').on('photo_owners').column('user_id').execute();
    await db.schema.alterTable('photos').addColumn('public_id', 'text').execute();

    const at = new Date().toISOString();
    let after = '';
    for (;;) {
      const rows: { sha256: string; uploaded_by: string }[] = await db.selectFrom('photos').select(['sha256', 'uploaded_by'])
        .where('sha256', '>', after).orderBy('sha256').limit(BATCH).execute();
      for (const row of rows) {
        await db.updateTable('photos').set({ public_id: randomBytes(16).toString('hex') }).where('sha256', '=', row.sha256).execute();
      }
      if (rows.length > 0) {
        await db.insertInto('photo_owners').values(rows.map((r) => ({ sha256: r.sha256, user_id: r.uploaded_by, created_at: at }))).execute();
      }
      if (rows.length < BATCH) break;
      after = rows.at(-1)!.sha256;
    }
    const listed: { sha256: string; user_id: string }[] = await db.selectFrom('case_photos')
      .innerJoin('cases', 'cases.id', 'case_photos.case_id')
      .innerJoin('photos', 'photos.sha256', 'case_photos.sha256')
      .select(['case_photos.sha256', 'cases.owner_id as user_id']).distinct().execute();
    for (const row of listed) {
      await db.insertInto('photo_owners').values({ ...row, created_at: at })
        .onConflict((oc) => oc.columns(['sha256', 'user_id']).doNothing()).execute();
    }
    await db.schema.createIndex('photos_public_id').on('photos').column('public_id').unique().execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('photos_public_id').execute();
    await db.schema.alterTable('photos').dropColumn('public_id').execute();
    await db.schema.dropTable('photo_owners').execute();
  },
};
