// Shared by the benchmarks: many cases written straight into the database (no HTTP, no validation), in batches,
// with their photo uses and audit events, then the dashboard's counts recounted and ANALYZE; and the median time of
// a repeated call.
import { CompiledQuery, sql, type Insertable } from 'kysely';
import { tmpdir } from 'node:os';
import { canonicalJson, sha256Hex } from '../../src/server/cases/canonical';
import { dialectOf, openDatabase, type Db } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrations';
import { recountDashboard } from '../../src/server/dashboard/counts/recount';
import type { CaseEventsTable, CasesTable } from '../../src/server/db/schema';
import { caseSearchText } from '../../src/shared/case-search';
import type { CaseFields } from '../../src/shared/case-schema';
import { communes, defaultLists, SUBJECT_KINDS } from '../../src/shared/reference';
import type { ServerStatus } from '../../src/shared/sync-protocol';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '../support/databases';

export const BENCH_OWNER = 'bench-owner';

/** The reporter who owns the seeded cases (a benchmark that signs in makes its own user instead). */
export async function insertBenchOwner(db: Db): Promise<string> {
  await db.insertInto('users').values({
    id: BENCH_OWNER, username: 'bench-owner', display_name: 'Bench', role: 'reporter', area: '12', password_hash: 'x',
    created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', disabled_at: null,
  }).execute();
  return BENCH_OWNER;
}

export const pick = <T>(list: readonly T[], k: number): T => list[k % list.length]!;

/** Made once: building the fixture's object literal costs more than a case's row (tens of µs, a million times). */
const BASE_FIELDS = caseFields();

/** Case i's fields: communes, lists and kinds cycle at different strides, deed dates over 2024–2026. */
export const benchCaseFields = (i: number, over: Partial<CaseFields> = {}): CaseFields => ({
  ...BASE_FIELDS,
  communeCode: pick(communes, i * 7).code,
  subjectKind: pick(SUBJECT_KINDS, i),
  movementId: pick(defaultLists.movements, i * 3).id,
  fieldOfLifeId: pick(defaultLists.fieldsOfLife, i * 5).id,
  subjectCategoryId: pick(defaultLists.subjectCategories, i * 11).id,
  deedDate: new Date(Date.UTC(2024, 0, 1 + (i % 900))).toISOString().slice(0, 10),
  ...over,
});

/** A cases row for the fields, first received at `at`. */
export function caseRow(fields: CaseFields, owner: string, status: ServerStatus, at: string,
  over: Partial<Insertable<CasesTable>> = {}): Insertable<CasesTable> {
  const json = canonicalJson(fields);
  return {
    id: newCaseId(), owner_id: owner, commune_code: fields.communeCode, status, revision: 1, content_hash: sha256Hex(json),
    fields: json, subject_kind: fields.subjectKind, subject_name: fields.subjectName, subject_category_id: fields.subjectCategoryId,
    movement_id: fields.movementId, field_of_life_id: fields.fieldOfLifeId, deed_date: fields.deedDate, created_at: at,
    updated_at: at, received_at: at, search_text: caseSearchText(fields), ethnicity_code: fields.ethnicityCode ?? null,
    consent_publication: fields.consentPublication ? 1 : 0, ...over,
  };
}

export interface SeedCase {
  row: Insertable<CasesTable>;
  /** sha256 of the photos the case uses */
  photos?: readonly string[];
  /** Its audit events, oldest first (their seq follows this order). */
  events?: readonly Omit<Insertable<CaseEventsTable>, 'case_id'>[];
}

/** Both databases cap a statement's parameters (SQLite 32,766, PostgreSQL 65,535). */
const PARAMETERS_PER_STATEMENT = 30_000;

/**
 * Rows into a table as multi-row INSERTs written here, not by Kysely's builder (whose compiling of thousands of
 * rows costs more than the database's work). Rows are grouped by their columns; values are parameters.
 */
async function insertRows(db: Db, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  const byColumns = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const columns = Object.keys(row).join(',');
    const same = byColumns.get(columns);
    if (same) same.push(row); else byColumns.set(columns, [row]);
  }
  for (const [joined, group] of byColumns) {
    const columns = joined.split(',');
    const perStatement = Math.floor(PARAMETERS_PER_STATEMENT / columns.length);
    for (let i = 0; i < group.length; i += perStatement) {
      const chunk = group.slice(i, i + perStatement);
      const parameters: unknown[] = [];
      const tuples = chunk.map((row) => `(${columns.map((c) => {
        parameters.push(row[c] ?? null);
        return postgres ? `$${parameters.length}` : '?';
      }).join(',')})`);
      await db.executeQuery(CompiledQuery.raw(`insert into ${table} (${columns.join(',')}) values ${tuples.join(',')}`, parameters));
    }
  }
}

export interface SeedOptions {
  /** Cases per transaction (and per call of build's batch). */
  batch?: number;
  /** Recount the dashboard's counts afterwards (a database migrated before 0012 has none to recount). */
  recount?: boolean;
  /** Told after each transaction: how many cases are in. */
  progress?: (done: number) => void;
}

/**
 * Cases 0…count-1 from build(i), with their photo uses and events, in transactions of `batch` cases; then the
 * dashboard's recount (one INSERT … SELECT … GROUP BY) and ANALYZE.
 */
export async function seedCases(db: Db, count: number, build: (i: number) => SeedCase, options: SeedOptions | number = {}): Promise<void> {
  const { batch = 10_000, recount = true, progress } = typeof options === 'number' ? { batch: options } : options;
  for (let start = 0; start < count; start += batch) {
    const seeds = Array.from({ length: Math.min(count, start + batch) - start }, (_, k) => build(start + k));
    const caseId = (s: SeedCase) => s.row.id as string;
    await db.transaction().execute(async (tx) => {
      await insertRows(tx, 'cases', seeds.map((s) => s.row));
      await insertRows(tx, 'case_photos', seeds.flatMap((s) => (s.photos ?? []).map((sha256) => ({ case_id: caseId(s), sha256 }))));
      await insertRows(tx, 'case_events', seeds.flatMap((s) => (s.events ?? []).map((e) => ({ case_id: caseId(s), ...e }))));
    });
    progress?.(start + seeds.length);
  }
  if (recount) await recountDashboard(db);
  await sql`analyze`.execute(db);
}

/** The median of `runs` timed calls, after one untimed call. */
export async function medianMs(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** Where a benchmark's database is: the folder (SQLite's file and the photos) and, for PostgreSQL, its URL. */
export type BenchDatabase = Pick<TestDatabase, 'kind' | 'dataDir' | 'databaseUrl'>;

/** BENCH_REUSE: a kept SQLite database's folder, or a PostgreSQL URL then, after a space, its photos' folder. */
function reusedDatabase(reuse: string): BenchDatabase {
  const [first = '', dataDir] = reuse.trim().split(/\s+/);
  return first.startsWith('postgres')
    ? { kind: 'postgres', databaseUrl: first, dataDir: dataDir ?? tmpdir() }
    : { kind: 'sqlite', databaseUrl: undefined, dataDir: first };
}

/**
 * Runs `bench` on a fresh, migrated database of each kind BENCH_DB names (sqlite, postgres or both; by default
 * SQLite, plus PostgreSQL when TEST_DATABASE_URL is set), one after the other, dropping each afterwards (BENCH_KEEP=1
 * keeps them and prints the BENCH_REUSE that names them). With BENCH_REUSE, `again` measures that database once
 * more, without seeding it.
 */
export async function onBenchDatabases(bench: (db: Db, kind: DatabaseKind, database: TestDatabase) => Promise<void>,
  again?: (db: Db, database: BenchDatabase) => Promise<void>): Promise<void> {
  const reuse = process.env.BENCH_REUSE;
  if (reuse) {
    if (!again) throw new Error('BENCH_REUSE: this benchmark does not measure a kept database again');
    const database = reusedDatabase(reuse);
    const db = openDatabase(database);
    try {
      const cases = (await db.selectFrom('cases').select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
      console.log(`\n${database.kind}: ${Number(cases).toLocaleString('en-US')} cases, seeded before (${reuse})`);
      await again(db, database);
    } finally {
      await db.destroy();
    }
    return;
  }
  const which = process.env.BENCH_DB ?? (process.env.TEST_DATABASE_URL ? 'both' : 'sqlite');
  for (const kind of ['sqlite', 'postgres'] as const) {
    if (which !== 'both' && which !== kind) continue;
    const database = await createTestDatabase(kind);
    const db = database.open();
    try {
      await migrateToLatest(db);
      await bench(db, kind, database);
    } finally {
      await db.destroy();
      if (process.env.BENCH_KEEP === '1') console.log(`  kept: BENCH_REUSE='${[database.databaseUrl, database.dataDir].filter(Boolean).join(' ')}'`);
      else await database.drop();
    }
  }
}
