// The dashboard's counts (src/server/dashboard/counts/) against the cases and events they are kept from: random
// cases written, revised (commune and lists changed), moved through random transitions and erased through the
// server's own service functions, over several months of a fake clock; then the counts must equal a recount, and
// the report read through them must equal the report read straight from cases and case_events (the former
// queries, test/support/dashboard-direct-queries.ts) for periods of days, weeks, months and the whole span, for
// the province and for one commune (periods cut mid-month among them), now and at a time in the middle of the writes.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TRANSITIONS } from '../../src/shared/appraisal';
import { addDays, vietnamDay } from '../../src/shared/dates';
import { defaultLists } from '../../src/shared/reference';
import type { ServerStatus, SessionUser } from '../../src/shared/sync-protocol';
import { transitionCase } from '../../src/server/appraisal/service';
import { BulletinCache } from '../../src/server/bulletin/cache';
import { putCase } from '../../src/server/cases/service';
import { periodRanges } from '../../src/server/dashboard/counts/read';
import { recountDashboard } from '../../src/server/dashboard/counts/recount';
import { dashboardReport } from '../../src/server/dashboard/report';
import type { Db } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrations';
import type { Deps } from '../../src/server/deps';
import { ApiFailure } from '../../src/server/http/errors';
import { createLogger } from '../../src/server/log';
import { PhotoStore } from '../../src/server/photos/store';
import { eraseCase } from '../../src/server/subject/erasure';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { directFigures } from '../support/dashboard-direct-queries';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/databases';
import { bodyFor } from '../support/review-fixtures';

const SEED = Number(process.env.COUNTS_SEED ?? 20260413);
const COMMUNES = ['03637', '03640', '03643'];
const REPORTER: SessionUser = { id: 'counts-reporter', username: 'counts-reporter', displayName: 'R', role: 'reporter', area: '12' };
const ADMIN: SessionUser = { id: 'counts-admin', username: 'counts-admin', displayName: 'A', role: 'admin', area: '12' };
const HOUR = 3_600_000;

/** mulberry32: the same "random" writes on every run with the same seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function countRows(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('dashboard_counts').selectAll().execute();
  return rows.map((r) => `${r.grain} ${r.commune} ${r.period} ${r.figure} ${r.key} ${Number(r.n)}`).sort();
}

/** A refusal the random writes expect now and then (a state that forbids the step): anything else fails the test. */
async function refusedOr<T>(write: () => Promise<T>): Promise<T | null> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof ApiFailure && [409, 422].includes(err.status)) return null;
    throw err;
  }
}

interface Written { times: string[]; done: Record<'created' | 'revised' | 'moved' | 'erased', number> }

async function writeRandomly(db: Db, deps: Deps, pick: () => number): Promise<Written> {
  const one = <T>(list: readonly T[]): T => list[Math.floor(pick() * list.length)]!;
  const cases: { id: string; revision: number; status: ServerStatus; fields: ReturnType<typeof caseFields> }[] = [];
  const done = { created: 0, revised: 0, moved: 0, erased: 0 };
  const times: string[] = [];
  let t = Date.UTC(2025, 0, 3, 2);
  const fieldsAt = (now: number) => caseFields({
    communeCode: one(COMMUNES), movementId: one(defaultLists.movements).id, fieldOfLifeId: one(defaultLists.fieldsOfLife).id,
    subjectCategoryId: one(defaultLists.subjectCategories).id, ethnicityCode: one(['01', '03', '05', undefined]),
    consentPublication: pick() < 0.7, deedDate: addDays(vietnamDay(now), -1 - Math.floor(pick() * 400)), // over many bins of the speeds
  });
  for (let step = 0; step < 260; step++) {
    // Some writes close together (the same hour, day), others days apart: every grain of the counts is crossed.
    t += Math.floor(pick() * (pick() < 0.5 ? 3 : 60)) * HOUR;
    const now = new Date(t);
    times.push(now.toISOString());
    const roll = pick();
    const live = cases.filter((c) => c.status !== 'erased');
    if (roll < 0.25 || live.length < 5) {
      const c = { id: newCaseId(), revision: 1, status: 'received' as ServerStatus, fields: fieldsAt(t) };
      await putCase(db, REPORTER, c.id, { baseRevision: 0, fields: c.fields }, 1 << 30, now);
      cases.push(c);
      done.created++;
    } else if (roll < 0.35) {
      const c = one(live);
      const fields = { ...fieldsAt(t), deedDate: c.fields.deedDate };
      const r = await refusedOr(() => putCase(db, REPORTER, c.id, { baseRevision: c.revision, fields }, 1 << 30, now));
      if (r) Object.assign(c, { revision: r.receipt.revision, status: r.receipt.status, fields }), done.revised++;
    } else if (roll < 0.38) {
      const c = one(live);
      await eraseCase({ ...deps, now: () => now }, ADMIN, c.id, 'Đơn yêu cầu số 1/2025');
      c.status = 'erased';
      done.erased++;
    } else {
      const c = one(live);
      const to = one(TRANSITIONS[c.status]);
      if (!to) continue;
      const body = { ...bodyFor(c.status, to) };
      if (body.decisionDate) body.decisionDate = vietnamDay(t - Math.floor(pick() * 3) * 24 * HOUR);
      const r = await refusedOr(() => transitionCase(db, ADMIN, c.id, body, now));
      if (r) Object.assign(c, { status: r.item.status, revision: r.item.revision }), done.moved++;
    }
  }
  return { times, done };
}

for (const kind of DATABASE_KINDS) {
  const test = suite<{ database: TestDatabase; db: Db; written: Written }>(`dashboard counts [${kind}]`);
  test.before(async (ctx) => {
    ctx.database = await createTestDatabase(kind);
    ctx.db = ctx.database.open();
    await migrateToLatest(ctx.db);
    for (const u of [REPORTER, ADMIN]) {
      await ctx.db.insertInto('users').values({
        id: u.id, username: u.username, display_name: u.displayName, role: u.role, area: u.area, password_hash: 'x',
        created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00.000Z', disabled_at: null,
      }).execute();
    }
  });
  test.after(async (ctx) => {
    await ctx.db?.destroy();
    await ctx.database?.drop();
  });

  test('random writes through the services: the counts kept equal a recount', async (ctx) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gs-counts-'));
    const deps = { db: ctx.db, log: createLogger(() => {}), photos: new PhotoStore(join(dataDir, 'photos')), bulletin: new BulletinCache() } as unknown as Deps;
    ctx.written = await writeRandomly(ctx.db, deps, random(SEED));
    const { done } = ctx.written;
    assert.ok(done.created >= 40 && done.revised >= 5 && done.moved >= 60 && done.erased >= 3, `enough of each write: ${JSON.stringify(done)}`);
    const kept = await countRows(ctx.db);
    assert.ok(kept.length > 100, 'counts were kept');
    await recountDashboard(ctx.db);
    assert.equal(await countRows(ctx.db), kept, `seed ${SEED}`);
  });

  test('the report through the counts equals the report from the cases and events themselves', async (ctx) => {
    const { times } = ctx.written;
    const first = vietnamDay(times[0]!);
    const last = vietnamDay(times.at(-1)!);
    const middle = vietnamDay(times[Math.floor(times.length / 2)]!);
    const periods = [
      { from: first, to: last }, { from: first, to: first }, { from: addDays(first, 10), to: addDays(first, 40) },
      { from: `${middle.slice(0, 7)}-01`, to: addDays(middle, 5) }, { from: addDays(first, 17), to: addDays(last, -9) },
    ];
    // Now: after every write; the middle: writes after it (left out of its chart), and some on its own day.
    const nows = [new Date(Date.parse(times.at(-1)!) + HOUR), new Date(times[Math.floor(times.length / 2)]!)];
    let compared = 0;
    let communeEdgeDays = 0;
    for (const now of nows) {
      for (const period of periods) {
        if (period.from > vietnamDay(now)) continue;
        for (const commune of [undefined, COMMUNES[0]]) {
          const q = { ...period, ...(commune ? { commune } : {}) };
          const kept = await dashboardReport(ctx.db, ADMIN, q, now);
          const direct = await dashboardReport(ctx.db, ADMIN, q, now, directFigures);
          assert.equal(kept, direct, `${JSON.stringify(q)} at ${now.toISOString()}, seed ${SEED}`);
          if (kept.total > 0) compared++;
          // A commune's period cut mid-month: its edge days read from the commune's rows by day.
          if (commune && kept.total > 0 && periodRanges(period.from, period.to).some((r) => r.grain === 'day')) communeEdgeDays++;
        }
      }
    }
    assert.ok(compared >= 12, `reports with cases compared: ${compared}`);
    assert.ok(communeEdgeDays >= 4, `a commune's reports over periods cut mid-month: ${communeEdgeDays}`);
  });

  test.run();
}
