// GET /metrics: hidden (404) without the right bearer token; with it, Prometheus text that Prometheus' own parser
// reads, whose counters move by exactly what was done (case PUTs by outcome, photos, sign-ins), whose routes are
// patterns and never ids, and whose gauges say the data disk's space and the newest backup's age.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { runBackup } from '../../src/server/backup/backup';
import { call, postLogin, signedIn, type Client } from '../support/api-client';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { startInProcess } from '../support/in-process-server';
import { fakeJpeg, putPhoto, uploadedPhoto } from '../support/photo-uploads';
import { moved, parseExposition, sampleSum, type Sample } from '../support/prometheus';
import { promtool, startPrometheus } from '../support/prometheus-server';
import { until } from '../support/wait';
import { forEachDatabase } from './helpers';

const TOKEN = 'metrics-token-for-tests-0123456789abcdef';
const BACKUP_DIR = mkdtempSync(join(tmpdir(), 'gs-metrics-backups-'));
// Wrong sign-ins come from their own addresses (TRUST_PROXY): two per address, then 429 for the window.
const ENV = { METRICS_TOKEN: TOKEN, BACKUP_DIR, TRUST_PROXY: '1', LOGIN_MAX_FAILURES_PER_IP: '2', LOGIN_WINDOW: '1h' };

async function scrape(server: { url: string }): Promise<Sample[]> {
  const r = await call(server, '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.is(r.status, 200, r.text);
  assert.match(r.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  assert.is(r.headers.get('cache-control'), 'no-store');
  return parseExposition(r.text);
}

const putCase = (client: Client, id: string, body: unknown) => client.call(`/api/cases/${id}`, { method: 'PUT', json: body });

function assertHidden(r: { status: number; text: string }, what: string): void {
  assert.is(r.status, 404, what);
  assert.is(r.text, 'Không tìm thấy', what);
}

forEachDatabase('metrics', (test) => {
  test('no token, a wrong one, another scheme → the 404 of any unknown page; without METRICS_TOKEN even the token gets it', async ({ server }) => {
    const tries: Array<[string, Record<string, string>]> = [
      ['no Authorization', {}],
      ['a wrong token', { authorization: 'Bearer metrics-token-for-tests-0123456789abcdeX' }],
      ['a prefix of the token', { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
      ['the token, not as a bearer', { authorization: TOKEN }],
      ['Basic', { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` }],
      ['empty bearer', { authorization: 'Bearer ' }],
    ];
    for (const [what, headers] of tries) {
      const r = await call(server, '/metrics', { headers });
      assertHidden(r, what);
      assert.not.match(r.text, /gs_/);
    }
    assert.is((await call(server, '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);
    assert.is((await call(server, '/metrics', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status, 404, 'GET only');

    const bare = await startInProcess(server, { env: { METRICS_TOKEN: '' } });
    try {
      assertHidden(await call(bare, '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } }), 'a server without METRICS_TOKEN');
    } finally {
      await bare.close();
    }
  });

  test('counters move by exactly what was done: a case, its replay, a conflict, a refusal, photos, wrong and throttled sign-ins', async ({ server }) => {
    const reporter = await signedIn(server);
    const before = await scrape(server);
    const photo = await uploadedPhoto(reporter); // a photo and its thumbnail: two stored
    const again = await putPhoto(reporter, Buffer.alloc(0), photo.sha256);
    assert.is(again.status, 422, 'empty body: refused, not counted as a photo');
    const id = newCaseId();
    const fields = caseFields({ photos: [photo] });
    assert.is((await putCase(reporter, id, { baseRevision: 0, fields })).status, 201);
    assert.is((await putCase(reporter, id, { baseRevision: 0, fields })).status, 200, 'replay');
    const stale = await putCase(reporter, id, { baseRevision: 5, fields: caseFields({ photos: [photo], village: 'Bản khác' }) });
    assert.is(stale.status, 409);
    assert.is(stale.body.error, 'conflict');
    const bad = await putCase(reporter, newCaseId(), { baseRevision: 0, fields: { ...fields, subjectName: '' } });
    assert.is(bad.status, 422);
    const from = { 'x-forwarded-for': '203.0.113.77' };
    assert.is((await postLogin(server, reporter.user.username, 'sai-mat-khau', from)).status, 401);
    assert.is((await postLogin(server, 'khong-co-ai', 'sai-mat-khau', from)).status, 401);
    assert.is((await postLogin(server, reporter.user.username, 'sai-mat-khau', from)).status, 429);
    const after = await scrape(server);

    const route = (method: string, path: string, status: string) => ['gs_http_request_duration_seconds_count', { method, route: path, status }] as [string, Record<string, string>];
    assert.equal(moved(before, after, [
      ['gs_cases_total', { outcome: 'received' }], ['gs_cases_total', { outcome: 'replayed' }],
      ['gs_cases_total', { outcome: 'conflicted' }], ['gs_cases_total', { outcome: 'refused' }],
      ['gs_photos_total', { result: 'stored' }], ['gs_photos_total', { result: 'deduped' }], ['gs_photo_stored_bytes_total'],
      ['gs_login_failures_total'], ['gs_login_throttled_total', { reason: 'attempts' }], ['gs_login_throttled_total', { reason: 'busy' }],
      route('PUT', '/api/cases/:id', '2xx'), route('PUT', '/api/cases/:id', '4xx'),
      route('PUT', '/api/photos/:sha256', '2xx'), route('PUT', '/api/photos/:sha256', '4xx'),
      route('POST', '/api/auth/login', '4xx'), route('GET', '/metrics', '2xx'),
    ]), {
      'gs_cases_total{"outcome":"received"}': 1, 'gs_cases_total{"outcome":"replayed"}': 1,
      'gs_cases_total{"outcome":"conflicted"}': 1, 'gs_cases_total{"outcome":"refused"}': 1,
      'gs_photos_total{"result":"stored"}': 2, 'gs_photos_total{"result":"deduped"}': 0,
      gs_photo_stored_bytes_total: photo.bytes + photo.thumbBytes,
      gs_login_failures_total: 2, 'gs_login_throttled_total{"reason":"attempts"}': 1, 'gs_login_throttled_total{"reason":"busy"}': 0,
      'gs_http_request_duration_seconds_count{"method":"PUT","route":"/api/cases/:id","status":"2xx"}': 2,
      'gs_http_request_duration_seconds_count{"method":"PUT","route":"/api/cases/:id","status":"4xx"}': 2,
      'gs_http_request_duration_seconds_count{"method":"PUT","route":"/api/photos/:sha256","status":"2xx"}': 2,
      'gs_http_request_duration_seconds_count{"method":"PUT","route":"/api/photos/:sha256","status":"4xx"}': 1,
      'gs_http_request_duration_seconds_count{"method":"POST","route":"/api/auth/login","status":"4xx"}': 3,
      // the scrape that read `before` (this one is counted once it has answered)
      'gs_http_request_duration_seconds_count{"method":"GET","route":"/metrics","status":"2xx"}': 1,
    });

    // A photo sent twice (a retry after a lost answer) is written once: stored, then deduped with no bytes.
    const extra = fakeJpeg(800, 600, 3000);
    assert.is((await putPhoto(reporter, extra)).status, 201);
    assert.is((await putPhoto(reporter, extra)).status, 200);
    const third = await scrape(server);
    assert.equal(moved(after, third, [['gs_photos_total', { result: 'stored' }], ['gs_photos_total', { result: 'deduped' }], ['gs_photo_stored_bytes_total']]),
      { 'gs_photos_total{"result":"stored"}': 1, 'gs_photos_total{"result":"deduped"}': 1, gs_photo_stored_bytes_total: extra.length });

    // Labels are patterns and fixed names: no case id, photo hash or address anywhere.
    for (const s of third) {
      const labels = Object.values(s.labels).join(' ');
      for (const secret of [id, photo.sha256, photo.thumbSha256, '203.0.113.77']) assert.not.ok(labels.includes(secret), `${s.name} ${labels}`);
      if (s.labels.route !== undefined) assert.match(s.labels.route, /^(\*|\/[a-z0-9/._:*-]*)$/, s.labels.route);
    }
    // Prometheus' own linter on our families (prom-client's process metrics have its known naming quirks).
    const ours = (await call(server, '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).text
      .split('\n').filter((line) => /^(# (HELP|TYPE) )?gs_/.test(line)).join('\n');
    assert.equal(promtool(['check', 'metrics'], `${ours}\n`), { status: 0, output: '' });
    const types = Object.fromEntries(third.map((s) => [s.family, s.type]));
    assert.equal(
      [types.gs_cases, types.gs_http_request_duration_seconds, types.gs_db_query_duration_seconds, types.gs_data_disk_free_bytes, types.process_cpu_seconds],
      ['counter', 'histogram', 'histogram', 'gauge', 'counter'],
    );
  });

  test('database time by query kind, from the server\'s own queries only', async ({ server }) => {
    const reporter = await signedIn(server);
    const before = await scrape(server);
    await server.db().selectFrom('cases').select('id').execute(); // the test's own connection: not the server's
    const mid = await scrape(server);
    const kinds = ['select', 'insert', 'update', 'delete', 'other'];
    assert.equal(new Set(mid.filter((s) => s.name === 'gs_db_query_duration_seconds_count').map((s) => s.labels.kind)).size > 0, true);
    for (const s of mid.filter((s) => s.family === 'gs_db_query_duration_seconds')) assert.ok(kinds.includes(s.labels.kind!), s.labels.kind);
    const count = (samples: Sample[], kind: string) => sampleSum(samples, 'gs_db_query_duration_seconds_count', { kind });
    assert.is(count(mid, 'select'), count(before, 'select'), 'a scrape and the test\'s own query run no server query');
    const id = newCaseId();
    assert.is((await putCase(reporter, id, { baseRevision: 0, fields: caseFields() })).status, 201);
    assert.is((await putCase(reporter, id, { baseRevision: 1, fields: caseFields({ village: 'Bản Mới' }) })).status, 200, 'a revision');
    const after = await scrape(server);
    for (const kind of ['select', 'insert', 'update']) assert.ok(count(after, kind) > count(mid, kind), `${kind} counted`);
    assert.ok(sampleSum(after, 'gs_db_query_duration_seconds_sum') > sampleSum(mid, 'gs_db_query_duration_seconds_sum'));
  });

  test('the event loop\'s delay since the previous scrape: p50 ≤ p99 ≤ max, at least the 10 ms sampling interval', async ({ server }) => {
    // Each scrape starts a new window; the monitor samples every 10 ms, so scrape until a window holds a sample.
    const lag = (s: Sample[]) => ['p50', 'p99', 'max'].map((q) => sampleSum(s, `nodejs_eventloop_lag_${q}_seconds`));
    let s = await scrape(server);
    while (lag(s)[0] === 0) s = await scrape(server);
    const [p50, p99, max] = lag(s);
    assert.equal(['p50', 'p99', 'max'].map((q) => s.find((x) => x.name === `nodejs_eventloop_lag_${q}_seconds`)?.type), ['gauge', 'gauge', 'gauge']);
    assert.ok(p50! >= 0.009 && p50! <= p99! && p99! <= max!, `p50 ${p50}, p99 ${p99}, max ${max}`);
  });

  test('the data disk: free and total bytes of DATA_DIR\'s file system, and the reserve', async ({ server }) => {
    const s = await scrape(server);
    const fs = await statfs(server.dataDir);
    const size = sampleSum(s, 'gs_data_disk_size_bytes');
    const free = sampleSum(s, 'gs_data_disk_free_bytes');
    assert.is(size, fs.blocks * fs.bsize);
    assert.ok(Math.abs(free - fs.bavail * fs.bsize) < size * 0.02, `free ${free} vs ${fs.bavail * fs.bsize}`);
    assert.is(sampleSum(s, 'gs_data_disk_reserve_bytes'), Math.min(200 * 1024 ** 2, Math.ceil(size * 0.02)));
  });

  test('the newest complete backup: absent before the first, then its snapshot time and age; partial and unreadable folders skipped', async ({ server, kind }) => {
    rmSync(BACKUP_DIR, { recursive: true, force: true });
    mkdirSync(BACKUP_DIR);
    try {
      const none = await scrape(server);
      for (const name of ['gs_backup_last_success_timestamp_seconds', 'gs_backup_age_seconds', 'gs_backup_damaged_photos']) {
        assert.is(none.filter((s) => s.name === name).length, 0, `${name} absent`);
      }
      const { manifest } = await runBackup({ dataDir: server.dataDir, databaseUrl: server.databaseUrl }, kind === 'postgres' ? server.db() : undefined, BACKUP_DIR);
      // Newer-named folders that are not complete backups: a backup still being written, a broken manifest.
      mkdirSync(join(BACKUP_DIR, '.partial-gs-backup-2099-01-01T00-00-00-000Z-abcd'));
      mkdirSync(join(BACKUP_DIR, 'gs-backup-2099-01-01T00-00-00-000Z'));
      writeFileSync(join(BACKUP_DIR, 'gs-backup-2099-01-01T00-00-00-000Z', 'manifest.json'), '{"format":1,');
      const t0 = Date.now();
      const s = await scrape(server);
      const created = Date.parse(manifest.createdAt);
      assert.is(sampleSum(s, 'gs_backup_last_success_timestamp_seconds'), created / 1000);
      const age = sampleSum(s, 'gs_backup_age_seconds');
      assert.ok(age >= (t0 - created) / 1000 - 0.001 && age <= (Date.now() - created) / 1000 + 0.001, `age ${age}`);
      assert.is(sampleSum(s, 'gs_backup_damaged_photos'), manifest.damaged.length);
    } finally {
      rmSync(BACKUP_DIR, { recursive: true, force: true });
    }
  });

  test('Prometheus scrapes it with the README\'s config and token, and loads the README\'s alert rules', async ({ server }) => {
    const reporter = await signedIn(server);
    assert.is((await putCase(reporter, newCaseId(), { baseRevision: 0, fields: caseFields() })).status, 201);
    const received = sampleSum(await scrape(server), 'gs_cases_total', { outcome: 'received' });
    const prometheus = await startPrometheus(new URL(server.url).host, TOKEN);
    try {
      const one = async (q: string) => (await prometheus.query(q))[0]?.value[1];
      await until(async () => (await one('up{job="guongsang"}')) === '1', 'Prometheus to scrape the server');
      assert.is(await one('gs_cases_total{outcome="received"}'), String(received));
      const rules = await until(async () => {
        const r = await prometheus.rules();
        return r.length > 0 && r.every((rule) => rule.health !== 'unknown') ? r : undefined;
      }, 'every rule evaluated once');
      assert.equal(rules.filter((r) => r.health !== 'ok').map((r) => `${r.name}: ${r.lastError}`), []);
      assert.equal(rules.map((r) => r.name), ['GuongSangDown', 'GuongSangNoBackup26h', 'GuongSangNoBackupAtAll', 'GuongSangBackupDamaged',
        'GuongSang5xx', 'GuongSangDiskUnder10Percent', 'GuongSangDiskFull', 'GuongSangLoginThrottles', 'GuongSangSlowCases']);
    } finally {
      await prometheus.stop();
    }
  });
}, { env: ENV });
