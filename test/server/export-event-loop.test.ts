// A province-wide export lets other requests through while it is made (issue #13 point 5). The export is read
// as fast as it comes, as a reader on loopback does; the app runs in the test's own process and is handed the
// requests without a socket, so nothing but the export's own turns of the event loop (no socket's drain, no
// client elsewhere) can let the health check be answered before the export's last byte is read. SQLite's
// queries are synchronous: without those turns the whole file is one task and the health check waits for it.
import * as assert from 'uvu/assert';
import { EXPORT_FORMATS, reviewApi } from '../../src/shared/review-protocol';
import { APPRAISAL_STATUSES } from '../../src/shared/sync-protocol';
import { benchCaseFields, caseRow, insertBenchOwner, seedCases } from '../bench/seed-cases';
import { signedIn } from '../support/api-client';
import { startInProcess } from '../support/in-process-server';
import { forEachDatabase } from './helpers';

/** Eight pages of 500: an XLSX's first 256 KB chunk alone holds about 1,700 deflated rows. */
const CASES = 4000;

forEachDatabase('export and the event loop', (test) => {
  test.before(async ({ server }) => {
    const db = server.db();
    const owner = await insertBenchOwner(db);
    const base = Date.UTC(2025, 0, 1);
    await seedCases(db, CASES, (i) => ({
      row: caseRow(benchCaseFields(i), owner, APPRAISAL_STATUSES[i % 7]!, new Date(base + i * 60_000).toISOString()),
    }));
  });

  for (const format of EXPORT_FORMATS) {
    test(`export.${format} of ${CASES} cases read as fast as it comes: a health check made meanwhile is answered before its last byte`, async ({ server }) => {
      const { cookie } = await signedIn(server, 'province-reviewer', '12');
      const app = await startInProcess(server);
      try {
        const exported = await app.fetch(reviewApi.export(format, ''), { headers: { cookie } });
        assert.is(exported.status, 200);
        let exportRead = false;
        let answeredWhileExporting: boolean | undefined;
        const health = app.fetch('/api/health').then((res) => {
          answeredWhileExporting = !exportRead;
          return res.status;
        });
        let bytes = 0;
        const reader = exported.body!.getReader();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.length;
        exportRead = true;
        assert.is(await health, 200);
        assert.ok(bytes > CASES * 100, `the whole file (${bytes} bytes)`);
        assert.is(answeredWhileExporting, true, 'the health check was answered only after the export had ended');
      } finally {
        await app.close();
      }
    });
  }
});
