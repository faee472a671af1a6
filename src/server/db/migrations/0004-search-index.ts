// 0004: an index for the reviewer list's text search, which looks for every folded word as a substring of
// cases.search_text (review/list.ts). Without it a search that matches little reads every case.
// - PostgreSQL: pg_trgm and a GIN trigram index; `search_text LIKE '%word%'` uses it for words of 3 characters
//   or more. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: a role with CREATE on the
//   database may install it. When it cannot be installed (no contrib, no right), the migration logs a warning
//   and goes on without the index: search gives the same answers, only slower. To add it later, as a superuser:
//     create extension pg_trgm; create index cases_search_trgm on cases using gin (search_text gin_trgm_ops);
// - SQLite: cases_search, an FTS5 table with the trigram tokenizer over cases.search_text (external content:
//   the text is not stored twice), keyed by the cases' rowid and kept in step by triggers on every write to
//   cases. Rowids of a table without an INTEGER PRIMARY KEY are stable except across VACUUM: after a VACUUM, or
//   a later migration that rebuilds cases, run `insert into cases_search (cases_search) values ('rebuild')`.
import { sql, type Kysely, type Migration } from 'kysely';
import { createLogger, errorFields } from '../../log';
import type { DialectName } from '../connect';

async function upPostgres(db: Kysely<any>): Promise<void> {
  // Migrations run in one transaction on PostgreSQL: a failed statement must not abort the rest.
  await sql`savepoint search_extension`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`release savepoint search_extension`.execute(db);
  } catch (err) {
    await sql`rollback to savepoint search_extension`.execute(db);
    createLogger().warn('pg_trgm unavailable: text search works without an index (slower)', errorFields(err));
    return;
  }
  await sql`create index cases_search_trgm on cases using gin (search_text gin_trgm_ops)`.execute(db);
}

// SQLite runs migrations outside a transaction: every statement may be repeated after a failed attempt.
async function upSqlite(db: Kysely<any>): Promise<void> {
  await sql`create virtual table if not exists cases_search
    using fts5(search_text, content='cases', content_rowid='rowid', tokenize='trigram')`.execute(db);
  await sql`create trigger if not exists cases_search_insert after insert on cases begin
    insert into cases_search (rowid, search_text) values (new.rowid, new.search_text);
  end`.execute(db);
  await sql`create trigger if not exists cases_search_delete after delete on cases begin
    insert into cases_search (cases_search, rowid, search_text) values ('delete', old.rowid, old.search_text);
  end`.execute(db);
  await sql`create trigger if not exists cases_search_update after update of search_text on cases
    when old.search_text is not new.search_text begin
    insert into cases_search (cases_search, rowid, search_text) values ('delete', old.rowid, old.search_text);
    insert into cases_search (rowid, search_text) values (new.rowid, new.search_text);
  end`.execute(db);
  await sql`insert into cases_search (cases_search) values ('rebuild')`.execute(db);
}

export const migration0004 = (dialect: DialectName): Migration => ({
  async up(db: Kysely<any>) {
    if (dialect === 'postgres') await upPostgres(db);
    else await upSqlite(db);
  },
  async down(db: Kysely<any>) {
    if (dialect === 'postgres') {
      await sql`drop index if exists cases_search_trgm`.execute(db);
      return;
    }
    for (const trigger of ['cases_search_insert', 'cases_search_delete', 'cases_search_update']) {
      await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
    }
    await sql`drop table if exists cases_search`.execute(db);
  },
});
