// 0003: what the dashboard, the bulletin and the administration need.
// - cases.ethnicity_code and cases.consent_publication: copies of fields (the priority-group share counts
//   ethnic-minority subjects; the bulletin shows only cases whose subject consented), filled here for cases
//   already stored. cases.published_at: when the case went on the bulletin (null when it is not on it).
// - reference_entries: the lists an administrator edits without a release (movements, fields of life, subject
//   categories, commendation forms, award types), seeded from the lists the app shipped with then (a frozen copy:
//   0003-seed-lists.json). A retired entry stays (old cases still name it) but is no longer offered.
import { sql, type Kysely, type Migration } from 'kysely';
import seedLists from './0003-seed-lists.json';

const BATCH = 500;

export const migration0003: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('cases').addColumn('ethnicity_code', 'text').execute();
    await db.schema.alterTable('cases').addColumn('consent_publication', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('cases').addColumn('published_at', 'text').execute();

    let after = '';
    for (;;) {
      const rows: { id: string; fields: string }[] = await db.selectFrom('cases').select(['id', 'fields'])
        .where('id', '>', after).orderBy('id').limit(BATCH).execute();
      for (const row of rows) {
        const fields = JSON.parse(row.fields) as { ethnicityCode?: string; consentPublication?: boolean };
        await db.updateTable('cases')
          .set({ ethnicity_code: fields.ethnicityCode ?? null, consent_publication: fields.consentPublication ? 1 : 0 })
          .where('id', '=', row.id).execute();
      }
      if (rows.length < BATCH) break;
      after = rows.at(-1)!.id;
    }
    const published = await db.selectFrom('case_events').select(['case_id', sql<string>`max(at)`.as('at')])
      .where('status', '=', 'published').groupBy('case_id').execute();
    for (const row of published as { case_id: string; at: string }[]) {
      await db.updateTable('cases').set({ published_at: row.at }).where('id', '=', row.case_id).where('status', '=', 'published').execute();
    }
    await db.schema.createIndex('cases_published').on('cases').columns(['published_at', 'id']).execute();

    await db.schema.createTable('reference_entries')
      .addColumn('list', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('level', 'text')                                       // commendation forms: xa, tinh, trung-uong…
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0)) // subject categories the directive favours
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('retired_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('reference_entries_pk', ['list', 'id'])
      .execute();
    const at = new Date().toISOString();
    for (const list of Object.keys(seedLists) as (keyof typeof seedLists)[]) {
      const entries = seedLists[list] as { id: string; name: string; level?: string; priority?: boolean }[];
      await db.insertInto('reference_entries').values(entries.map((e, position) => ({
        list, id: e.id, name: e.name, level: e.level ?? null, priority: e.priority ? 1 : 0, position, retired_at: null, updated_at: at,
      }))).execute();
    }
    await sql`analyze`.execute(db);
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('reference_entries').execute();
    await db.schema.dropIndex('cases_published').execute();
    for (const column of ['ethnicity_code', 'consent_publication', 'published_at']) {
      await db.schema.alterTable('cases').dropColumn(column).execute();
    }
  },
};
