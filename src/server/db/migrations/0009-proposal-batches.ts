// 0009: proposal batches (shared/batch-protocol.ts) and the commendation settings.
// - batches: one submission to an authority; its header (BatchHeader) and council meeting (CouncilMeeting) as JSON
//   text, the columns lists filter and sort on copied out. public_id names its public notice (never the batch id).
// - batch_cases: the cases of a batch, with the council's vote and the decision's outcome. `open` is 1 while the
//   batch is a draft or submitted; the partial unique index keeps a case in at most one open batch.
// - batch_events: the batch's audit log (append-only): who did what, when, with its detail as JSON.
// - batch_comments: citizens' comments on a batch's public notice (no account; the text and an optional name).
// - settings: small documents an administrator edits, by key ('commendation': CommendationSettings, …).
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../connect';

export const migration0009 = (dialect: DialectName): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema.createTable('batches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('authority', 'text', (c) => c.notNull())
      .addColumn('area', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('symbol', 'text', (c) => c.notNull())
      .addColumn('doc_date', 'text', (c) => c.notNull())
      .addColumn('header', 'text', (c) => c.notNull())
      .addColumn('council', 'text')
      .addColumn('decision_number', 'text')
      .addColumn('decision_date', 'text')
      .addColumn('decision_authority', 'text')
      .addColumn('decision_signer', 'text')
      .addColumn('withdrawn_reason', 'text')
      .addColumn('public_id', 'text', (c) => c.notNull().unique())
      .addColumn('notice_from', 'text')
      .addColumn('notice_until', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('withdrawn_at', 'text')
      .execute();
    await db.schema.createIndex('batches_area_status').on('batches').columns(['area', 'status']).execute();

    await db.schema.createTable('batch_cases')
      .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('form_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('open', 'integer', (c) => c.notNull())
      .addColumn('vote_agree', 'integer')
      .addColumn('vote_voters', 'integer')
      .addColumn('outcome', 'text')
      .addColumn('outcome_comment', 'text')
      .addColumn('return_to', 'text')
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('batch_cases_pk', ['batch_id', 'case_id'])
      .execute();
    await db.schema.createIndex('batch_cases_one_open').on('batch_cases').column('case_id').unique()
      .where(sql.ref('open'), '=', 1).execute();
    await db.schema.createIndex('batch_cases_case').on('batch_cases').column('case_id').execute();

    await db.schema.createTable('batch_events')
      .addColumn('seq', 'integer', (c) =>
        dialect === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement())
      .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.references('users.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('batch_events_batch').on('batch_events').columns(['batch_id', 'seq']).execute();

    await db.schema.createTable('batch_comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
      .addColumn('author_name', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('batch_comments_batch').on('batch_comments').columns(['batch_id', 'created_at']).execute();

    await db.schema.createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.references('users.id'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const table of ['settings', 'batch_comments', 'batch_events', 'batch_cases', 'batches']) {
      await db.schema.dropTable(table).execute();
    }
  },
});
