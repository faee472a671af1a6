// Benchmark (not a test): the real server (SQLite, child process) against a bare node:http handler that only
// reads the body and answers, both driven by autocannon in this process over loopback, in the same run.
// Run: npx tsx test/bench/server-throughput.ts        (prints ratios; absolute numbers are information only)
import { autocannon, check, fmt, rps, type AutocannonOptions, type Result } from './autocannon';
import { startBareHttp } from './bare-http';
import { signedIn } from '../support/api-client';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { fakeJpeg, sha256, uploadedPhoto } from '../support/photo-uploads';
import { startServerProcess } from '../support/server-process';


const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PHOTO_BYTES = 300 * 1024;
const FRESH_PHOTOS = 150;

async function main(): Promise<void> {
  const server = await startServerProcess({ database: 'sqlite' });
  const bare = await startBareHttp();
  try {
    const reporter = await signedIn(server);
    const photo = await uploadedPhoto(reporter);
    const fields = caseFields({ photos: [photo] });
    const caseBody = JSON.stringify({ baseRevision: 0, fields });
    const replayId = newCaseId();
    const created = await reporter.call(`/api/cases/${replayId}`, { method: 'PUT', json: JSON.parse(caseBody) });
    if (created.status !== 201) throw new Error(`setup: ${created.status} ${created.text}`);
    const jsonHeaders = { 'content-type': 'application/json', cookie: reporter.cookie };
    const jpegHeaders = { 'content-type': 'image/jpeg', cookie: reporter.cookie };
    const repeatedPhoto = fakeJpeg(1600, 1200, PHOTO_BYTES);
    await reporter.call(`/api/photos/${sha256(repeatedPhoto)}`, { method: 'PUT', body: repeatedPhoto, headers: { 'content-type': 'image/jpeg' } });
    const fresh = Array.from({ length: FRESH_PHOTOS }, () => fakeJpeg(1600, 1200, PHOTO_BYTES));

    const run = (name: string, o: AutocannonOptions) => autocannon(o).then((r) => check(name, r));
    console.log(`server-throughput: ${SECONDS} s per run, loopback, SQLite (synchronous=FULL), case body ${caseBody.length} B, photos ${PHOTO_BYTES / 1024} KB`);

    const bareJson = await run('bare json', { url: `${bare.url}/x`, connections: 10, duration: SECONDS, method: 'PUT', headers: jsonHeaders, body: caseBody });
    const replay = await run('case replay', { url: `${server.url}/api/cases/${replayId}`, connections: 10, duration: SECONDS, method: 'PUT', headers: jsonHeaders, body: caseBody });
    const creates = await run('case create', {
      url: server.url, connections: 10, duration: SECONDS,
      requests: [{ setupRequest: (req) => ({ ...req, method: 'PUT', path: `/api/cases/${newCaseId()}`, headers: jsonHeaders, body: caseBody }) }],
    });
    const barePhoto = await run('bare photo', { url: `${bare.url}/x`, connections: 4, duration: SECONDS, method: 'PUT', headers: jpegHeaders, body: repeatedPhoto });
    const photoRepeat = await run('photo repeat', { url: `${server.url}/api/photos/${sha256(repeatedPhoto)}`, connections: 4, duration: SECONDS, method: 'PUT', headers: jpegHeaders, body: repeatedPhoto });
    let next = 0;
    const photoFresh = await run('photo fresh', {
      url: server.url, connections: 4, amount: FRESH_PHOTOS,
      requests: [{ setupRequest: (req) => { const bytes = fresh[next++ % fresh.length]!; return { ...req, method: 'PUT', path: `/api/photos/${sha256(bytes)}`, headers: jpegHeaders, body: bytes }; } }],
    });

    const rows: [string, Result, Result][] = [
      ['case PUT, replay (200)', replay, bareJson],
      ['case PUT, new case (201)', creates, bareJson],
      ['photo PUT, repeated (200)', photoRepeat, barePhoto],
      ['photo PUT, new file (201)', photoFresh, barePhoto],
    ];
    console.log('\nscenario                      ours req/s   bare req/s   ours ÷ bare   ours p99 ms');
    for (const [name, ours, base] of rows) {
      console.log(`${name.padEnd(28)}  ${fmt(rps(ours)).padStart(10)}   ${fmt(rps(base)).padStart(10)}   ${fmt(rps(ours) / rps(base), 2).padStart(11)}   ${fmt(ours.latency.p99).padStart(11)}`);
    }
    const mbps = (r: Result) => (rps(r) * PHOTO_BYTES) / 1024 / 1024;
    console.log(`\nphoto MB/s: repeated ${fmt(mbps(photoRepeat), 1)}, new files ${fmt(mbps(photoFresh), 1)} (fsync each), bare read ${fmt(mbps(barePhoto), 1)}`);
  } finally {
    bare.stop();
    await server.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
