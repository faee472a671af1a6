// 0002: the review workspace. The commendation a case received, a folded search column filled at write time
// (and here for cases already stored), the "from" status and decision of each audit event, and indexes for
// keyset paging of the reviewer list (newest first, optionally within a commune or a status).
import { sql, type Kysely, type Migration } from 'kysely';
import { searchText0002 } from './0002-search-text';

const BATCH = 500;

export const migration0002: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('cases').addColumn('commendation_form_id', 'text').execute();
    await db.schema.alterTable('cases').addColumn('decision_number', 'text').execute();
    await db.schema.alterTable('cases').addColumn('decision_date', 'text').execute();
    await db.schema.alterTable('cases').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
    for (const column of ['from_status', 'form_id', 'decision_number', 'decision_date']) {
      await db.schema.alterTable('case_events').addColumn(column, 'text').execute();
    }

    let after = '';
    for (;;) {
      const rows: { id: string; fields: string }[] = await db.selectFrom('cases').select(['id', 'fields'])
        .where('id', '>', after).orderBy('id').limit(BATCH).execute();
      for (const row of rows) {
        const text = searchText0002(JSON.parse(row.fields) as Parameters<typeof searchText0002>[0]);
        await db.updateTable('cases').set({ search_text: text }).where('id', '=', row.id).execute();
      }
      if (rows.length < BATCH) break;
      after = rows.at(-1)!.id;
    }

    // The composites below start with what the single-column indexes of 0001 indexed.
    await db.schema.dropIndex('cases_commune_code').execute();
    await db.schema.dropIndex('cases_status').execute();
    await db.schema.createIndex('cases_created').on('cases').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('cases_commune_created').on('cases').columns(['commune_code', 'created_at', 'id']).execute();
    await db.schema.createIndex('cases_status_created').on('cases').columns(['status', 'created_at', 'id']).execute();
    await db.schema.createIndex('cases_commune_status_created').on('cases').columns(['commune_code', 'status', 'created_at', 'id']).execute();
    await sql`analyze`.execute(db);
  },
  async down(db: Kysely<any>) {
    for (const name of ['cases_created', 'cases_commune_created', 'cases_status_created', 'cases_commune_status_created']) {
      await db.schema.dropIndex(name).execute();
    }
    await db.schema.createIndex('cases_commune_code').on('cases').column('commune_code').execute();
    await db.schema.createIndex('cases_status').on('cases').column('status').execute();
    for (const column of ['from_status', 'form_id', 'decision_number', 'decision_date']) {
      await db.schema.alterTable('case_events').dropColumn(column).execute();
    }
    for (const column of ['commendation_form_id', 'decision_number', 'decision_date', 'search_text']) {
      await db.schema.alterTable('cases').dropColumn(column).execute();
    }
  },
};
