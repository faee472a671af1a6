// Copying an SQLite deployment's database into an empty PostgreSQL one (npm run migrate-to-postgres), and the
// per-table digests that check the copy: a count and a SHA-256 over the table's rows (each row's columns by name,
// every value as text, the rows' hashes sorted, so the order each database returns them in does not matter).
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { dialectOf, type Db } from './connect';
import { TABLES } from './schema';

export type Table = (typeof TABLES)[number];
type Row = Record<string, unknown>;

const PAGE = 1000;
/** Identity columns (generated always on PostgreSQL): copied as they are, their sequence moved past the maximum. */
const IDENTITY: Partial<Record<Table, string>> = { case_events: 'seq', batch_events: 'seq' };
/** Filled by the migrations themselves (0003's lists): replaced by the source's rows, never counted as data. */
const SEEDED: readonly Table[] = ['reference_entries'];
/** PostgreSQL takes at most 65,535 parameters a statement. */
const MAX_PARAMETERS = 60_000;

/** A table's rows a page at a time, in storage order (rowid on SQLite, ctid on PostgreSQL). */
async function* pages(db: Kysely<any>, table: Table): AsyncGenerator<Row[]> {
  const postgres = dialectOf(db) === 'postgres';
  let after: string | number = postgres ? '(0,0)' : -1;
  for (;;) {
    const { rows } = postgres
      ? await sql<Row>`select ctid::text as "__key", * from ${sql.table(table)} where ctid > ${after}::tid order by ctid limit ${PAGE}`.execute(db)
      : await sql<Row>`select rowid as "__key", * from ${sql.table(table)} where rowid > ${after} order by rowid limit ${PAGE}`.execute(db);
    if (rows.length === 0) return;
    after = rows.at(-1)!.__key as string | number;
    yield rows.map(({ __key, ...row }) => row);
    if (rows.length < PAGE) return;
  }
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

function rowHash(row: Row): string {
  const columns = Object.keys(row).sort();
  return createHash('sha256').update(JSON.stringify(columns.map((c) => [c, text(row[c])]))).digest('hex');
}

export interface TableDigest { table: Table; rows: number; sha256: string }

/** The count and content hash of every table, in TABLES order. */
export async function tableDigests(db: Kysely<any>): Promise<TableDigest[]> {
  const out: TableDigest[] = [];
  for (const table of TABLES) {
    const hashes: string[] = [];
    for await (const rows of pages(db, table)) hashes.push(...rows.map(rowHash));
    hashes.sort();
    out.push({ table, rows: hashes.length, sha256: createHash('sha256').update(hashes.join('\n')).digest('hex') });
  }
  return out;
}

/** The tables of the target that already hold data (the copy goes only into an empty database); read only. */
export async function tablesWithData(target: Db): Promise<{ table: Table; rows: number }[]> {
  const existing = await sql<{ table_name: string }>`select table_name from information_schema.tables
    where table_schema = current_schema()`.execute(target);
  const names = new Set(existing.rows.map((r) => r.table_name));
  const found: { table: Table; rows: number }[] = [];
  for (const table of TABLES) {
    if (SEEDED.includes(table) || !names.has(table)) continue;
    const r = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}`.execute(target);
    const rows = Number(r.rows[0]?.n ?? 0);
    if (rows > 0) found.push({ table, rows });
  }
  return found;
}

async function insertRows(tx: Kysely<any>, table: Table, rows: Row[]): Promise<void> {
  const columns = Object.keys(rows[0]!);
  const per = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const overriding = IDENTITY[table] ? sql`overriding system value` : sql``;
  for (let i = 0; i < rows.length; i += per) {
    const values = rows.slice(i, i + per).map((row) => sql`(${sql.join(columns.map((c) => row[c]))})`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) ${overriding} values ${sql.join(values)}`.execute(tx);
  }
}

/**
 * Copies every table of `source` (SQLite, at the latest schema) into `target` (PostgreSQL, at the latest schema,
 * without data), in TABLES order (parents before children), in one transaction on each side: the source is read
 * as one snapshot, and a failed copy leaves the target as empty as it was. Returns the rows copied per table.
 */
export async function copyDatabase(source: Db, target: Db): Promise<Record<Table, number>> {
  const copied = {} as Record<Table, number>;
  await source.transaction().execute(async (src) => {
    await target.transaction().execute(async (tx) => {
      for (const table of SEEDED) await tx.deleteFrom(table).execute();
      for (const table of TABLES) {
        copied[table] = 0;
        for await (const rows of pages(src, table)) {
          await insertRows(tx, table, rows);
          copied[table] += rows.length;
        }
        const column = IDENTITY[table];
        if (column) {
          // The next generated value comes after the largest copied one (1 in an empty table).
          await sql`select setval(pg_get_serial_sequence(${table}, ${column}),
            coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(tx);
        }
      }
    });
  });
  return copied;
}
