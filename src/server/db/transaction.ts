// Write transactions and locks, the two places where SQLite and PostgreSQL behave differently.
import { sql, type Transaction } from 'kysely';
import { dialectOf, type Db } from './connect';
import type { Database } from './schema';

export type Tx = Transaction<Database> | Db;

/** What a write transaction's call may ask of its commit. */
export interface Commit {
  /**
   * Work that must be durable before the transaction commits (a photo folder's fsync after a rename into it): run
   * once, just before the COMMIT, however many calls of that commit ask for the same key; if it fails, the
   * transaction is rolled back and every call of it fails.
   */
  before(key: string, task: () => Promise<void>): void;
}

/**
 * Runs fn in a write transaction; it has committed when the promise resolves (a 201 means on disk).
 *
 * PostgreSQL: a transaction of its own (the server groups concurrent commits' WAL flushes itself).
 * SQLite: group commit. Its writers are serialised anyway, and each COMMIT costs an fsync (synchronous=FULL), so
 * the calls that arrive while a transaction runs wait for it and then share the next one: BEGIN IMMEDIATE, each
 * call in a savepoint of its own (one that throws is rolled back alone and gets its error), the work they asked
 * to precede the commit (Commit.before, each key once), one COMMIT. Calls never see each other half-done: they
 * run one after another inside the group.
 */
export function writeTransaction<T>(db: Db, fn: (tx: Tx, commit: Commit) => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'postgres') {
    return db.transaction().execute(async (tx) => {
      const before = new Map<string, () => Promise<void>>();
      const value = await fn(tx, commitOf(before));
      await runBefore(before);
      return value;
    });
  }
  return new Promise<T>((resolve, reject) => {
    const group = groupOf(db);
    group.waiting.push({ fn: fn as Member['fn'], resolve: resolve as (value: unknown) => void, reject });
    if (!group.running) void runGroups(db, group);
  });
}

const commitOf = (before: Map<string, () => Promise<void>>): Commit => ({
  before(key, task) {
    if (!before.has(key)) before.set(key, task);
  },
});

/** The pre-commit work, all at once (a folder fsync each: the disk takes them together). */
async function runBefore(before: Map<string, () => Promise<void>>): Promise<void> {
  const results = await Promise.allSettled([...before.values()].map((task) => task()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

interface Member { fn: (tx: Tx, commit: Commit) => Promise<unknown>; resolve: (value: unknown) => void; reject: (err: unknown) => void }
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
  const before = new Map<string, () => Promise<void>>();
  const commit = commitOf(before);
  const done: { member: Member; value: unknown }[] = [];
  for (let i = 0; i < members.length; i++) {
    const member = members[i]!;
    await sql`savepoint gs_member`.execute(conn);
    try {
      const value = await member.fn(conn, commit);
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
    await runBefore(before);
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
