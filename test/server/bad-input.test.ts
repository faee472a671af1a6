// Hostile and broken input on every endpoint: each answer is a clear 4xx JSON error (never a 5xx, never a
// stack trace), and afterwards every table holds exactly what it held before.
import * as assert from 'uvu/assert';
import { reviewApi } from '../../src/shared/review-protocol';
import type { ApiError } from '../../src/shared/sync-protocol';
import { counts, forEachDatabase } from './helpers';
import { call, signedIn, type Client, type RequestOptions } from '../support/api-client';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { fakeJpeg, sha256, uploadedPhoto } from '../support/photo-uploads';

const CODES = new Set(['invalid', 'unauthenticated', 'forbidden', 'not-found', 'conflict', 'missing-photos', 'hash-mismatch', 'not-jpeg', 'too-large', 'rate-limited', 'unsupported-media-type', 'offset-mismatch']);
const LONG = 'Đ'.repeat(10_000);
const JSON_HEADERS = { 'content-type': 'application/json' };
const TRAVERSALS = ['..%2F..%2Fetc%2Fpasswd', '..%252F..%252Fetc%252Fpasswd', '%2Fetc%2Fpasswd', '..%5C..%5Cwindows', '%00', 'a%2Fb', LONG.slice(0, 2000)];

type Probe = [label: string, path: string, options: RequestOptions];

const raw = (path: string, method: string, body: string | Uint8Array, headers: Record<string, string> = JSON_HEADERS): RequestOptions => ({ method, body, headers });

/** Bodies that are no JSON object of the endpoint's, or not sent as JSON. */
function malformed(path: string, method: string): Probe[] {
  const fields = caseFields();
  return [
    [`${method} ${path}: malformed JSON`, path, raw(path, method, '{"baseRevision": 0, "fields": {')],
    [`${method} ${path}: not JSON at all`, path, raw(path, method, 'baseRevision=0&fields=x')],
    [`${method} ${path}: invalid UTF-8`, path, raw(path, method, new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))],
    [`${method} ${path}: empty body`, path, raw(path, method, '')],
    [`${method} ${path}: JSON null`, path, raw(path, method, 'null')],
    [`${method} ${path}: JSON array`, path, raw(path, method, '[1,2,3]')],
    [`${method} ${path}: a string`, path, raw(path, method, '"hello"')],
    [`${method} ${path}: deeply nested`, path, raw(path, method, `${'['.repeat(100_000)}${']'.repeat(100_000)}`)],
    [`${method} ${path}: __proto__`, path, raw(path, method, '{"__proto__": {"role": "admin"}, "constructor": {"prototype": {}}}')],
    [`${method} ${path}: over the JSON limit`, path, raw(path, method, JSON.stringify({ pad: 'x'.repeat(300 * 1024) }))],
    [`${method} ${path}: form content type`, path, raw(path, method, JSON.stringify({ baseRevision: 0, fields }), { 'content-type': 'application/x-www-form-urlencoded' })],
    [`${method} ${path}: text content type`, path, raw(path, method, JSON.stringify({ baseRevision: 0, fields }), { 'content-type': 'text/plain' })],
    [`${method} ${path}: no content type`, path, raw(path, method, JSON.stringify({ baseRevision: 0, fields }), {})],
  ];
}

function probes(existingCase: string, photoHash: string): Probe[] {
  const caseId = newCaseId();
  const fields = caseFields();
  const list: Probe[] = [...malformed('/api/auth/login', 'POST'), ...malformed(`/api/cases/${caseId}`, 'PUT')];
  list.push(
    ['login: wrong types', '/api/auth/login', { method: 'POST', json: { username: 5, password: ['x'] } }],
    ['login: 10,000-character strings', '/api/auth/login', { method: 'POST', json: { username: LONG, password: LONG } }],
    ['login: unknown field', '/api/auth/login', { method: 'POST', json: { username: 'a', password: 'b', role: 'admin' } }],
    ['login: NUL in the username', '/api/auth/login', { method: 'POST', json: { username: 'a\u0000b', password: 'mat-khau' } }],
  );
  const casePut = (label: string, body: unknown, id = caseId): Probe => [`case PUT: ${label}`, `/api/cases/${id}`, { method: 'PUT', json: body }];
  list.push(
    casePut('no fields', { baseRevision: 0 }),
    casePut('fields of the wrong types', { baseRevision: '0', fields: { ...fields, birthYear: '1988', photos: {}, consentAppraisal: 'yes' } }),
    casePut('baseRevision not a whole number', { baseRevision: 1.5, fields }),
    casePut('baseRevision huge', { baseRevision: 1e308, fields }),
    casePut('unknown top-level field', { baseRevision: 0, fields, status: 'commended' }),
    casePut('unknown field inside fields', { baseRevision: 0, fields: { ...fields, ownerId: 'x' } }),
    casePut('unknown field inside a photo', { baseRevision: 0, fields: { ...fields, photos: [{ sha256: photoHash, caption: '', width: 1, height: 1, bytes: 1, thumbSha256: photoHash, thumbBytes: 1, path: '../../x' }] } }),
    casePut('10,000-character strings everywhere', {
      baseRevision: 0,
      fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? LONG : v])),
    }),
    casePut('13 photos', { baseRevision: 0, fields: { ...fields, photos: Array.from({ length: 13 }, () => ({ sha256: photoHash, caption: '', width: 1, height: 1, bytes: 1, thumbSha256: photoHash, thumbBytes: 1 })) } }),
    casePut('a commune code that does not exist', { baseRevision: 0, fields: { ...fields, communeCode: '99999' } }),
    casePut('a date that does not exist', { baseRevision: 0, fields: { ...fields, deedDate: '2026-02-30' } }),
    casePut('a consent time that is only a day', { baseRevision: 0, fields: { ...fields, consentAppraisalAt: '2026-07-15' } }),
    casePut('a consent time without a zone', { baseRevision: 0, fields: { ...fields, consentAppraisalAt: '2026-07-15T08:00:00' } }),
    casePut('a consent time that is not a time', { baseRevision: 0, fields: { ...fields, consentAppraisalAt: 'hôm qua' } }),
    casePut('a consent time in the future', { baseRevision: 0, fields: { ...fields, consentAppraisalAt: '2999-01-01T00:00:00Z' } }),
    casePut('a consent to appraisal without its time', { baseRevision: 0, fields: { ...fields, consentAppraisalAt: null } }),
    casePut('a consent to publication without its time', { baseRevision: 0, fields: { ...fields, consentPublication: true, consentPublicationAt: null } }),
    casePut('a publication time without the consent', { baseRevision: 0, fields: { ...fields, consentPublication: false, consentPublicationAt: '2026-07-15T08:00:00Z' } }),
    casePut('NUL in a text field', { baseRevision: 0, fields: { ...fields, subjectName: 'Lò\u0000Mai' } }),
    casePut('NUL in a key', { baseRevision: 0, fields: { ...fields, ['x\u0000']: 1 } }),
    casePut('HTML in the text, over the length limit', { baseRevision: 0, fields: { ...fields, subjectName: '<script>alert(1)</script>'.repeat(20) } }),
    casePut('a stale revision of an existing case', { baseRevision: 0, fields: caseFields({ village: 'Bản khác' }) }, existingCase),
    casePut('photos the server does not have', { baseRevision: 0, fields: { ...fields, photos: [{ sha256: 'b'.repeat(64), caption: '', width: 1, height: 1, bytes: 1, thumbSha256: 'c'.repeat(64), thumbBytes: 1 }] } }),
  );
  for (const id of TRAVERSALS) list.push([`case PUT id ${id.slice(0, 30)}`, `/api/cases/${id}`, { method: 'PUT', json: { baseRevision: 0, fields } }]);
  list.push(['case DELETE', `/api/cases/${existingCase}`, { method: 'DELETE' }], ['case POST', '/api/cases', { method: 'POST', json: { baseRevision: 0, fields } }]);

  const jpeg = fakeJpeg(800, 600, 4000);
  const photoPut = (label: string, hash: string, body: Uint8Array | string, type = 'image/jpeg'): Probe =>
    [`photo PUT: ${label}`, `/api/photos/${hash}`, { method: 'PUT', body, headers: { 'content-type': type } }];
  list.push(
    photoPut('wrong hash', sha256(fakeJpeg(800, 600, 4000)), jpeg),
    photoPut('non-image bytes', sha256(Buffer.from('not a photo at all')), Buffer.from('not a photo at all')),
    photoPut('a JPEG announced as PNG', sha256(jpeg), jpeg, 'image/png'),
    photoPut('JSON instead of bytes', sha256(jpeg), JSON.stringify({ photo: 'x' }), 'application/json'),
    photoPut('over the size limit', sha256(jpeg), fakeJpeg(800, 600, 8 * 1024 * 1024 + 1)),
  );
  const photoPatch = (label: string, headers: Record<string, string>, hash = sha256(jpeg)): Probe =>
    [`photo PATCH: ${label}`, `/api/photos/${hash}`, { method: 'PATCH', body: jpeg.subarray(100), headers: { 'content-type': 'application/offset+octet-stream', ...headers } }];
  const rest = { 'upload-offset': '100', 'upload-length': String(jpeg.length) };
  list.push(
    photoPatch('no upload held', rest),
    photoPatch('no Upload-Offset', { 'upload-length': String(jpeg.length) }),
    photoPatch('Upload-Offset not a number', { ...rest, 'upload-offset': '1e2' }),
    photoPatch('Upload-Offset negative', { ...rest, 'upload-offset': '-100' }),
    photoPatch('Upload-Offset of 40 digits', { ...rest, 'upload-offset': '9'.repeat(40) }),
    photoPatch('Upload-Length over the size limit', { ...rest, 'upload-length': String(8 * 1024 * 1024 + 1) }),
    photoPatch('Upload-Length shorter than the body', { ...rest, 'upload-length': '200' }),
    photoPatch('as image/jpeg', { ...rest, 'content-type': 'image/jpeg' }),
  );
  for (const id of TRAVERSALS) {
    list.push(photoPatch(`id ${id.slice(0, 30)}`, rest, id));
    list.push(photoPut(`id ${id.slice(0, 30)}`, id, jpeg));
    list.push([`photo HEAD id ${id.slice(0, 30)}`, `/api/photos/${id}`, { method: 'HEAD' }]);
    list.push([`photo GET id ${id.slice(0, 30)}`, `/api/photos/${id}`, {}]);
  }
  list.push(
    ['changes: a cursor that is not a number', '/api/sync/changes?since=DROP%20TABLE%20cases', {}],
    ['changes: a 10,000-character cursor', `/api/sync/changes?since=${'9'.repeat(10_000)}`, {}],
    ['changes: no cursor', '/api/sync/changes', {}],
    ['changes: a cursor beyond any sequence number', '/api/sync/changes?since=999999999999999', {}],
  );
  return list;
}

async function expectClientError(label: string, r: { status: number; text: string; body: ApiError | undefined; headers: Headers }, method: string): Promise<void> {
  assert.ok(r.status >= 400 && r.status < 500, `${label}: status ${r.status} ${r.text.slice(0, 200)}`);
  assert.not.match(r.text, /\bat .+\.(ts|js):\d+|node_modules|Error:/, `${label}: no stack trace`);
  if (method === 'HEAD') return;
  assert.match(r.headers.get('content-type') ?? '', /application\/json/, `${label}: JSON`);
  assert.ok(r.body && CODES.has(r.body.error), `${label}: error code ${r.body?.error}`);
  assert.ok(typeof r.body?.message === 'string' && r.body.message.length > 0, `${label}: a message`);
}

/** The erasure's body and path, as sent by one who may erase (the reporter's probes stop at the role guard). */
function erasureProbes(existingCase: string): Probe[] {
  const path = reviewApi.erasure(existingCase);
  const erase = (label: string, body: unknown): Probe => [`erasure: ${label}`, path, { method: 'POST', json: body }];
  return [
    ...malformed(path, 'POST'),
    erase('no reason', { caseId: existingCase }),
    erase('a blank reason', { caseId: existingCase, reason: ' \n\t ' }),
    erase('a 10,000-character reason', { caseId: existingCase, reason: LONG }),
    erase('a reason of the wrong type', { caseId: existingCase, reason: ['Đơn số 1'] }),
    erase('NUL in the reason', { caseId: existingCase, reason: 'Đơn\u0000số 1' }),
    erase('another case named', { caseId: newCaseId(), reason: 'Đơn số 1' }),
    erase('a case id that is no UUID', { caseId: '../../etc/passwd', reason: 'Đơn số 1' }),
    erase('an unknown field', { caseId: existingCase, reason: 'Đơn số 1', erasedBy: 'admin' }),
    ...TRAVERSALS.flatMap((id): Probe[] => [
      [`erasure id ${id.slice(0, 30)}`, `/api/review/cases/${id}/erasure`, { method: 'POST', json: { caseId: existingCase, reason: 'Đơn số 1' } }],
      [`subject access id ${id.slice(0, 30)}`, `/api/review/cases/${id}/subject-access`, {}],
    ]),
    [`erasure GET`, path, {}],
  ];
}

forEachDatabase('bad input', (test) => {
  let reporter: Client;
  let existingCase: string;
  let photoHash: string;

  test('setup: a signed-in reporter with one case and one photo', async ({ server }) => {
    reporter = await signedIn(server);
    const photo = await uploadedPhoto(reporter);
    photoHash = photo.sha256;
    existingCase = newCaseId();
    const r = await reporter.call(`/api/cases/${existingCase}`, { method: 'PUT', json: { baseRevision: 0, fields: caseFields({ photos: [photo] }) } });
    assert.is(r.status, 201);
    // Moved on to revision 2, so baseRevision 0 with other content is stale.
    assert.is((await reporter.call(`/api/cases/${existingCase}`, { method: 'PUT', json: { baseRevision: 1, fields: caseFields({ photos: [photo], village: 'Bản 2' }) } })).status, 200);
  });

  test('signed in: every probe is a clear 4xx JSON error and changes nothing', async ({ server }) => {
    const before = await counts(server);
    for (const [label, path, options] of probes(existingCase, photoHash)) {
      const r = await reporter.call(path, options).catch((err: Error) => { throw new Error(`${label}: ${err.message} ${String(err.cause)}`); });
      await expectClientError(label, r, options.method ?? 'GET');
    }
    assert.equal(await counts(server), before);
    assert.is((await reporter.call('/api/auth/me')).status, 200, 'still signed in');
  });

  test('not signed in: the same probes on the API are refused too, and change nothing', async ({ server }) => {
    const before = await counts(server);
    for (const [label, path, options] of probes(existingCase, photoHash)) {
      if (path === '/api/auth/login') continue; // login is the one endpoint open to everyone (probed above)
      const r = await call(server, path, options);
      await expectClientError(`anonymous ${label}`, r, options.method ?? 'GET');
    }
    assert.equal(await counts(server), before);
  });

  test('erasure: hostile bodies and paths from a province reviewer are clear 4xx errors and erase nothing', async ({ server }) => {
    const province = await signedIn(server, 'province-reviewer', '12');
    const before = await counts(server);
    for (const [label, path, options] of erasureProbes(existingCase)) {
      await expectClientError(label, await province.call(path, options), options.method ?? 'GET');
    }
    assert.equal(await counts(server), before);
    assert.is((await province.call(reviewApi.case(existingCase))).status, 200, 'the case is still there');
  });

  test('consent times: each refusal names its field in Vietnamese; a case stored before the rule still reads', async ({ server }) => {
    const refusals: [Record<string, unknown>, string][] = [
      [{ consentAppraisalAt: '2999-01-01T00:00:00Z' }, 'không thể ở tương lai'],
      [{ consentAppraisalAt: '15/07/2026' }, 'múi giờ'],
      [{ consentPublication: true, consentPublicationAt: null }, 'đồng ý đăng tin'],
    ];
    for (const [over, message] of refusals) {
      const r = await reporter.call(`/api/cases/${newCaseId()}`, { method: 'PUT', json: { baseRevision: 0, fields: { ...caseFields(), ...over } } });
      assert.is(r.status, 422, JSON.stringify(over));
      const issue = r.body.issues?.find((i: { path: string }) => i.path.startsWith('fields.consent'));
      assert.ok(issue, `${JSON.stringify(over)}: ${r.text}`);
      assert.match(issue.message, message);
    }
    // Written before consent times were checked: the server reads what it stored without checking it again.
    const db = server.db();
    const row = await db.selectFrom('cases').select('fields').where('id', '=', existingCase).executeTakeFirstOrThrow();
    const legacy = { ...JSON.parse(row.fields), consentAppraisalAt: '2026-07-15', consentPublication: false, consentPublicationAt: '2026-07-15T08:00:00' };
    await db.updateTable('cases').set({ fields: JSON.stringify(legacy) }).where('id', '=', existingCase).execute();
    const reviewer = await signedIn(server, 'commune-reviewer', '03637');
    const read = await reviewer.call(`/api/review/cases/${existingCase}`);
    assert.is(read.status, 200, read.text);
    assert.is((await reporter.call('/api/sync/changes?since=0')).status, 200);
    const moved = await reviewer.call(`/api/cases/${existingCase}/transitions`, { method: 'POST', json: { to: 'appraising' } });
    assert.is(moved.status, 200, moved.text);
  });

  test('the server logged no unexpected error', async ({ server }) => {
    const errors = server.logs().filter((line) => line.includes('"level":"error"'));
    assert.equal(errors, []);
  });
});
