// Schema migrations as Kysely code, listed here (no files read at run time, so a bundled server carries them).
// Never edit a shipped migration: add the next one. Applied at start by the server and by the CLI.
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { dialectOf, type Db } from './connect';
import { migration0002 } from './migration-0002-review';
import { migration0003 } from './migration-0003-lists-and-publication';
import { migration0004 } from './migration-0004-search-index';
import { migration0005 } from './migration-0005-event-order-index';
import { TABLES } from './schema';

function migrations(dialect: 'sqlite' | 'postgres'): Record<string, Migration> {
  return {
    '0001_initial': {
      async up(db: Kysely<any>) {
        await db.schema.createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('area', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('disabled_at', 'text')
          .execute();

        await db.schema.createTable('sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('renewed_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
        await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

        await db.schema.createTable('cases')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('commune_code', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('fields', 'text', (c) => c.notNull())
          .addColumn('subject_kind', 'text', (c) => c.notNull())
          .addColumn('subject_name', 'text', (c) => c.notNull())
          .addColumn('subject_category_id', 'text', (c) => c.notNull())
          .addColumn('movement_id', 'text', (c) => c.notNull())
          .addColumn('field_of_life_id', 'text', (c) => c.notNull())
          .addColumn('deed_date', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .execute();
        for (const column of ['owner_id', 'commune_code', 'status', 'movement_id', 'deed_date', 'received_at']) {
          await db.schema.createIndex(`cases_${column}`).on('cases').column(column).execute();
        }

        await db.schema.createTable('case_revisions')
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('fields', 'text', (c) => c.notNull())
          .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('case_revisions_pk', ['case_id', 'revision'])
          .execute();

        await db.schema.createTable('photos')
          .addColumn('sha256', 'text', (c) => c.primaryKey())
          .addColumn('bytes', 'integer', (c) => c.notNull())
          .addColumn('width', 'integer', (c) => c.notNull())
          .addColumn('height', 'integer', (c) => c.notNull())
          .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema.createTable('case_photos')
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
          .addColumn('sha256', 'text', (c) => c.notNull().references('photos.sha256'))
          .addPrimaryKeyConstraint('case_photos_pk', ['case_id', 'sha256'])
          .execute();
        await db.schema.createIndex('case_photos_sha256').on('case_photos').column('sha256').execute();

        await db.schema.createTable('case_events')
          .addColumn('seq', 'integer', (c) =>
            dialect === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement())
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('comment', 'text')
          .addColumn('actor_id', 'text', (c) => c.references('users.id'))
          .addColumn('at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('case_events_case').on('case_events').column('case_id').execute();
      },
      async down(db: Kysely<any>) {
        for (const t of ['case_events', 'case_photos', 'photos', 'case_revisions', 'cases', 'sessions', 'users']) {
          await db.schema.dropTable(t).execute();
        }
      },
    },
    '0002_review': migration0002,
    '0003_lists_and_publication': migration0003,
    '0004_search_index': migration0004,
    '0005_event_order_index': migration0005,
  };
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: 'sqlite' | 'postgres') {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect);
  }
}

/** Brings the database to the latest schema; throws (with the failing migration's name) if one fails. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider(dialectOf(db)) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Brings the database to the named migration (tests of a migration on data written by the one before). */
export async function migrateTo(db: Db, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider: new StaticProvider(dialectOf(db)) }).migrateTo(name);
  if (error) throw new Error(`migration to ${name} failed`, { cause: error });
}

/** Row counts of every table (health checks, tests). */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(r.rows[0]?.n ?? 0);
  }
  return counts;
}
