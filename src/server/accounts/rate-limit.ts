// Login throttling, counted in the database (login_throttle) BEFORE the password is checked, in one write
// transaction, so 30 guesses sent at once cannot all be checked, and neither a restart nor a second server
// process resets the count.
// Per (username, address): LOGIN_MAX_FAILURES attempts, then each further one waits twice as long as the one
// before (2 s, 4 s, 8 s, … at most LOGIN_WINDOW). A stranger guessing from elsewhere slows only their own pair,
// never the real user at theirs. Per address, all usernames: LOGIN_MAX_FAILURES_PER_IP attempts, then none for
// LOGIN_WINDOW. A key left alone for LOGIN_WINDOW starts again from zero. A correct password clears its pair and
// gives its address the attempt back.
// The checks themselves (scrypt: 32 MiB, ~0.1 s each, on the thread pool that file reads share) run at most
// `hashConcurrency` at a time in this process and a few more wait; beyond that the answer is 429 at once, so a
// login flood cannot starve uploads (such an attempt stays counted: under a flood, the cheaper mistake).
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { writeTransaction, type Tx } from '../db/transaction';
import { Slots, SlotsFull } from '../http/slots';

export interface LimitConfig { windowMs: number; maxPerUser: number; maxPerIp: number; hashConcurrency: number }

/** Not now: try again in `seconds`. `busy`: the server is, not the caller's count. */
export class LoginRefused extends Error {
  constructor(readonly seconds: number, readonly busy = false) {
    super('login refused');
  }
}

const WAITING_PER_SLOT = 8;

const addressKey = (ip: string) => `a:${ip}`;
const pairKey = (username: string, ip: string) => `p:${ip} ${username}`;

export class LoginLimiter {
  /** Password checks started in this process (tests count them). */
  checks = 0;
  private readonly slots: Slots;

  constructor(private readonly config: LimitConfig) {
    this.slots = new Slots(config.hashConcurrency, config.hashConcurrency * WAITING_PER_SLOT);
  }

  /** Counts an attempt for the address and for the pair, or throws LoginRefused having counted neither. */
  async admit(db: Db, username: string, ip: string, now: number): Promise<void> {
    const { windowMs, maxPerIp, maxPerUser } = this.config;
    await writeTransaction(db, async (tx) => {
      await count(tx, addressKey(ip), now, windowMs, (n) => (n < maxPerIp ? 0 : windowMs));
      await count(tx, pairKey(username, ip), now, windowMs,
        (n) => (n < maxPerUser ? 0 : Math.min(2 ** (n - maxPerUser + 1) * 1000, windowMs)));
    });
  }

  async succeeded(db: Db, username: string, ip: string): Promise<void> {
    await writeTransaction(db, async (tx) => { // address, then pair: the order admit locks them in
      await tx.updateTable('login_throttle').set({ attempts: sql`attempts - 1`, next_at_ms: 0 })
        .where('key', '=', addressKey(ip)).where('attempts', '>', 0).execute();
      await tx.deleteFrom('login_throttle').where('key', '=', pairKey(username, ip)).execute();
    });
  }

  /** Runs a password check when a slot is free, waits for one if few are waiting, else LoginRefused (busy). */
  async check<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.slots.run(() => {
        this.checks++;
        return fn();
      });
    } catch (err) {
      throw err instanceof SlotsFull ? new LoginRefused(1, true) : err;
    }
  }
}

/**
 * One attempt on `key`, if its next_at has come: a single upsert that increments (or starts again after a quiet
 * window) and returns the count, then the wait before the next attempt. Runs inside the caller's write
 * transaction, which holds the row until commit, so concurrent attempts see each other's counts.
 */
async function count(tx: Tx, key: string, now: number, windowMs: number, delayAfter: (n: number) => number): Promise<void> {
  const stale = now - windowMs;
  const row = await tx.insertInto('login_throttle')
    .values({ key, attempts: 1, last_at_ms: now, next_at_ms: 0 })
    .onConflict((oc) => oc.column('key').doUpdateSet({
      attempts: sql<number>`case when login_throttle.last_at_ms <= ${stale} then 1 else login_throttle.attempts + 1 end`,
      last_at_ms: now,
      next_at_ms: 0,
    }).where((eb) => eb.or([eb('login_throttle.next_at_ms', '<=', now), eb('login_throttle.last_at_ms', '<=', stale)])))
    .returning('attempts')
    .executeTakeFirst();
  if (!row) {
    const held = await tx.selectFrom('login_throttle').select('next_at_ms').where('key', '=', key).executeTakeFirstOrThrow();
    throw new LoginRefused(Math.max(1, Math.ceil((Number(held.next_at_ms) - now) / 1000)));
  }
  const delay = delayAfter(Number(row.attempts));
  if (delay > 0) await tx.updateTable('login_throttle').set({ next_at_ms: now + delay }).where('key', '=', key).execute();
}

/** Rows untouched for a whole window count for nothing any more. */
export async function deleteStaleAttempts(db: Db, windowMs: number, now = Date.now()): Promise<number> {
  const r = await db.deleteFrom('login_throttle').where('last_at_ms', '<=', now - windowMs).executeTakeFirst();
  return Number(r.numDeletedRows);
}
