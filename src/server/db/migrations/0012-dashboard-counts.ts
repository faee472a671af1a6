// 0012: the dashboard's counts, kept up to date by every write of a case (dashboard/counts/), so the report reads
// a few thousand rows instead of every case and event. One row per (commune, grain, figure, period, key): commune
// a commune code or '' for the whole province, grain 'day' or 'month' of the case's first receipt in Vietnam
// (period 'yyyy-mm-dd' or 'yyyy-mm'; both grains for every area), figure and key what is counted
// (dashboard/counts/items.ts); n may be negative (net changes of status). The key's order serves the report's
// reads: one area and grain, a few figures, a range of periods. SQLite stores the rows in that order (without
// rowid); PostgreSQL's key index includes n, so that those reads touch the index only. The table starts empty: the server fills it from the cases and events when it starts (a recount), so
// this migration needs none of the app's code. case_events_at serves the report's read of today's status moves.
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../connect';

export const migration0012 = (dialect: DialectName): Migration => ({
  async up(db: Kysely<any>) {
    // PostgreSQL: the key compared byte by byte (collation "C"), as SQLite does: ISO days and codes need no more,
    // and the recount's sorting and indexing of millions of rows are several times faster than by the locale.
    const keyText = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
    const table = db.schema.createTable('dashboard_counts')
      .addColumn('commune', keyText, (c) => c.notNull())
      .addColumn('grain', keyText, (c) => c.notNull())
      .addColumn('figure', keyText, (c) => c.notNull())
      .addColumn('period', keyText, (c) => c.notNull())
      .addColumn('key', keyText, (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull());
    if (dialect === 'sqlite') {
      await table.addPrimaryKeyConstraint('dashboard_counts_pk', ['commune', 'grain', 'figure', 'period', 'key']).modifyEnd(sql`without rowid`).execute();
    } else {
      // n in the key's index: the report's reads are index-only scans, not a heap page per row.
      await table.execute();
      await sql`alter table dashboard_counts add constraint dashboard_counts_pk primary key (commune, grain, figure, period, key) include (n)`.execute(db);
    }
    await db.schema.createIndex('case_events_at').on('case_events').column('at').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('case_events_at').execute();
    await db.schema.dropTable('dashboard_counts').execute();
  },
});
