// Benchmark (not a test): the reviewer dashboard with 100,000 cases (BENCH_CASES; the target is 1,000,000) and
// their audit events (2–5 each, spread over 2025–2026), in SQLite and in PostgreSQL. The whole report is timed
// through the server's own functions (no HTTP) for the province over one year and for one commune, read from the
// dashboard's counts and, for comparison, straight from cases and events as before, against a bare SELECT COUNT(*)
// on cases in the same run: the ratios are what to read, absolute times are information only. The two reports
// must agree (it throws otherwise); the recount's time and the counts' size are printed.
// Run: npx tsx test/bench/dashboard.ts   (BENCH_CASES=100000; SQLite, plus PostgreSQL when TEST_DATABASE_URL is
//                                         set; BENCH_DB=sqlite|postgres|both to choose; BENCH_DIRECT=0 skips the
//                                         direct queries, slow at 1,000,000)
import { sql } from 'kysely';
import type { Db } from '../../src/server/db/connect';
import { recountDashboard } from '../../src/server/dashboard/counts/recount';
import { directFigures } from '../support/dashboard-direct-queries';
import { pendingBatches } from '../../src/server/dashboard/pending';
import { dashboardReport } from '../../src/server/dashboard/report';
import { communes, KINH_CODE } from '../../src/shared/reference';
import type { ServerStatus, SessionUser } from '../../src/shared/sync-protocol';
import type { DatabaseKind } from '../support/databases';
import { benchCaseFields, caseRow, insertBenchOwner, medianMs, onBenchDatabases, pick, seedCases, type SeedCase } from './seed-cases';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const DIRECT = process.env.BENCH_DIRECT !== '0';
const FIRST = Date.UTC(2025, 0, 1);
const LAST = Date.UTC(2026, 10, 1);
const NOW = new Date(Date.UTC(2026, 10, 29));
const HOUR = 3_600_000;
const ETHNICITIES = [KINH_CODE, '03', '05', '02', null];

/** The paths a case takes through review (i % PATHS.length), 2 to 5 events; 'resubmit' is the reporter's revision. */
const PATHS: (ServerStatus | 'resubmit')[][] = [
  ['received', 'appraising'],
  ['received', 'rejected'],
  ['received', 'appraising', 'proposed'],
  ['received', 'appraising', 'returned'],
  ['received', 'appraising', 'proposed', 'commended'],
  ['received', 'appraising', 'proposed', 'rejected'],
  ['received', 'appraising', 'proposed', 'commended', 'published'],
  ['received', 'returned', 'resubmit', 'proposed'],
];

/** Case i: first received somewhere in 2025–2026, each later event 1–20 days and a few hours after the one before. */
function benchCase(i: number, owner: string): SeedCase {
  const path = pick(PATHS, i);
  let t = FIRST + Math.floor((i / CASES) * (LAST - FIRST));
  const received = new Date(t).toISOString();
  const events: NonNullable<SeedCase['events']>[number][] = [];
  let status: ServerStatus = 'received';
  let decisionDate: string | null = null;
  let publishedAt: string | null = null;
  path.forEach((step, k) => {
    if (k > 0) t += (1 + ((i * 31 + k * 17) % 20)) * 24 * HOUR + ((i + k) % 9) * HOUR;
    const at = new Date(t).toISOString();
    const to: ServerStatus = step === 'resubmit' ? 'appraising' : step;
    if (to === 'commended') decisionDate = new Date(t - 2 * 24 * HOUR).toISOString().slice(0, 10);
    if (to === 'published') publishedAt = at;
    const kind = k === 0 ? 'received' : step === 'resubmit' ? 'revised' : 'status';
    events.push({ revision: step === 'resubmit' ? 2 : 1, kind, status: to, from_status: k === 0 ? null : status, at,
      actor_id: owner, decision_date: to === 'commended' ? decisionDate : null });
    status = to;
  });
  const fields = benchCaseFields(i, { ethnicityCode: pick(ETHNICITIES, i * 3) ?? undefined, consentPublication: i % 3 !== 0 });
  return {
    row: caseRow(fields, owner, status, received, { decision_date: decisionDate, published_at: publishedAt, updated_at: events.at(-1)!.at }),
    events,
  };
}

const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const PROVINCE: SessionUser = { id: 'p', username: 'p', displayName: 'P', role: 'province-reviewer', area: '12' };

function timings(db: Db, commune: string | null): [string, () => Promise<unknown>][] {
  const q = { ...YEAR, ...(commune ? { commune } : {}) };
  return [
    ['whole report, from the counts', () => dashboardReport(db, PROVINCE, q, NOW)],
    ...(DIRECT ? [['whole report, direct queries (before)', () => dashboardReport(db, PROVINCE, q, NOW, directFigures)] as [string, () => Promise<unknown>]] : []),
    ['batches pending (none seeded)', () => pendingBatches(db, commune)],
  ];
}

async function bench(db: Db, kind: DatabaseKind): Promise<void> {
  const owner = await insertBenchOwner(db);
  const t0 = performance.now();
  await seedCases(db, CASES, (i) => benchCase(i, owner));
  const events = await db.selectFrom('case_events').select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  console.log(`\n${kind}: ${CASES.toLocaleString('en-US')} cases, ${Number(events.n).toLocaleString('en-US')} events seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const count = await medianMs(() => sql`select count(*) from cases`.execute(db), RUNS);
  console.log(`  SELECT COUNT(*) FROM cases ${count.toFixed(2)} ms (median of ${RUNS})`);
  const recount = performance.now();
  await recountDashboard(db);
  const rows = await db.selectFrom('dashboard_counts').select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  console.log(`  recount of the dashboard's counts ${((performance.now() - recount) / 1000).toFixed(1)} s: ${Number(rows.n).toLocaleString('en-US')} rows`);
  const commune = pick(communes, 0).code;
  for (const area of DIRECT ? [null, commune] : []) {
    const q = { ...YEAR, ...(area ? { commune: area } : {}) };
    const same = JSON.stringify(await dashboardReport(db, PROVINCE, q, NOW)) === JSON.stringify(await dashboardReport(db, PROVINCE, q, NOW, directFigures));
    if (!same) throw new Error(`the report from the counts differs from the direct queries' (${area ?? 'province'})`);
  }
  for (const [label, area] of [[`province, ${YEAR.from}..${YEAR.to}`, null], [`commune ${commune}, same year`, commune]] as const) {
    console.log(`  ${label}`);
    for (const [what, fn] of timings(db, area)) {
      const ms = await medianMs(fn, RUNS);
      console.log(`    ${what.padEnd(36)} ${ms.toFixed(1).padStart(8)} ms  ×${(ms / count).toFixed(1)} of COUNT(*)`);
    }
  }
}

await onBenchDatabases(bench);
