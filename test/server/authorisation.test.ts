// The authorisation matrix: every endpoint × every role × a target in the user's own area or another one →
// the expected status. Commune users live in 03637 (Mường Kim); "other" is 03640 (Khoen On). Province users'
// area is the whole province, so both targets are theirs. The table is the specification; one test per row
// asserts all its cells and reports every cell that differs.
import * as assert from 'uvu/assert';
import type { CaseFields } from '../../src/shared/case-schema';
import type { Role } from '../../src/shared/sync-protocol';
import { EXPORT_FORMATS, reviewApi } from '../../src/shared/review-protocol';
import { defaultLists } from '../../src/shared/reference';
import { referenceApi } from '../../src/shared/reference-protocol';
import { DEFAULT_CERTIFICATE_LAYOUT, certificateApi } from '../../src/shared/certificate-protocol';
import type { ServerProcess } from '../support/server-process';
import { forEachDatabase } from './helpers';
import { batchApi, DEFAULT_LEGAL_BASES, type BatchDetail } from '../../src/shared/batch-protocol';
import { COMMUNE_FORM, DECISION, MEETING, newBatch, post, proposedCase, submitted } from '../support/batch-fixtures';
import { PASSWORD, call, logIn, postLogin, signedIn, type Client } from '../support/api-client';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { fakeJpeg, sha256, uploadedPhoto } from '../support/photo-uploads';
import { BODY, createCase, moveTo, transition, WITHDRAW } from '../support/review-fixtures';

type Who = 'anonymous' | Role;
type Area = 'own' | 'other';
const WHO: readonly Who[] = ['anonymous', 'reporter', 'commune-reviewer', 'province-reviewer', 'admin'];
const COMMUNE: Record<Area, string> = { own: '03637', other: '03640' };

interface World {
  server: ServerProcess;
  users: Record<Exclude<Who, 'anonymous'>, Client>;
  /** A reporter of each commune (whose cases are the targets). */
  reporters: Record<Area, Client>;
  admin: Client;
}

/** Runs the request as `who` (null client: anonymous) against a target in `area`; returns the HTTP status. */
type Probe = (w: World, who: Client | null, area: Area, whoName: Who) => Promise<number>;

const as = (w: World, who: Client | null, path: string, o: Parameters<typeof call>[2] = {}) =>
  who ? who.call(path, o) : call(w.server, path, o);

/** [own, other] per role; a single number when the area makes no difference (then probed once, in own). */
type Expect = Record<Who, number | [number, number]>;
interface Row { endpoint: string; probe: Probe; expect: Expect }

const ALL = (signedIn: number, anonymous = 401): Expect =>
  ({ anonymous, reporter: signedIn, 'commune-reviewer': signedIn, 'province-reviewer': signedIn, admin: signedIn });

const reviewerRow = (commune: [number, number], province = 200, anonymous = 401, reporter = 403): Expect =>
  ({ anonymous, reporter, 'commune-reviewer': commune, 'province-reviewer': province, admin: province });

/** A case of the target area's reporter, optionally moved to a state, consenting to publication. */
async function targetCase(w: World, area: Area, state: Parameters<typeof moveTo>[2] = 'received', over: Partial<CaseFields> = {}): Promise<string> {
  const id = await createCase(w.reporters[area], {
    communeCode: COMMUNE[area], consentPublication: true, consentPublicationAt: '2026-07-15T08:00:00Z', ...over,
  });
  await moveTo(w.admin, id, state);
  return id;
}

const ROWS: Row[] = [
  { endpoint: 'GET /api/health', expect: ALL(200, 200), probe: async (w, who) => (await as(w, who, '/api/health')).status },
  { endpoint: 'POST /api/auth/login', expect: ALL(200), probe: async (w, who) => {
    const username = who?.user.username ?? 'khong-ton-tai';
    return (await postLogin(w.server, username)).status;
  } },
  { endpoint: 'GET /api/auth/me', expect: ALL(200), probe: async (w, who) => (await as(w, who, '/api/auth/me')).status },
  { endpoint: 'POST /api/auth/logout (a second session)', expect: ALL(200, 200), probe: async (w, who) => {
    if (!who) return (await call(w.server, '/api/auth/logout', { method: 'POST' })).status;
    const { cookie } = await logIn(w.server, who.user.username);
    return (await call(w.server, '/api/auth/logout', { method: 'POST', cookie })).status;
  } },
  // HEAD answers "did I upload this?" for the uploader only (here the area's reporter); nobody else learns it exists.
  { endpoint: 'HEAD /api/photos/{sha256}', expect: reviewerRow([404, 404], 404, 401, 200), probe: async (w, who, area) => {
    const photo = await uploadedPhoto(w.reporters[area]);
    return (await as(w, who, `/api/photos/${photo.sha256}`, { method: 'HEAD' })).status;
  } },
  // A photo is readable only by whoever may read a case using it (404, not 403: no hint).
  { endpoint: 'GET /api/photos/{sha256} (of a case)', expect: { ...reviewerRow([200, 404], 200, 401, 200), reporter: [200, 404] }, probe: async (w, who, area) => {
    const photo = await uploadedPhoto(w.reporters[area]);
    await targetCase(w, area, 'received', { photos: [photo] });
    return (await as(w, who, `/api/photos/${photo.sha256}`)).status;
  } },
  { endpoint: 'PUT /api/photos/{sha256}', expect: ALL(201), probe: async (w, who) => {
    const bytes = fakeJpeg(800, 600, 2000);
    return (await as(w, who, `/api/photos/${sha256(bytes)}`, { method: 'PUT', body: bytes, headers: { 'content-type': 'image/jpeg' } })).status;
  } },
  // The rest of an upload: only the uploader's own cut upload continues (nothing held here: 409 for everyone).
  { endpoint: 'PATCH /api/photos/{sha256}', expect: ALL(409), probe: async (w, who) => {
    const bytes = fakeJpeg(800, 600, 2000);
    return (await as(w, who, `/api/photos/${sha256(bytes)}`, {
      method: 'PATCH', body: bytes.subarray(1000),
      headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '1000', 'upload-length': String(bytes.length) },
    })).status;
  } },
  { endpoint: 'PUT /api/cases/{id} (new, in the area)', expect: { ...ALL(403), reporter: [201, 403] }, probe: async (w, who, area) =>
    (await as(w, who, `/api/cases/${newCaseId()}`, { method: 'PUT', json: { baseRevision: 0, fields: caseFields({ communeCode: COMMUNE[area] }) } })).status },
  { endpoint: 'GET /api/sync/changes', expect: ALL(200), probe: async (w, who) => (await as(w, who, '/api/sync/changes?since=0')).status },
  { endpoint: 'GET /api/review/cases', expect: reviewerRow([200, 200]), probe: async (w, who) => (await as(w, who, '/api/review/cases')).status },
  { endpoint: 'GET /api/review/cases?commune=', expect: reviewerRow([200, 403]), probe: async (w, who, area) =>
    (await as(w, who, `/api/review/cases?commune=${COMMUNE[area]}`)).status },
  { endpoint: 'GET /api/review/cases/{id}', expect: reviewerRow([200, 403]), probe: async (w, who, area) =>
    (await as(w, who, `/api/review/cases/${await targetCase(w, area)}`)).status },
  { endpoint: 'GET /api/review/cases/{id}/revisions/{n}', expect: reviewerRow([200, 403]), probe: async (w, who, area) =>
    (await as(w, who, `/api/review/cases/${await targetCase(w, area)}/revisions/1`)).status },
  ...EXPORT_FORMATS.map((format): Row => ({ endpoint: `GET /api/review/export.${format}?commune=`, expect: reviewerRow([200, 403]),
    probe: async (w, who, area) => (await as(w, who, reviewApi.export(format, `commune=${COMMUNE[area]}`))).status })),
  // The data subject's rights: administrators and province reviewers only (a commune reviewer, even in the area: 403).
  { endpoint: 'GET /api/review/cases/{id}/subject-access', expect: reviewerRow([403, 403]), probe: async (w, who, area) =>
    (await as(w, who, reviewApi.subjectAccess(await targetCase(w, area)))).status },
  { endpoint: 'POST /api/review/cases/{id}/erasure', expect: reviewerRow([403, 403]), probe: async (w, who, area) => {
    const id = await targetCase(w, area);
    return (await as(w, who, reviewApi.erasure(id), { method: 'POST', json: { caseId: id, reason: 'Đơn yêu cầu số 1/2026' } })).status;
  } },
  { endpoint: 'POST transitions → appraising', expect: reviewerRow([200, 403]), probe: async (w, who, area) =>
    (await as(w, who, `/api/cases/${await targetCase(w, area)}/transitions`, { method: 'POST', json: BODY.appraising })).status },
  { endpoint: 'POST transitions → returned', expect: reviewerRow([200, 403]), probe: async (w, who, area) =>
    (await as(w, who, `/api/cases/${await targetCase(w, area, 'appraising')}/transitions`, { method: 'POST', json: BODY.returned })).status },
  { endpoint: 'POST transitions → commended (commune-level form)', expect: reviewerRow([200, 403]), probe: async (w, who, area) =>
    (await as(w, who, `/api/cases/${await targetCase(w, area, 'proposed')}/transitions`, { method: 'POST', json: BODY.commended })).status },
  { endpoint: 'POST transitions → commended (provincial form)', expect: reviewerRow([403, 403]), probe: async (w, who, area) => {
    const id = await targetCase(w, area, 'appraising');
    const proposed = await transition(w.admin, id, { to: 'proposed', formId: 'bang_khen_chu_tich_ubnd_tinh' });
    if (proposed.status !== 200) throw new Error(proposed.text);
    return (await as(w, who, `/api/cases/${id}/transitions`, { method: 'POST', json: BODY.commended })).status;
  } },
  { endpoint: 'POST transitions → published', expect: reviewerRow([403, 403]), probe: async (w, who, area) =>
    (await as(w, who, `/api/cases/${await targetCase(w, area, 'commended')}/transitions`, { method: 'POST', json: BODY.published })).status },
  { endpoint: 'POST transitions → commended (withdrawn from the bulletin)', expect: reviewerRow([200, 403]), probe: async (w, who, area) =>
    (await as(w, who, `/api/cases/${await targetCase(w, area, 'published')}/transitions`, { method: 'POST', json: WITHDRAW })).status },
  // The public bulletin ignores the session: a published story is everyone's, an unpublished photo nobody's there.
  { endpoint: 'GET /ban-tin/{id} (published)', expect: ALL(200, 200), probe: async (w, who, area) =>
    (await as(w, who, `/ban-tin/${await targetCase(w, area, 'published')}`)).status },
  { endpoint: 'GET /ban-tin/anh/{sha256} (of a commended, unpublished case)', expect: ALL(404, 404), probe: async (w, who, area) => {
    const photo = await uploadedPhoto(w.reporters[area]);
    await targetCase(w, area, 'commended', { photos: [photo] });
    return (await as(w, who, `/ban-tin/anh/${photo.sha256}`)).status;
  } },
  { endpoint: 'GET /api/review/dashboard?commune=', expect: reviewerRow([200, 403]), probe: async (w, who, area) =>
    (await as(w, who, `/api/review/dashboard?from=2026-01-01&to=2026-12-31&commune=${COMMUNE[area]}`)).status },
  ...(['docx', 'html'] as const).map((format): Row => ({ endpoint: `GET /api/review/dashboard/report.${format}?commune=`, expect: reviewerRow([200, 403]),
    probe: async (w, who, area) => (await as(w, who, `/api/review/dashboard/report.${format}?from=2026-01-01&to=2026-12-31&commune=${COMMUNE[area]}`)).status })),
  ...adminUserRows(),
  ...batchRows(),
  ...certificateRows(),
  { endpoint: 'GET /api/reference', expect: ALL(200), probe: async (w, who) => (await as(w, who, referenceApi.lists)).status },
  // The shipped list sent back unchanged: allowed or not, the lists the other rows use stay as they are.
  { endpoint: 'PUT /api/admin/reference/{list}', expect: { ...ALL(403), admin: 200 }, probe: async (w, who) =>
    (await as(w, who, referenceApi.list('awardTypes'), { method: 'PUT', json: defaultLists.awardTypes.map(({ id, name }) => ({ id, name })) })).status },
];

/** Proposal batches: reviewers, a commune reviewer only on their commune's batches (another's: 404, never leaked). */
function batchRows(): Row[] {
  const manager = (own: number): Expect => reviewerRow([own, 404], own);
  const proposed = (w: World, area: Area) => proposedCase(w.reporters[area], w.admin, COMMUNE_FORM, { communeCode: COMMUNE[area] });
  const draft = async (w: World, area: Area) => newBatch(w.admin, [await proposed(w, area)]);
  const act = (path: (b: BatchDetail) => string, method: string, json: (b: BatchDetail) => unknown, ready = draft) =>
    async (w: World, who: Client | null, area: Area) => {
      const batch = await ready(w, area);
      return (await as(w, who, path(batch), { method, json: json(batch) })).status;
    };
  const none = () => undefined;
  const council = (b: BatchDetail) => ({ meeting: MEETING, votes: b.cases.map((c) => ({ caseId: c.caseId, agree: 5, voters: 7 })) });
  const ready = async (w: World, area: Area) => {
    const batch = await draft(w, area);
    await w.admin.call(batchApi.batch(batch.id), { method: 'PATCH', json: { number: '5', signerTitle: 'Chủ tịch', signerName: 'Lò Văn Pản' } });
    await w.admin.call(batchApi.council(batch.id), { method: 'PUT', json: council(batch) });
    return batch;
  };
  const sent = async (w: World, area: Area) => submitted(w.admin, await draft(w, area));
  return [
    { endpoint: 'GET /api/review/batches', expect: reviewerRow([200, 200]), probe: async (w, who) => (await as(w, who, batchApi.list())).status },
    { endpoint: 'GET /api/review/batches/{id}', expect: manager(200), probe: act((b) => batchApi.batch(b.id), 'GET', none) },
    { endpoint: 'POST /api/review/batches', expect: reviewerRow([201, 403], 201), probe: async (w, who, area) =>
      (await as(w, who, batchApi.list(), { method: 'POST', json: { caseIds: [await proposed(w, area)] } })).status },
    { endpoint: 'PATCH /api/review/batches/{id}', expect: manager(200), probe: act((b) => batchApi.batch(b.id), 'PATCH', () => ({ number: '7' })) },
    { endpoint: 'POST /api/review/batches/{id}/cases', expect: manager(200), probe: async (w, who, area) => {
      const [batch, more] = [await draft(w, area), await proposed(w, area)];
      return (await as(w, who, batchApi.cases(batch.id), { method: 'POST', json: { caseIds: [more] } })).status;
    } },
    { endpoint: 'DELETE /api/review/batches/{id}/cases/{caseId}', expect: manager(200), probe: act((b) => batchApi.case(b.id, b.cases[0]!.caseId), 'DELETE', none) },
    { endpoint: 'PUT /api/review/batches/{id}/council', expect: manager(200), probe: act((b) => batchApi.council(b.id), 'PUT', council) },
    { endpoint: 'POST /api/review/batches/{id}/submit', expect: manager(200), probe: act((b) => batchApi.submit(b.id), 'POST', () => ({}), ready) },
    { endpoint: 'POST /api/review/batches/{id}/withdraw', expect: manager(200), probe: act((b) => batchApi.withdraw(b.id), 'POST', () => ({ reason: 'Lập lại' })) },
    { endpoint: 'POST /api/review/batches/{id}/decision', expect: manager(200), probe: act((b) => batchApi.decision(b.id), 'POST', () => DECISION, sent) },
    { endpoint: 'POST /api/review/batches/{id}/notice', expect: manager(200), probe: act((b) => batchApi.notice(b.id), 'POST', () => ({ days: 7 }), sent) },
    { endpoint: 'GET /api/review/batches/{id}/comments', expect: manager(200), probe: act((b) => batchApi.comments(b.id), 'GET', none, sent) },
    { endpoint: 'GET /api/review/batches/{id}/documents/{kind}.docx', expect: manager(200), probe: act((b) => batchApi.document(b.id, 'danh-sach', 'docx'), 'GET', none) },
    { endpoint: 'GET /api/review/batches/{id}/dossier.zip', expect: manager(200), probe: act((b) => batchApi.dossier(b.id), 'GET', none) },
    { endpoint: 'GET /api/admin/commendation-settings', expect: reviewerRow([200, 200]), probe: async (w, who) => (await as(w, who, batchApi.settings)).status },
    { endpoint: 'PUT /api/admin/commendation-settings', expect: { ...ALL(403), admin: 200 }, probe: async (w, who) =>
      (await as(w, who, batchApi.settings, { method: 'PUT', json: { legalBases: [...DEFAULT_LEGAL_BASES], minVoteShare: {} } })).status },
  ];
}

/** Accounts: administrators only, whatever the area. Each probe works on an account of its own. */
function adminUserRows(): Row[] {
  const adminOnly = (status: number): Expect => ({ ...ALL(403), admin: status });
  let n = 0;
  const account = (w: World) => w.server.createUser({ username: `tk.dich.${++n}`, password: PASSWORD, role: 'reporter', area: COMMUNE.own });
  return [
    { endpoint: 'GET /api/admin/users', expect: adminOnly(200), probe: async (w, who) => (await as(w, who, '/api/admin/users')).status },
    { endpoint: 'POST /api/admin/users', expect: adminOnly(201), probe: async (w, who) => (await as(w, who, '/api/admin/users', { method: 'POST',
      json: { username: `tk.moi.${++n}`, displayName: 'Tài khoản mới', role: 'reporter', area: COMMUNE.own, password: PASSWORD } })).status },
    { endpoint: 'PATCH /api/admin/users/{id}', expect: adminOnly(200), probe: async (w, who) =>
      (await as(w, who, `/api/admin/users/${(await account(w)).id}`, { method: 'PATCH', json: { displayName: 'Tên mới' } })).status },
    { endpoint: 'POST /api/admin/users/{id}/password', expect: adminOnly(200), probe: async (w, who) =>
      (await as(w, who, `/api/admin/users/${(await account(w)).id}/password`, { method: 'POST', json: { password: 'mat-khau-moi-2026' } })).status },
  ];
}

/** Certificates: the calibration is the administrators'; the test print any reviewer's; a decided batch's print its managers'. */
const CERTIFICATE_ROUTES = ['GET /api/admin/certificate-layouts', 'PUT /api/admin/certificate-layouts/:formId',
  'GET /api/review/certificates/form/:formId/test-print.html', 'GET /api/review/certificates/batch/:batchId/:file'];
function certificateRows(): Row[] {
  const decided = new Map<string, Promise<string>>();
  // One decided commune batch per area (made by the province's admin), shared by the row's probes.
  const decidedBatch = (w: World, area: Area) => {
    const key = `${w.server.url} ${area}`;
    if (!decided.has(key)) {
      decided.set(key, (async () => {
        const batch = await submitted(w.admin, await newBatch(w.admin, [await targetCase(w, area, 'proposed')]));
        const r = await post(w.admin, batchApi.decision(batch.id), DECISION);
        if (r.status !== 200) throw new Error(r.text);
        return batch.id;
      })());
    }
    return decided.get(key)!;
  };
  const form = 'giay_khen_chu_tich_ubnd_xa';
  return [
    { endpoint: 'GET /api/admin/certificate-layouts', expect: { ...ALL(403), admin: 200 }, probe: async (w, who) =>
      (await as(w, who, certificateApi.layouts)).status },
    { endpoint: 'PUT /api/admin/certificate-layouts/{formId}', expect: { ...ALL(403), admin: 200 }, probe: async (w, who) =>
      (await as(w, who, certificateApi.layout(form), { method: 'PUT', json: DEFAULT_CERTIFICATE_LAYOUT })).status },
    { endpoint: 'GET /api/review/certificates/form/{formId}/test-print.html', expect: reviewerRow([200, 200]), probe: async (w, who) =>
      (await as(w, who, certificateApi.testPrint(form))).status },
    { endpoint: 'GET /api/review/certificates/batch/{id}/blank.html (decided)', expect: reviewerRow([200, 404]), probe: async (w, who, area) =>
      (await as(w, who, certificateApi.batch(await decidedBatch(w, area), 'blank'))).status },
  ];
}

forEachDatabase('authorisation matrix', (test) => {
  let world: World;
  test('setup: one user of each role, a reporter in each commune', async ({ server }) => {
    const admin = await signedIn(server, 'admin', '12');
    world = {
      server,
      admin,
      users: {
        reporter: await signedIn(server, 'reporter', COMMUNE.own),
        'commune-reviewer': await signedIn(server, 'commune-reviewer', COMMUNE.own),
        'province-reviewer': await signedIn(server, 'province-reviewer', '12'),
        admin: await signedIn(server, 'admin', '12'),
      },
      reporters: { own: undefined as unknown as Client, other: await signedIn(server, 'reporter', COMMUNE.other) },
    };
    world.reporters.own = world.users.reporter;
  });

  for (const row of ROWS) {
    test(row.endpoint, async () => {
      const differences: string[] = [];
      for (const who of WHO) {
        for (const area of ['own', 'other'] as const) {
          const cell = row.expect[who];
          if (typeof cell === 'number' && area === 'other') continue;
          const expected = typeof cell === 'number' ? cell : cell[area === 'own' ? 0 : 1];
          const actual = await row.probe(world, who === 'anonymous' ? null : world.users[who], area, who);
          if (actual !== expected) differences.push(`${who} × ${area}: ${actual}, expected ${expected}`);
        }
      }
      assert.equal(differences, []);
    });
  }

  test('every /api route of the app is in the table', async () => {
    const { createApp } = await import('../../src/server/app');
    const app = createApp({ config: { staticDir: 'dist' } as never, db: {} as never, log: {} as never, photos: {} as never, limiter: {} as never, bulletin: {} as never, metrics: {} as never });
    const routes = new Set(app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    const covered = ['GET /api/admin/users', 'POST /api/admin/users', 'PATCH /api/admin/users/:id', 'POST /api/admin/users/:id/password',
      'GET /api/reference', 'PUT /api/admin/reference/:list',
      'GET /api/review/batches', 'POST /api/review/batches', 'GET /api/review/batches/:id', 'PATCH /api/review/batches/:id',
      'POST /api/review/batches/:id/cases', 'DELETE /api/review/batches/:id/cases/:caseId', 'PUT /api/review/batches/:id/council',
      'POST /api/review/batches/:id/submit', 'POST /api/review/batches/:id/withdraw', 'POST /api/review/batches/:id/decision',
      'POST /api/review/batches/:id/notice', 'GET /api/review/batches/:id/comments',
      'GET /api/review/batches/:id/documents/:file', 'GET /api/review/batches/:id/dossier.zip',
      'GET /api/admin/commendation-settings', 'PUT /api/admin/commendation-settings',
      'GET /api/health', 'POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/auth/me', 'GET /api/photos/:sha256',
      'PUT /api/photos/:sha256', 'PATCH /api/photos/:sha256', 'PUT /api/cases/:id', 'POST /api/cases/:id/transitions', 'GET /api/sync/changes',
      'GET /api/review/cases', 'GET /api/review/dashboard', 'GET /api/review/cases/:id', 'GET /api/review/cases/:id/revisions/:n',
      'GET /api/review/cases/:id/subject-access', 'POST /api/review/cases/:id/erasure',
      ...EXPORT_FORMATS.map((format) => `GET /api/review/export.${format}`),
      ...CERTIFICATE_ROUTES,
      'GET /api/review/dashboard/report.docx', 'GET /api/review/dashboard/report.html'];
    assert.equal([...routes].sort(), covered.sort());
  });
});
