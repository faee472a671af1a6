// Benchmark (not a test): the real server (child process) under 1,000 simulated phones and a few reviewers for
// 10 minutes, over HTTP, speaking the sync protocol as src/sync does (test/bench/soak/phone.ts), on SQLite and on
// PostgreSQL. At the end every case a phone got a receipt for must be on the server exactly once at the latest
// acknowledged revision; prints p50/p99 per route, the server's memory every ~10 s (minute 2 vs the last) and its
// event-loop delay. SOAK_KILL=1: the server is SIGKILLed at half time and started again on the same data after
// 5 s (the systemd unit's RestartSec); the phones retry with the engine's backoff and nothing acknowledged may be lost.
//
//   npx tsx test/bench/soak.ts
//   SOAK_MINUTES=10 SOAK_PHONES=1000 SOAK_DB=sqlite|postgres|both SOAK_KILL=1 SOAK_SEED=5000 npx tsx test/bench/soak.ts
//   (also SOAK_ACCOUNTS, default phones ÷ 10 up to 100, and SOAK_THINK_S, the phones' mean think time, default 60;
//   SOAK_DB defaults to both when TEST_DATABASE_URL is set, else sqlite; exit 1 unless everything passed)
//
// Load (see the README): each phone acts every 60 s on average (exponential, 5 s…10 min): 1 action in 10 records a
// new case with 1–3 photos (~250 KB each, a 15 KB thumbnail), a returned case is edited and sent again, the other
// actions open the app (a sync run: the changes feed and the reference lists). 5% of case receipts are dropped as
// if the link died after the server committed, so the phone sends the same PUT again.
import { randomBytes } from 'node:crypto';
import { migrateToLatest } from '../../src/server/db/migrations';
import { communes } from '../../src/shared/reference';
import { PROVINCE_AREA, type Role } from '../../src/shared/sync-protocol';
import { PASSWORD, sessionCookie } from '../support/api-client';
import type { DatabaseKind, TestDatabase } from '../support/databases';
import { startServerProcess } from '../support/server-process';
import { benchCaseFields, caseRow, insertBenchOwner, seedCases } from './seed-cases';
import { Link } from './soak/http';
import { Ledger } from './soak/ledger';
import { Phone, type PhoneProfile } from './soak/phone';
import { casesAndVerdict, eventLoop, memory, routeTable } from './soak/report';
import { Reviewer, type ReviewerProfile } from './soak/reviewer';
import { sleep, Stats } from './soak/stats';
import { verify } from './soak/verify';
import { ServerWatch } from './soak/watch';

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const MINUTES = num('SOAK_MINUTES', 10);
const PHONES = num('SOAK_PHONES', 1000);
const ACCOUNTS = num('SOAK_ACCOUNTS', Math.max(1, Math.min(100, Math.round(PHONES / 10))));
const SEED = num('SOAK_SEED', 5000);
const KILL = process.env.SOAK_KILL === '1';
const RESTART_AFTER_MS = 5_000;
const DRAIN_MS = 180_000;
const METRICS_TOKEN = randomBytes(24).toString('hex');

const PHONE: PhoneProfile = {
  thinkMeanS: num('SOAK_THINK_S', 60), newCase: 0.1, editReturned: 0.7, lostAnswer: 0.05,
  photoBytes: 250 * 1024, thumbBytes: 15 * 1024,
};
const REVIEWER: ReviewerProfile = { thinkMeanS: 15, returnShare: 0.4 };

/** Signs a device in (retrying while the password checks are saturated: 429 busy). */
async function signIn(link: Link, username: string): Promise<void> {
  for (let i = 0; ; i++) {
    const a = await link.send('POST', '/api/auth/login', {
      route: 'POST /api/auth/login', body: JSON.stringify({ username, password: PASSWORD }), headers: { 'content-type': 'application/json' },
    });
    if (a.status === 200) {
      const set = a.headers['set-cookie'] ?? [];
      link.cookie = sessionCookie(new Headers(set.map((c) => ['set-cookie', c] as [string, string])));
      return;
    }
    if (a.status !== 429 || i > 50) throw new Error(`${username} could not sign in: ${a.status} ${a.body.toString()}`);
    await sleep(Number(a.headers['retry-after'] ?? 1) * 1000); // as the server asks, like the app
  }
}

async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

async function seed(database: TestDatabase): Promise<void> {
  if (SEED <= 0) return;
  const db = database.open();
  try {
    await migrateToLatest(db);
    const owner = await insertBenchOwner(db);
    const statuses = ['appraising', 'appraising', 'proposed', 'commended', 'commended', 'rejected'] as const;
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    await seedCases(db, SEED, (i) => ({ row: caseRow(benchCaseFields(i), owner, statuses[i % statuses.length]!, at(i)) }));
  } finally {
    await db.destroy();
  }
}

async function soak(kind: DatabaseKind): Promise<boolean> {
  const server = await startServerProcess({
    database: kind, prepare: seed, env: { METRICS_TOKEN, SHUTDOWN_GRACE_MS: '10000' },
  });
  const stats = new Stats();
  const ledger = new Ledger();
  const base = new URL(server.url);
  try {
    // Reporter accounts, one commune each, cycling through the province's; phones spread over them.
    const reporters = Array.from({ length: ACCOUNTS }, (_, i) => ({ username: `soak_bc_${i}`, commune: communes[i % communes.length]!.code }));
    const used = [...new Set(reporters.map((r) => r.commune))];
    // Two commune reviewers on two communes; four province reviewers share the rest, each their own communes.
    const reviewerSpecs: { username: string; role: Role; area: string; communes: string[] }[] = used.slice(0, 2).map((c, i) => ({ username: `soak_xa_${i}`, role: 'commune-reviewer', area: c, communes: [c] }));
    const rest = used.slice(2);
    for (let k = 0; k < 4 && rest.length > k; k++) {
      reviewerSpecs.push({ username: `soak_tinh_${k}`, role: 'province-reviewer', area: PROVINCE_AREA, communes: rest.filter((_, i) => i % 4 === k) });
    }
    for (const r of reporters) await server.createUser({ username: r.username, password: PASSWORD, role: 'reporter', area: r.commune });
    for (const r of reviewerSpecs) await server.createUser({ username: r.username, password: PASSWORD, role: r.role, area: r.area });

    // Each phone signs in once (its session lasts 90 days): setup, not measured.
    const devices = Array.from({ length: PHONES }, (_, n) => ({ n, account: reporters[n % reporters.length]!, link: new Link(base, stats) }));
    await inLanes(devices, 2, (d) => signIn(d.link, d.account.username));
    const phones = devices.map((d) => new Phone(d.n, d.account.username, d.account.commune, d.link, PHONE, stats, ledger));
    const markers = () => [...ledger.acked.values()].slice(-200).map((a) => a.marker);
    const reviewers = await Promise.all(reviewerSpecs.map(async (r) => {
      const link = new Link(base, stats);
      await signIn(link, r.username);
      return new Reviewer(r.username, r.communes, r.role === 'province-reviewer', markers, link, REVIEWER);
    }));

    const watch = new ServerWatch(server, METRICS_TOKEN);
    await watch.start();
    stats.measuring = true;
    const t0 = Date.now();
    const until = t0 + MINUTES * 60_000;
    const ramp = Math.min(60_000, (MINUTES * 60_000) / 5);
    console.log(`soak ${kind}: ${PHONES} phones on ${ACCOUNTS} reporter accounts in ${used.length} communes, ${reviewers.length} reviewers, ${MINUTES} min, ${SEED} cases seeded${KILL ? ', SIGKILL at half time' : ''}`);
    const progress = setInterval(() => {
      const s = watch.samples.at(-1);
      console.log(`  ${Math.round((Date.now() - t0) / 1000)} s: ${stats.requests} requests, ${stats.errors} errors, ${ledger.acked.size} cases acknowledged, RSS ${s?.rssMb?.toFixed(0) ?? '–'} MB, loop p99 ${s?.loop?.p99.toFixed(0) ?? '–'} ms, load ${s?.load1.toFixed(1) ?? '–'}`);
    }, 60_000);

    const living = Promise.all([
      ...phones.map((p) => p.live(until, Math.random() * ramp)),
      ...reviewers.map((r) => r.live(until, Math.random() * ramp)),
    ]);
    let restartedAtS: number | undefined;
    const killer = KILL ? (async () => {
      await sleep((until - t0) / 2);
      // At the first moment after half time when photo uploads and case PUTs are under way (if that never comes
      // before the devices stop, at their end).
      const writes = (f: ReadonlyMap<string, number>) => (f.get('PATCH /api/photos/:sha256') ?? 0) + (f.get('PUT /api/cases/:id') ?? 0);
      await stats.whenInFlight((f) => writes(f) >= 2, living);
      const inFlight = [...stats.inFlight].filter(([, n]) => n > 0).map(([r, n]) => `${r} ×${n}`).join(', ');
      const outage = { from: Date.now(), until: undefined as number | undefined };
      stats.outages.push(outage);
      const code = await server.kill('SIGKILL');
      console.log(`  SIGKILL at ${Math.round((outage.from - t0) / 1000)} s (exit ${code}) with requests under way: ${inFlight || 'none'}; ${ledger.acked.size} cases acknowledged so far`);
      await sleep(RESTART_AFTER_MS);
      await server.start();
      outage.until = Date.now();
      restartedAtS = (outage.until - t0) / 1000;
      console.log(`  started again, healthy at ${Math.round(restartedAtS)} s`);
    })() : Promise.resolve();

    await Promise.all([living, killer]);
    const seconds = (Date.now() - t0) / 1000;
    clearInterval(progress);
    watch.stop();
    // Everything still queued is sent ("Gửi ngay"), so the check below can ask for every case.
    const drainStart = Date.now();
    await Promise.all(phones.map((p) => p.drain(drainStart + DRAIN_MS)));
    stats.measuring = false;
    const pending = phones.reduce((n, p) => ({ queued: n.queued + p.pending().queued, parked: n.parked + p.pending().parked }), { queued: 0, parked: 0 });
    const verdict = await verify(server.db(), ledger, reporters.map((r) => r.username));

    const mem = memory(watch.samples, seconds, restartedAtS === undefined ? 60 : restartedAtS + 60);
    const returned = reviewers.reduce((n, r) => n + r.returned, 0);
    const appraised = reviewers.reduce((n, r) => n + r.appraised, 0);
    console.log(`\n== ${kind}: ${f1(seconds)} s, drain ${f1((Date.now() - drainStart) / 1000)} s`);
    for (const line of routeTable(stats, seconds)) console.log(line);
    if (KILL) console.log(`failures while the server was down on purpose (retried by the phones, not errors): ${stats.outageFailures}, of which ${stats.cutByKill} cut mid-request (the rest refused while it was down)`);
    for (const e of stats.examples) console.log(`  error: ${e}`);
    for (const a of stats.anomalies) console.log(`  anomaly: ${a}`);
    for (const line of casesAndVerdict(ledger, verdict, { returned, appraised, ...pending })) console.log(line);
    for (const line of mem.lines) console.log(line);
    for (const line of eventLoop(watch.samples)) console.log(line);
    const ok = stats.errors === 0 && stats.anomalyCount === 0 && verdict.lost.length === 0 && verdict.staleOrWrong.length === 0
      && verdict.duplicates.length === 0 && verdict.unacknowledgedRevisions.length === 0 && verdict.unacknowledgedCases === 0
      && pending.queued === 0 && pending.parked === 0 && mem.flat;
    console.log(`${kind}: ${ok ? 'PASS' : 'FAIL'} (errors ${stats.errors}, anomalies ${stats.anomalyCount}, lost ${verdict.lost.length}, duplicates ${verdict.duplicates.length}, memory ${mem.flat ? 'flat' : 'GROWING'})`);
    return ok;
  } finally {
    await server.dispose();
  }
}

const f1 = (n: number) => n.toFixed(1);

const which = process.env.SOAK_DB ?? (process.env.TEST_DATABASE_URL ? 'both' : 'sqlite');
let ok = true;
for (const kind of ['sqlite', 'postgres'] as const) {
  if (which === 'both' || which === kind) ok = (await soak(kind)) && ok;
}
process.exit(ok ? 0 : 1);
