// Benchmark (not a test): the dossier of a proposal batch of 200 cases (BENCH_CASES) — the five DOCX and the
// cases' photos (0–2 each, 150 KB) as one ZIP — through the server's own functions (no HTTP), in SQLite and in
// PostgreSQL. Timed against a bare SELECT of the same 200 cases in the same process: the ratios are what to read,
// absolute times are information only. Memory: the peak RSS and heap sampled every 5 ms while the ZIP is made
// (bytes counted and dropped, as a client reading the stream), with resourceUsage().maxRSS before and after; and
// the same ZIP for a tenth of the cases, to see what grows with the batch.
// Run: npx tsx test/bench/dossier.ts   (BENCH_CASES=200; SQLite, plus PostgreSQL when TEST_DATABASE_URL is set;
//                                       BENCH_DB=sqlite|postgres|both to choose)
import { join } from 'node:path';
import { resourceUsage } from 'node:process';
import { DOSSIER_DOCUMENT_KINDS } from '../../src/shared/batch-protocol';
import type { Db } from '../../src/server/db/connect';
import { buildDocument, dossierZip } from '../../src/server/documents/dossier';
import { loadDossier } from '../../src/server/documents/dossier-data';
import { renderDocx } from '../../src/server/documents/format/docx';
import { PhotoStore } from '../../src/server/photos/store';
import { insertBatch } from '../support/dossier-fixtures';
import type { DatabaseKind, TestDatabase } from '../support/databases';
import { insertBenchOwner, medianMs, onBenchDatabases } from './seed-cases';

const CASES = Number(process.env.BENCH_CASES ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MB = 1024 * 1024;

/** The bare SELECT the dossier is compared with: the batch's cases, every column, in the batch's order. */
const bareSelect = (db: Db, batchId: string) => db.selectFrom('batch_cases as bc').innerJoin('cases as c', 'c.id', 'bc.case_id')
  .selectAll('c').where('bc.batch_id', '=', batchId).orderBy('bc.position').execute();

interface ZipRun { ms: number; bytes: number; entries: number; peakRss: number; peakHeap: number; maxRssDelta: number; baseRss: number; baseHeap: number }

async function zipOnce(db: Db, batchId: string, photos: PhotoStore): Promise<ZipRun> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseRss = process.memoryUsage().rss;
  const baseHeap = process.memoryUsage().heapUsed;
  const maxBefore = resourceUsage().maxRSS * 1024;
  let peakRss = baseRss;
  let peakHeap = baseHeap;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 5);
  const t = performance.now();
  let bytes = 0;
  const dossier = (await loadDossier(db, batchId))!;
  for await (const chunk of dossierZip(dossier, photos)) {
    bytes += chunk.length;
    await new Promise<void>((resolve) => setImmediate(resolve));   // a client taking the chunk lets the sampler run
  }
  const ms = performance.now() - t;
  clearInterval(sampler);
  const entries = DOSSIER_DOCUMENT_KINDS.length + dossier.cases.reduce((n, c) => n + c.photos.length, 0);
  return { ms, bytes, entries, peakRss, peakHeap, maxRssDelta: resourceUsage().maxRSS * 1024 - maxBefore, baseRss, baseHeap };
}

async function bench(db: Db, kind: DatabaseKind, database: TestDatabase): Promise<void> {
  const store = new PhotoStore(join(database.dataDir, 'photos'));
  const owner = await insertBenchOwner(db);
  const photos = { store, perCase: (i: number) => i % 3, bytes: 150_000 };
  const t0 = performance.now();
  const big = await insertBatch(db, { createdBy: owner, count: CASES, photos });
  const small = await insertBatch(db, { createdBy: owner, count: Math.max(1, Math.round(CASES / 10)), photos });
  console.log(`\n${kind}: batches of ${CASES} and ${Math.round(CASES / 10)} cases seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Memory first, before the repeated timings leave garbage behind.
  await zipOnce(db, small.batchId, store);   // warm-up: the first document pays for loading and compiling the code
  const smallZip = await zipOnce(db, small.batchId, store);
  const bigZip = await zipOnce(db, big.batchId, store);
  const select = await medianMs(() => bareSelect(db, big.batchId), RUNS);
  console.log(`  bare SELECT of the ${CASES} cases          ${select.toFixed(1).padStart(8)} ms (median of ${RUNS})`);
  const load = await medianMs(() => loadDossier(db, big.batchId), RUNS);
  console.log(`  loadDossier                          ${load.toFixed(1).padStart(8)} ms  ×${(load / select).toFixed(1)} of the SELECT`);
  const dossier = (await loadDossier(db, big.batchId))!;
  for (const k of DOSSIER_DOCUMENT_KINDS) {
    let size = 0;
    const ms = await medianMs(async () => { size = (await renderDocx(buildDocument(k, dossier))).length; }, RUNS);
    console.log(`  ${k.padEnd(22)} DOCX ${(size / 1024).toFixed(0).padStart(5)} KB ${ms.toFixed(1).padStart(8)} ms  ×${(ms / select).toFixed(1)} of the SELECT`);
  }
  for (const [label, run, n] of [['ZIP, small batch', smallZip, Math.round(CASES / 10)], ['ZIP, whole batch', bigZip, CASES]] as const) {
    console.log(`  ${label.padEnd(18)} ${String(n).padStart(4)} cases, ${run.entries} entries, ${(run.bytes / MB).toFixed(1)} MB: ${run.ms.toFixed(0)} ms  ×${(run.ms / select).toFixed(0)} of the SELECT;`
      + ` peak RSS +${((run.peakRss - run.baseRss) / MB).toFixed(1)} MB, heap +${((run.peakHeap - run.baseHeap) / MB).toFixed(1)} MB, maxRSS +${(run.maxRssDelta / MB).toFixed(1)} MB`);
  }
  console.log(`  ZIP time, whole ÷ small: ×${(bigZip.ms / smallZip.ms).toFixed(1)} for ×${(CASES / Math.round(CASES / 10)).toFixed(0)} the cases;`
    + ` peak heap growth ×${((bigZip.peakHeap - bigZip.baseHeap) / Math.max(1, smallZip.peakHeap - smallZip.baseHeap)).toFixed(1)}`);
}

await onBenchDatabases(bench);
