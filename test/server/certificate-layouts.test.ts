// The certificate calibration (admin): every form starts at the default layout; a PUT saves one form's and keeps the
// others; only administrators; bad input is a 422 in Vietnamese that changes nothing. The test print: any
// reviewer, the grid and the fields at the saved positions, its own CSP, a Vietnamese 404 for an unknown form.
import * as assert from 'uvu/assert';
import {
  DEFAULT_CERTIFICATE_LAYOUT, certificateApi, type CertificateLayout, type CertificateLayouts,
} from '../../src/shared/certificate-protocol';
import { defaultLists } from '../../src/shared/reference';
import type { ServerProcess } from '../support/server-process';
import { call, signedIn, type Client } from '../support/api-client';
import { forEachDatabase } from './helpers';

const FORM = 'giay_khen_chu_tich_ubnd_xa';
const OTHER = 'bang_khen_chu_tich_ubnd_tinh';

const settingsRows = (server: ServerProcess) => server.db().selectFrom('settings').selectAll().orderBy('key').execute();

const moved: CertificateLayout = {
  ...DEFAULT_CERTIFICATE_LAYOUT,
  name: { x: 30.5, y: 80, width: 236, fontSize: 28, align: 'left' },
};

forEachDatabase('certificate layouts', (test) => {
  let admin: Client;
  let province: Client;
  let commune: Client;
  let reporter: Client;

  test('setup', async ({ server }) => {
    admin = await signedIn(server, 'admin', '12');
    province = await signedIn(server, 'province-reviewer', '12');
    commune = await signedIn(server, 'commune-reviewer', '03637');
    reporter = await signedIn(server, 'reporter', '03637');
  });

  test('GET: every active form at the default layout, not yet saved; administrators only', async ({ server }) => {
    const r = await admin.call<CertificateLayouts>(certificateApi.layouts);
    assert.is(r.status, 200, r.text);
    assert.equal(r.body.forms.map((f) => f.formId), defaultLists.commendationForms.map((f) => f.id));
    assert.ok(r.body.forms.every((f) => !f.saved));
    assert.equal(r.body.forms[0]!.layout, DEFAULT_CERTIFICATE_LAYOUT);
    assert.is(r.body.forms[0]!.formName, 'Giấy khen của Chủ tịch Ủy ban nhân dân xã');

    assert.is((await call(server, certificateApi.layouts)).status, 401);
    for (const client of [province, commune, reporter]) {
      const refused = await client.call(certificateApi.layouts);
      assert.is(refused.status, 403);
      assert.match(refused.body.message, /Chỉ quản trị viên/);
      assert.is((await client.call(certificateApi.layout(FORM), { method: 'PUT', json: moved })).status, 403);
    }
    assert.equal(await settingsRows(server), []);
  });

  test('PUT saves one form; the others keep theirs; saving again replaces it', async ({ server }) => {
    const r = await admin.call<CertificateLayouts>(certificateApi.layout(FORM), { method: 'PUT', json: moved });
    assert.is(r.status, 200, r.text);
    const form = (body: CertificateLayouts, id: string) => body.forms.find((f) => f.formId === id)!;
    assert.equal(form(r.body, FORM), { formId: FORM, formName: 'Giấy khen của Chủ tịch Ủy ban nhân dân xã', layout: moved, saved: true });
    assert.equal(form(r.body, OTHER).layout, DEFAULT_CERTIFICATE_LAYOUT);

    const other = { ...DEFAULT_CERTIFICATE_LAYOUT, decision: { x: 20, y: 180, width: 120, fontSize: 11, align: 'right' } };
    assert.is((await admin.call(certificateApi.layout(OTHER), { method: 'PUT', json: other })).status, 200);
    const again = await admin.call<CertificateLayouts>(certificateApi.layouts);
    assert.equal(form(again.body, FORM).layout, moved);
    assert.equal(form(again.body, OTHER).layout, other);

    const rows = await settingsRows(server);
    assert.is(rows.length, 1);
    assert.is(rows[0]!.key, 'certificate-layouts');
    assert.is(rows[0]!.updated_by, admin.user.id);
    assert.equal(JSON.parse(rows[0]!.value), { [FORM]: moved, [OTHER]: other });
  });

  test('bad input: 422 with a Vietnamese message at each field, nothing saved; unknown form 404', async ({ server }) => {
    const before = await settingsRows(server);
    const bad = async (json: unknown, expected: Record<string, RegExp>) => {
      const r = await admin.call(certificateApi.layout(FORM), { method: 'PUT', json });
      assert.is(r.status, 422, r.text);
      const issues = Object.fromEntries((r.body.issues as { path: string; message: string }[]).map((i) => [i.path, i.message]));
      assert.equal(Object.keys(issues).sort(), Object.keys(expected).sort(), JSON.stringify(issues));
      for (const [path, pattern] of Object.entries(expected)) assert.match(issues[path]!, pattern, path);
    };
    const field = (over: Record<string, unknown>) => ({ ...DEFAULT_CERTIFICATE_LAYOUT, name: { ...DEFAULT_CERTIFICATE_LAYOUT.name, ...over } });
    await bad(field({ x: -1 }), { 'name.x': /Vị trí ngang phải từ 0 đến 297 mm/ });
    await bad(field({ y: 211 }), { 'name.y': /Vị trí dọc phải từ 0 đến 210 mm/ });
    await bad(field({ fontSize: 7 }), { 'name.fontSize': /Cỡ chữ phải từ 8 đến 40 pt/ });
    await bad(field({ fontSize: 41 }), { 'name.fontSize': /Cỡ chữ phải từ 8 đến 40 pt/ });
    await bad(field({ x: 200, width: 120 }), { 'name.width': /vượt mép phải/ });
    await bad(field({ y: 205, fontSize: 20 }), { 'name.y': /vượt mép dưới/ });
    await bad(field({ x: '48' }), { 'name.x': /Nhập vị trí ngang bằng số/ });
    await bad(field({ align: 'justify' }), { 'name.align': /Chọn căn trái, giữa hoặc phải/ });
    await bad(field({ color: 'red' }), { 'name.color': /không được phép/ });
    const { placeDate: _, ...missing } = DEFAULT_CERTIFICATE_LAYOUT;
    await bad(missing, { placeDate: /Thiếu trường bắt buộc/ });
    assert.equal(await settingsRows(server), before, 'nothing changed');

    const unknown = await admin.call(certificateApi.layout('khong_co'), { method: 'PUT', json: DEFAULT_CERTIFICATE_LAYOUT });
    assert.is(unknown.status, 404);
    assert.match(unknown.body.message, /Không có hình thức khen thưởng "khong_co"/);
    const notJson = await admin.call(certificateApi.layout(FORM), { method: 'PUT', body: '{', headers: { 'content-type': 'application/json' } });
    assert.is(notJson.status, 400);
    assert.equal(await settingsRows(server), before, 'nothing changed');
  });

  test('test print: any reviewer; the grid, the saved positions, A4 landscape without margins, its own CSP', async ({ server }) => {
    const r = await commune.call(certificateApi.testPrint(FORM));
    assert.is(r.status, 200, r.text);
    assert.match(r.headers.get('content-type') ?? '', /text\/html/);
    assert.match(r.text, /@page \{ size: A4 landscape; margin: 0; \}/);
    assert.match(r.text, /In thử căn chỉnh phôi: Giấy khen của Chủ tịch Ủy ban nhân dân xã/);
    assert.match(r.text, /\.layout-0 \.f-name \{ left: 30\.5mm; top: 80mm; width: 236mm; font-size: 28pt; text-align: left; \}/);
    for (const label of ['10', '150', '290']) assert.match(r.text, new RegExp(`class="ruler" text-anchor="middle">${label}</text>`));
    assert.match(r.text, /class="ruler">200<\/text>/);
    const csp = r.headers.get('content-security-policy') ?? '';
    assert.match(csp, /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; script-src 'sha256-/);
    assert.not.match(csp, /unsafe/);

    const unknown = await province.call(certificateApi.testPrint('khong_co'));
    assert.is(unknown.status, 404);
    assert.match(unknown.text, /Không có hình thức khen thưởng này trong danh mục/);
    assert.match(unknown.headers.get('content-type') ?? '', /text\/html/);
    assert.is((await reporter.call(certificateApi.testPrint(FORM))).status, 403);
    assert.is((await call(server, certificateApi.testPrint(FORM))).status, 401);
  });
});
