// After personal data is deleted (an erasure), SQLite still holds it in the search index's merged-away entries
// and in the write-ahead log until they are reused; secure_delete (connect.ts) zeroes the freed pages. This
// rewrites the index without the deleted entries and empties the WAL into the zeroed database file. On
// PostgreSQL, deleted rows stay in the table files until VACUUM reuses them (autovacuum does; the README says so).
import { sql } from 'kysely';
import { dialectOf, type Db } from './connect';

export async function purgeDeleted(db: Db): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await sql`insert into cases_search (cases_search) values ('optimize')`.execute(db);
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}
