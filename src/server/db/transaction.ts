// Write transactions and locks, the two places where SQLite and PostgreSQL behave differently.
import { sql, type Transaction } from 'kysely';
import { dialectOf, type Db } from './connect';
import type { Database } from './schema';

export type Tx = Transaction<Database> | Db;

/**
 * Runs fn in a write transaction; it has committed when the promise resolves (a 201 means on disk).
 *
 * PostgreSQL: a transaction of its own (the server groups concurrent commits' WAL flushes itself).
 * SQLite: group commit. Its writers are serialised anyway, and each COMMIT costs an fsync (synchronous=FULL), so
 * the calls that arrive while a transaction runs wait for it and then share the next one: BEGIN IMMEDIATE, each
 * call in a savepoint of its own (one that throws is rolled back alone and gets its error), one COMMIT. Calls
 * never see each other half-done: they run one after another inside the group.
 */
export function writeTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'postgres') return db.transaction().execute(fn);
  return new Promise<T>((resolve, reject) => {
    const group = groupOf(db);
    group.waiting.push({ fn, resolve: resolve as (value: unknown) => void, reject });
    if (!group.running) void runGroups(db, group);
  });
}

interface Member { fn: (tx: Tx) => Promise<unknown>; resolve: (value: unknown) => void; reject: (err: unknown) => void }
interface Group { waiting: Member[]; running: boolean; stats: GroupCommitStats }

/** How many commits SQLite's write transactions took, and how many calls they carried. */
export interface GroupCommitStats { commits: number; calls: number }

/** Calls that share one commit at most: a bound on how long the first of them waits for the last. */
export const MAX_GROUP = 64;

const groups = new WeakMap<Db, Group>();

function groupOf(db: Db): Group {
  let group = groups.get(db);
  if (!group) groups.set(db, (group = { waiting: [], running: false, stats: { commits: 0, calls: 0 } }));
  return group;
}

export const groupCommitStats = (db: Db): GroupCommitStats => ({ ...groupOf(db).stats });

async function runGroups(db: Db, group: Group): Promise<void> {
  group.running = true;
  try {
    while (group.waiting.length > 0) {
      const members = group.waiting.splice(0, MAX_GROUP);
      await db.connection().execute((conn) => commitTogether(conn, members, group)).catch((err: unknown) => {
        for (const m of members) m.reject(err); // the connection itself failed: nothing of theirs is written
      });
    }
  } finally {
    group.running = false;
  }
}

async function commitTogether(conn: Tx, members: Member[], group: Group): Promise<void> {
  await sql`begin immediate`.execute(conn);
  const done: { member: Member; value: unknown }[] = [];
  for (let i = 0; i < members.length; i++) {
    const member = members[i]!;
    await sql`savepoint gs_member`.execute(conn);
    try {
      const value = await member.fn(conn);
      await sql`release gs_member`.execute(conn);
      done.push({ member, value });
    } catch (err) {
      try {
        await sql`rollback to gs_member`.execute(conn);
        await sql`release gs_member`.execute(conn);
      } catch {
        // SQLite rolled the whole transaction back itself (a full disk, an I/O error): the calls before this one
        // lost their writes too, and the ones after it go into the next group.
        for (const d of done) d.member.reject(err);
        group.waiting.unshift(...members.slice(i + 1));
        member.reject(err);
        return;
      }
      member.reject(err);
    }
  }
  try {
    await sql`commit`.execute(conn);
  } catch (err) {
    await sql`rollback`.execute(conn).catch(() => {});
    for (const d of done) d.member.reject(err);
    return;
  }
  group.stats.commits++;
  group.stats.calls += done.length;
  for (const d of done) d.member.resolve(d.value);
}

/**
 * Serialises transactions that share a key until they end (PostgreSQL advisory lock). SQLite needs nothing:
 * its writers are already serialised.
 */
export async function lockKey(tx: Tx, key: string): Promise<void> {
  if (dialectOf(tx) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
}
