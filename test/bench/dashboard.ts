// Benchmark (not a test): the reviewer dashboard with 100,000 cases (BENCH_CASES; the target is 1,000,000)
// and their audit events (2–5 each, spread over 2025–2026), in SQLite and in PostgreSQL. The whole report is timed
// through the server's own functions (no HTTP), for the province and for one commune, over a calendar year and
// over periods that make the counts read more (edge days, weeks, the running month), against a bare
// SELECT COUNT(*) on cases in the same run: the ratios are what to read, absolute times are information only.
// Every report is compared with the one read straight from cases and events as before (it throws when they
// differ), whose time is printed for the year. The seeding's and the recount's times and the counts' size too.
// Run: npx tsx test/bench/dashboard.ts   (BENCH_CASES=100000; SQLite, plus PostgreSQL when TEST_DATABASE_URL is
//                                         set; BENCH_DB=sqlite|postgres|both to choose; BENCH_DIRECT=0 skips the
//                                         direct queries, minutes at 1,000,000; BENCH_KEEP=1 keeps the databases,
//                                         BENCH_REUSE=<what it printed> measures one again without seeding,
//                                         BENCH_RECOUNT=1 with it recounts first, as after a change of the counts)
import { sql } from 'kysely';
import type { Db } from '../../src/server/db/connect';
import { recountDashboard, settleCounts } from '../../src/server/dashboard/counts/recount';
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
/** The headline (a calendar year) and periods that make the counts read more: edge days, a cut month, weeks, today. */
const PERIODS: [string, { from: string; to: string }][] = [
  ['2025, month by month', YEAR],
  ['2025-03-15..2026-03-14 (edge days)', { from: '2025-03-15', to: '2026-03-14' }],
  ['2025-05-10..2025-08-05, week by week', { from: '2025-05-10', to: '2025-08-05' }],
  ['2026 so far (running month, today)', { from: '2026-01-01', to: '2026-12-31' }],
];
const PROVINCE: SessionUser = { id: 'p', username: 'p', displayName: 'P', role: 'province-reviewer', area: '12' };

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const rowCount = async (db: Db, table: 'cases' | 'case_events' | 'dashboard_counts') =>
  Number((await db.selectFrom(table).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

async function bench(db: Db, kind: DatabaseKind): Promise<void> {
  await seed(db, kind);
  await measure(db);
}

async function seed(db: Db, kind: DatabaseKind): Promise<void> {
  const owner = await insertBenchOwner(db);
  const t0 = performance.now();
  await seedCases(db, CASES, (i) => benchCase(i, owner), {
    recount: false,
    progress: (done) => { if (done % 100_000 === 0 && done < CASES) console.log(`  ${kind}: ${done.toLocaleString('en-US')} cases in ${seconds(t0)}`); },
  });
  console.log(`\n${kind}: ${CASES.toLocaleString('en-US')} cases, ${(await rowCount(db, 'case_events')).toLocaleString('en-US')} events seeded in ${seconds(t0)}`);
  await recount(db);
}

/** The recount timed, the counts' size, then the statistics the report's planner reads. */
async function recount(db: Db): Promise<void> {
  const t0 = performance.now();
  await recountDashboard(db);
  const rows = await rowCount(db, 'dashboard_counts');
  const cases = await rowCount(db, 'cases');
  console.log(`  recount of the dashboard's counts (INSERT … SELECT … GROUP BY) ${seconds(t0)}: ${rows.toLocaleString('en-US')} rows, ${(rows / cases).toFixed(2)} per case`);
  await settleCounts(db);
  await sql`analyze`.execute(db);
}

async function measure(db: Db): Promise<void> {
  const count = await medianMs(() => sql`select count(*) from cases`.execute(db), RUNS);
  console.log(`  SELECT COUNT(*) FROM cases ${count.toFixed(2)} ms (median of ${RUNS})`);
  const commune = pick(communes, 0).code;
  const line = (what: string, ms: number) => console.log(`    ${what.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms  ×${(ms / count).toFixed(2)} of COUNT(*)`);
  for (const [label, area] of [['province', null], [`commune ${commune}`, commune]] as const) {
    console.log(`  ${label}`);
    for (const [name, period] of PERIODS) {
      const q = { ...period, ...(area ? { commune: area } : {}) };
      if (DIRECT) {
        const t = performance.now();
        const direct = JSON.stringify(await dashboardReport(db, PROVINCE, q, NOW, directFigures));
        const directMs = performance.now() - t;
        if (JSON.stringify(await dashboardReport(db, PROVINCE, q, NOW)) !== direct) throw new Error(`the report from the counts differs from the direct queries' (${label}, ${name})`);
        if (period === YEAR) line(`${name}: direct queries (before), once`, directMs);
      }
      line(`${name}: from the counts`, await medianMs(() => dashboardReport(db, PROVINCE, q, NOW), RUNS));
    }
    line('batches pending (none seeded)', await medianMs(() => pendingBatches(db, area), RUNS));
  }
  if (DIRECT) console.log('  every report above equals the one from the direct queries');
}

await onBenchDatabases(bench, async (db) => {
  if (process.env.BENCH_RECOUNT === '1') await recount(db);
  await measure(db);
});
