// Schema migrations as Kysely code, one file each in this folder, listed here (no files read at run time, so a
// bundled server carries them). Applied at start by the server and by the CLI.
// Frozen in time: never edit a shipped migration, add the next one. A migration imports no app code (only types
// and the logger): what it computes or seeds is copied here as it was when it shipped, so a fresh database and an
// upgraded one stay the same when the app's functions or reference lists change.
import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { dialectOf, type Db, type DialectName } from '../connect';
import { TABLES } from '../schema';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-review';
import { migration0003 } from './0003-lists-and-publication';
import { migration0004 } from './0004-search-index';
import { migration0005 } from './0005-event-order-index';
import { migration0006 } from './0006-photo-ownership';
import { migration0007 } from './0007-login-throttle';
import { migration0008 } from './0008-case-erasures';
import { migration0009 } from './0009-proposal-batches';
import { migration0011 } from './0011-account-usage';
import { migration0012 } from './0012-dashboard-counts';

function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001_initial': migration0001(dialect),
    '0002_review': migration0002,
    '0003_lists_and_publication': migration0003,
    '0004_search_index': migration0004(dialect),
    '0005_event_order_index': migration0005,
    '0006_photo_ownership': migration0006,
    '0007_login_throttle': migration0007,
    '0008_case_erasures': migration0008,
    '0009_proposal_batches': migration0009(dialect),
    '0011_account_usage': migration0011,
    '0012_dashboard_counts': migration0012(dialect),
  };
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
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

/** Migrations not yet applied to this database (`npm run verify`: a restored database must have none). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await new Migrator({ db, provider: new StaticProvider(dialectOf(db)) }).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
