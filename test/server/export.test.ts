// GET /api/review/export.{csv,xlsx,zip}: each format parsed back (a strict RFC 4180 reader, the workbook's XML,
// the archive unzipped) and compared with what the test sent and what the database holds: every case of the
// filter and the area, in the list's order, none outside; photos byte for byte; refusals answer JSON and send no
// file. Expected cells are computed here from the sent fields, not with the server's column code.
import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { unzipSync, strFromU8 } from 'fflate';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseFields } from '../../src/shared/case-schema';
import { formatDmy, todayIso, vietnamDay } from '../../src/shared/dates';
import { reviewApi, type ExportFormat } from '../../src/shared/review-protocol';
import { serverStatusNames, type AppraisalStatus } from '../../src/shared/sync-protocol';
import { matchesQuery } from '../../src/shared/text';
import { zipStream } from '../../src/server/export/zip-writer';
import { PhotoStore } from '../../src/server/photos/store';
import type { ServerProcess } from '../support/server-process';
import { counts, forEachDatabase } from './helpers';
import { signedIn, type Client } from '../support/api-client';
import { caseFields } from '../support/case-fixtures';
import { fakeJpeg, putPhoto, sha256, uploadedPhoto } from '../support/photo-uploads';
import { createCase, moveTo } from '../support/review-fixtures';
import { until } from '../support/wait';

const HEADERS = [
  'Mã hồ sơ', 'Trạng thái', 'Xã/phường', 'Họ tên/Tên tập thể', 'Loại đối tượng', 'Nhóm đối tượng', 'Dân tộc', 'Năm sinh',
  'Giới tính', 'Thôn/bản', 'Nơi công tác/chức vụ', 'Phong trào', 'Lĩnh vực', 'Ngày việc tốt (dd/mm/yyyy)', 'Nơi', 'Việc tốt',
  'Kết quả', 'Hình thức người báo cáo đề nghị', 'Loại hình khen thưởng', 'Hình thức đề nghị/khen thưởng', 'Số quyết định',
  'Ngày quyết định', 'Số ảnh', 'Đồng ý đăng tin', 'Người báo cáo', 'Điện thoại người báo cáo', 'Ngày nhận', 'Phiên bản',
];
const COMMUNE_LABEL: Record<string, string> = { '03637': 'Xã Mường Kim', '03640': 'Xã Khoen On', '03595': 'Xã Than Uyên' };
const TRICKY_DEED = 'Anh nói "cứu người đã", rồi lao xuống suối, kéo được hai cháu lên bờ.\nSau đó, anh đưa các cháu về bản.';
const FORMULA_NAME = '=HYPERLINK("http://vi-du.vn","Bấm vào")';
/** The servers' TMPDIR: where the ZIP export keeps its list while the folders stream. */
const SERVER_TMP = mkdtempSync(join(tmpdir(), 'gs-export-test-'));
process.on('exit', () => rmSync(SERVER_TMP, { recursive: true, force: true }));
const exportTemps = async () => (await readdir(SERVER_TMP)).filter((name) => name.startsWith('gs-export-'));

interface Seeded { id: string; fields: CaseFields; status: AppraisalStatus; createdAt: string; decision?: { number: string; date: string } }

// ---- readers --------------------------------------------------------------------------------------------

/** RFC 4180, strictly: CRLF between records (a bare LF only inside quotes), quotes only around a whole cell. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const endCell = () => { row.push(cell); cell = ''; };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && cell === '') {
      for (i++; ; i++) {
        if (i >= text.length) throw new Error('unterminated quoted cell');
        if (text[i] === '"') { if (text[i + 1] === '"') { cell += '"'; i++; } else break; } else cell += text[i];
      }
      i++;
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
      if (cell === '') cell = '\u0000quoted-empty';
      continue;
    }
    if (ch === '"') throw new Error(`quote inside an unquoted cell at ${i}`);
    if (ch === ',') { endCell(); i++; continue; }
    if (ch === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`CR without LF at ${i}`);
      endCell(); rows.push(row); row = []; i += 2; continue;
    }
    if (ch === '\n') throw new Error(`bare LF outside quotes at ${i}`);
    cell += ch; i++;
  }
  if (cell !== '' || row.length > 0) throw new Error('last record does not end with CRLF');
  return rows.map((r) => r.map((c) => (c === '\u0000quoted-empty' ? '' : c)));
}

const unescapeXml = (s: string) => s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
  ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[e] ??
  String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))));

function columnIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/** sheet1.xml → rows of cells (string for inline strings, number for numbers), checking each cell's reference. */
function parseSheet(xml: string): { rows: (string | number)[][]; styles: string[] } {
  const rows: (string | number)[][] = [];
  const styles: string[] = [];
  for (const [, r, body] of xml.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/gs)) {
    assert.is(Number(r), rows.length + 1, 'rows in order, numbered from 1');
    const cells: (string | number)[] = new Array<string | number>(HEADERS.length).fill('');
    for (const [, col, rowRef, attrs, inner] of body!.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*)>(.*?)<\/c>/gs)) {
      assert.is(rowRef, r);
      const style = /s="(\d+)"/.exec(attrs!)?.[1];
      if (Number(r) === 1) styles.push(style ?? '0');
      if (/t="inlineStr"/.test(attrs!)) cells[columnIndex(col!)] = unescapeXml(/<is><t[^>]*>(.*?)<\/t><\/is>/s.exec(inner!)![1]!);
      else cells[columnIndex(col!)] = Number(/<v>(.*?)<\/v>/.exec(inner!)![1]);
    }
    rows.push(cells);
  }
  return { rows, styles };
}

// ---- expectations ---------------------------------------------------------------------------------------

/** The cells the test can state from what it sent (the rest are checked for presence by the header). */
function expectedCells(s: Seeded): Record<string, string> {
  const f = s.fields;
  return {
    'Mã hồ sơ': s.id, 'Trạng thái': serverStatusNames[s.status], 'Xã/phường': COMMUNE_LABEL[f.communeCode]!,
    'Họ tên/Tên tập thể': f.subjectName, 'Loại đối tượng': f.subjectKind === 'tap-the' ? 'Tập thể' : 'Cá nhân',
    'Dân tộc': f.ethnicityCode === '03' ? 'Thái' : '', 'Năm sinh': f.birthYear === undefined ? '' : String(f.birthYear),
    'Giới tính': f.gender === 'nu' ? 'Nữ' : f.gender === 'nam' ? 'Nam' : '', 'Thôn/bản': f.village,
    'Phong trào': f.movementId === 'dan-van-kheo' ? 'Dân vận khéo' : 'Xây dựng nông thôn mới và giảm nghèo bền vững',
    'Ngày việc tốt (dd/mm/yyyy)': formatDmy(f.deedDate), 'Nơi': f.deedPlace, 'Việc tốt': f.deedDescription, 'Kết quả': f.result,
    'Hình thức đề nghị/khen thưởng': s.decision ? 'Giấy khen của Chủ tịch Ủy ban nhân dân xã' : '',
    'Số quyết định': s.decision?.number ?? '', 'Ngày quyết định': s.decision ? formatDmy(s.decision.date) : '',
    'Số ảnh': String(f.photos.length), 'Đồng ý đăng tin': f.consentPublication ? 'Có' : 'Không',
    'Ngày nhận': formatDmy(vietnamDay(s.createdAt)), 'Phiên bản': '1',
  };
}

/** A spreadsheet must not run a cell as a formula: the CSV's apostrophe. */
const guarded = (text: string) => (/^[=+\-@]/.test(text) ? `'${text}` : text);

const byHeader = (row: readonly (string | number)[]) => Object.fromEntries(HEADERS.map((h, i) => [h, String(row[i] ?? '')]));

function assertRows(rows: (string | number)[][], expected: Seeded[], transform: (text: string) => string, label: string): void {
  assert.equal(rows.map((r) => r[0]), expected.map((s) => s.id), `${label}: the cases, newest first`);
  rows.forEach((row, i) => {
    assert.is(row.length, HEADERS.length, `${label}: every row has every column`);
    const actual = byHeader(row);
    for (const [header, value] of Object.entries(expectedCells(expected[i]!))) {
      assert.is(actual[header], transform(value), `${label}: ${header} of ${expected[i]!.fields.subjectName}`);
    }
  });
}

/** Newest first by first receipt, ties by id (the reviewer list's order). */
const newestFirst = (a: Seeded, b: Seeded) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1);

/** The raw bytes of an export (the helpers' call() reads text). */
async function download(client: Client | null, server: ServerProcess, format: ExportFormat, query = '') {
  const res = await fetch(server.url + reviewApi.export(format, query), { headers: client ? { cookie: client.cookie } : {} });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

const utf8Text = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

forEachDatabase('exports', (test) => {
  let seeded: Seeded[] = [];
  let province: Client;
  let communeReviewer: Client;
  let reporter: Client;

  test('setup: cases in three communes, tricky texts, photos, a commendation', async ({ server }) => {
    reporter = await signedIn(server, 'reporter', '12');
    province = await signedIn(server, 'province-reviewer', '12');
    communeReviewer = await signedIn(server, 'commune-reviewer', '03637');
    const plans: [Partial<CaseFields>, AppraisalStatus, number][] = [
      [{ communeCode: '03637', subjectName: FORMULA_NAME, deedDescription: TRICKY_DEED, consentPublication: true, consentPublicationAt: '2026-07-15T08:00:00Z' }, 'received', 2],
      [{ communeCode: '03640', subjectName: '@Điêu Thị Hoa, bản Nà Ún', result: '-5 hộ còn nghèo sau khi được giúp đỡ.' }, 'appraising', 1],
      [{ communeCode: '03637', subjectKind: 'tap-the', subjectName: 'Tập thể bản Nà Ún', birthYear: undefined, gender: undefined, ethnicityCode: undefined }, 'appraising', 0],
      [{ communeCode: '03637', subjectName: 'Lường Văn Hặc', movementId: 'ntm-giam-ngheo', deedDate: '2026-03-02' }, 'commended', 1],
      [{ communeCode: '03595', subjectName: '+Sùng A Páo', deedPlace: 'Chợ Than Uyên', reporterPhone: '+84912345678' }, 'received', 3],
      [{ communeCode: '03640', subjectName: 'Lò Văn Đức', deedDescription: 'Trả lại <ví> & giấy tờ\u0007 cho người đánh rơi ở chợ.' }, 'returned', 0],
      [{ communeCode: '03637', subjectName: 'Giàng Thị Dợ', deedDate: '2026-01-20', movementId: 'ntm-giam-ngheo' }, 'received', 1],
    ];
    for (const [over, status, photoCount] of plans) {
      const photos = [];
      for (let p = 0; p < photoCount; p++) photos.push(await uploadedPhoto(reporter, `Ảnh ${p + 1}: hiện trường, "gần suối"`));
      const fields = caseFields({ ...over, photos });
      const id = await createCase(reporter, fields);
      await moveTo(province, id, status);
      seeded.push({ id, fields, status, createdAt: '', ...(status === 'commended' ? { decision: { number: '125/QĐ-UBND', date: '2026-08-01' } } : {}) });
    }
    const rows = await server.db().selectFrom('cases').select(['id', 'created_at']).execute();
    const createdAt = new Map(rows.map((r) => [r.id, r.created_at]));
    seeded = seeded.map((s) => ({ ...s, createdAt: createdAt.get(s.id)! })).sort(newestFirst);
  });

  test('CSV: BOM, Vietnamese headers, CRLF, RFC 4180 quoting, formula guard; every case, newest first', async ({ server }) => {
    const r = await download(province, server, 'csv');
    assert.is(r.status, 200);
    assert.is(r.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.is(r.headers.get('cache-control'), 'no-store');
    assert.equal([...r.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const text = utf8Text(r.bytes).slice(1);
    const [header, ...rows] = parseCsv(text);
    assert.equal(header, HEADERS);
    assertRows(rows, seeded, guarded, 'csv');
    assert.ok(text.includes('"Anh nói ""cứu người đã"", rồi lao'), 'quotes doubled inside a quoted cell');
    assert.ok(text.includes(`,"'=HYPERLINK(""http://vi-du.vn"",""Bấm vào"")",`), 'the formula-like name is quoted and defused');
    const byId = new Map(rows.map((row) => [row[0], byHeader(row)]));
    assert.is(byId.get(seeded.find((s) => s.fields.subjectName.startsWith('+'))!.id)!['Điện thoại người báo cáo'], "'+84912345678");
  });

  test('filters and area: exactly the cases of the filter and the area, for each format', async ({ server }) => {
    const checks: [string, Client, string, (s: Seeded) => boolean][] = [
      ['commune reviewer, no filter', communeReviewer, '', (s) => s.fields.communeCode === '03637'],
      ['commune reviewer, own commune', communeReviewer, 'commune=03637&status=appraising', (s) => s.fields.communeCode === '03637' && s.status === 'appraising'],
      ['commune reviewer, empty parameters', communeReviewer, 'status=&q=&commune=', (s) => s.fields.communeCode === '03637'],
      ['province, commune', province, 'commune=03640', (s) => s.fields.communeCode === '03640'],
      ['province, status', province, 'status=received', (s) => s.status === 'received'],
      ['province, kind', province, 'kind=tap-the', (s) => s.fields.subjectKind === 'tap-the'],
      ['province, movement', province, 'movement=ntm-giam-ngheo', (s) => s.fields.movementId === 'ntm-giam-ngheo'],
      ['province, deed dates', province, 'from=2026-01-01&to=2026-03-31', (s) => s.fields.deedDate >= '2026-01-01' && s.fields.deedDate <= '2026-03-31'],
      ['province, text', province, 'q=than uyen', (s) => matchesQuery('than uyen', s.fields.subjectName, s.fields.deedPlace, s.fields.deedDescription)],
    ];
    for (const [label, client, query, keep] of checks) {
      const expected = seeded.filter(keep);
      assert.ok(expected.length > 0 && expected.length < seeded.length, `${label}: a filter that separates`);
      const csv = await download(client, server, 'csv', query);
      assert.equal(parseCsv(utf8Text(csv.bytes).slice(1)).slice(1).map((row) => row[0]), expected.map((s) => s.id), `${label} (csv)`);
      const xlsx = await download(client, server, 'xlsx', query);
      const sheet = parseSheet(strFromU8(unzipSync(xlsx.bytes)['xl/worksheets/sheet1.xml']!));
      assert.equal(sheet.rows.slice(1).map((row) => row[0]), expected.map((s) => s.id), `${label} (xlsx)`);
      const zip = unzipSync((await download(client, server, 'zip', query)).bytes);
      const folders = [...new Set(Object.keys(zip).filter((n) => n.includes('/')).map((n) => n.split('/')[0]))];
      assert.equal(folders.map((f) => f!.slice(-36)).sort(), expected.map((s) => s.id).sort(), `${label} (zip)`);
    }
    const refused = await communeReviewer.call(reviewApi.export('csv', 'commune=03640'));
    assert.is(refused.status, 403);
  });

  test('XLSX: the parts, a bold frozen header, inline strings, numbers as numbers; same rows as the CSV', async ({ server }) => {
    const r = await download(province, server, 'xlsx');
    assert.is(r.status, 200);
    assert.is(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const files = unzipSync(r.bytes);
    assert.equal(Object.keys(files).sort(), ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml',
      'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    const types = strFromU8(files['[Content_Types].xml']!);
    for (const part of ['/xl/workbook.xml', '/xl/worksheets/sheet1.xml', '/xl/styles.xml']) assert.ok(types.includes(`PartName="${part}"`), part);
    assert.match(strFromU8(files['xl/_rels/workbook.xml.rels']!), 'Target="worksheets/sheet1.xml"');
    assert.match(strFromU8(files['xl/styles.xml']!), /<cellXfs count="2">.*fontId="1"/s);
    const xml = strFromU8(files['xl/worksheets/sheet1.xml']!);
    assert.match(xml, /<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
    assert.is([...xml.matchAll(/<col min=/g)].length, HEADERS.length, 'a width for every column');
    assert.not.match(xml, /<f>|<f /, 'no formulas');
    assert.not.match(xml, /\u0007/, 'characters XML 1.0 forbids are dropped');
    const { rows, styles } = parseSheet(xml);
    assert.equal(rows[0], HEADERS);
    assert.equal(styles, HEADERS.map(() => '1'), 'the header row is bold');
    const withoutBell = (text: string) => text.replace(/\u0007/g, '');
    assertRows(rows.slice(1), seeded, withoutBell, 'xlsx');
    const individual = rows.find((row) => row[0] === seeded.find((s) => s.fields.birthYear !== undefined)!.id)!;
    assert.is(individual[HEADERS.indexOf('Năm sinh')], 1988, 'a number cell');
    assert.is(rows.find((row) => row[3] === FORMULA_NAME)?.[3], FORMULA_NAME, 'text cells keep their text as it is');
  });

  test('ZIP: a folder per case with its photos byte for byte and ho-so.txt; danh-sach.csv is the CSV export', async ({ server }) => {
    const r = await download(province, server, 'zip');
    assert.is(r.status, 200);
    assert.is(r.headers.get('content-type'), 'application/zip');
    const files = unzipSync(r.bytes);
    const expectedNames = ['danh-sach.csv'];
    for (const s of seeded) {
      const folder = `${COMMUNE_LABEL[s.fields.communeCode]} - ${s.fields.subjectName.replace(/[/\\:*?"<>|]/g, ' ').replace(/\s+/g, ' ').trim()} - ${s.id}`;
      expectedNames.push(`${folder}/ho-so.txt`);
      for (const [i, photo] of s.fields.photos.entries()) {
        const name = `${folder}/${String(i + 1).padStart(2, '0')}.jpg`;
        expectedNames.push(name);
        const bytes = files[name];
        assert.ok(bytes, name);
        assert.is(sha256(bytes!), photo.sha256, `${name}: the uploaded photo`);
        assert.is(bytes!.length, photo.bytes);
        const raw = new Uint8Array(await (await fetch(`${server.url}/api/photos/${photo.sha256}`, { headers: { cookie: reporter.cookie } })).arrayBuffer());
        assert.ok(Buffer.from(raw).equals(Buffer.from(bytes!)), `${name}: the stored bytes`);
      }
      const text = utf8Text(files[`${folder}/ho-so.txt`]!);
      assert.ok(text.startsWith('\uFEFF'));
      assert.ok(text.includes(`Mã hồ sơ: ${s.id}\r\n`));
      assert.ok(text.includes(`Họ tên/Tên tập thể: ${s.fields.subjectName}\r\n`));
      for (const [i] of s.fields.photos.entries()) assert.ok(text.includes(`${String(i + 1).padStart(2, '0')}.jpg — Ảnh ${i + 1}`), 'captions');
    }
    assert.equal(Object.keys(files).sort(), expectedNames.sort());
    const csv = await download(province, server, 'csv');
    assert.equal(parseCsv(utf8Text(files['danh-sach.csv']!)), parseCsv(utf8Text(csv.bytes)));
  });

  test('an empty result is a valid file with the header row', async ({ server }) => {
    const csv = await download(province, server, 'csv', 'status=published');
    assert.equal(parseCsv(utf8Text(csv.bytes).slice(1)), [HEADERS]);
    const xlsx = await download(province, server, 'xlsx', 'status=published');
    assert.equal(parseSheet(strFromU8(unzipSync(xlsx.bytes)['xl/worksheets/sheet1.xml']!)).rows, [HEADERS]);
    const zip = unzipSync((await download(province, server, 'zip', 'status=published')).bytes);
    assert.equal(Object.keys(zip), ['danh-sach.csv']);
    assert.equal(parseCsv(utf8Text(zip['danh-sach.csv']!).slice(1)), [HEADERS]);
  });

  test('Content-Disposition: an ASCII name and the Vietnamese one (RFC 6266)', async ({ server }) => {
    const r = await download(province, server, 'xlsx', 'commune=03637');
    const today = todayIso();
    assert.is(r.headers.get('content-disposition'),
      `attachment; filename="ho-so-xa-muong-kim-${today}.xlsx"; filename*=UTF-8''${encodeURIComponent(`hồ-sơ-xã-mường-kim-${today}.xlsx`)}`);
    const all = await download(province, server, 'csv');
    assert.match(all.headers.get('content-disposition')!, `filename="ho-so-${today}.csv"`);
  });

  test('refusals and bad parameters: JSON 4xx naming the problem, no file, nothing changed', async ({ server }) => {
    const before = await counts(server);
    const probes: [string, Client | null, string, number, string?][] = [
      ['bad status', province, 'status=bogus', 422, 'status'],
      ['a page size', province, 'limit=10', 422, 'limit'],
      ['a cursor', province, 'cursor=abc', 422, 'cursor'],
      ['an unknown parameter', province, 'foo=1', 422, 'foo'],
      ['a day that does not exist', province, 'from=2026-02-30', 422, 'from'],
      ['a commune code that does not exist', province, 'commune=99999', 422, 'commune'],
      ['another commune', communeReviewer, 'commune=03640', 403],
      ['a reporter', reporter, '', 403],
      ['anonymous', null, '', 401],
    ];
    for (const format of ['csv', 'xlsx', 'zip'] as const) {
      for (const [label, client, query, status, path] of probes) {
        const r = await download(client, server, format, query);
        assert.is(r.status, status, `${format} ${label}`);
        assert.match(r.headers.get('content-type') ?? '', 'application/json', `${format} ${label}`);
        assert.is(r.headers.get('content-disposition'), null, `${format} ${label}: no file`);
        const body = JSON.parse(new TextDecoder().decode(r.bytes)) as { message: string; issues?: { path: string; message: string }[] };
        assert.match(body.message, /[ảạấầẩậắằặẹếềểệịọốồổộớờởợụứừửựỳýđ]/i, `${format} ${label}: a Vietnamese message`);
        if (path) assert.is(body.issues?.[0]?.path, path, `${format} ${label}`);
      }
    }
    assert.equal(await counts(server), before);
  });

  test('a photo file lost on the server: its entry is left out and ho-so.txt says so', async ({ server }) => {
    const s = seeded.find((c) => c.fields.photos.length === 3)!;
    await rm(new PhotoStore(join(server.dataDir, 'photos')).pathOf(s.fields.photos[1]!.sha256));
    const files = unzipSync((await download(province, server, 'zip', `commune=${s.fields.communeCode}`)).bytes);
    const names = Object.keys(files).filter((n) => n.endsWith(s.id) || n.includes(`${s.id}/`));
    assert.equal(names.map((n) => n.split('/')[1]).sort(), ['01.jpg', '03.jpg', 'ho-so.txt']);
    const text = strFromU8(files[names.find((n) => n.endsWith('ho-so.txt'))!]!);
    assert.match(text, '02.jpg — Ảnh 2: hiện trường, "gần suối" (máy chủ không còn tệp ảnh này)');
  });

  test('a client that stops reading: the export stops and removes its temp file', async ({ server }) => {
    const photos = [];
    for (let i = 0; i < 3; i++) {
      const photo = fakeJpeg(1600, 1200, 4 * 1024 * 1024);
      const thumb = fakeJpeg(320, 240, 1500);
      for (const bytes of [photo, thumb]) assert.ok([200, 201].includes((await putPhoto(reporter, bytes)).status));
      photos.push({ sha256: sha256(photo), caption: '', width: 1600, height: 1200, bytes: photo.length, thumbSha256: sha256(thumb), thumbBytes: thumb.length });
    }
    for (let i = 0; i < 10; i++) await createCase(reporter, { communeCode: '03595', photos });
    const aborter = new AbortController();
    const res = await fetch(server.url + reviewApi.export('zip', 'commune=03595'), { headers: { cookie: province.cookie }, signal: aborter.signal });
    const reader = res.body!.getReader();
    let received = 0;
    while (received < 1024 * 1024) received += (await reader.read()).value!.length;
    assert.is((await exportTemps()).length, 1, 'the list being written while the folders stream');
    aborter.abort();
    await until(async () => (await exportTemps()).length === 0, 'the temp folder removed after the client went away');
    assert.equal(server.logs().filter((line) => line.includes('export failed')), [], 'a client going away is not an error');
  });
}, { env: { TMPDIR: SERVER_TMP } });

const zip = suite('zip writer');

zip('more than 65,535 entries: ZIP64 end records, every entry readable', async () => {
  const N = 70_000;
  const entries = function* () {
    for (let i = 0; i < N; i++) yield { name: `thư mục/${i}.txt`, data: [new TextEncoder().encode(String(i))], deflate: i % 2 === 0 };
  };
  const chunks: Uint8Array[] = [];
  for await (const chunk of zipStream(entries())) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  const end = bytes.length - 22;
  assert.is(bytes.readUInt32LE(end), 0x06054b50);
  assert.is(bytes.readUInt16LE(end + 10), 0xffff, 'the classic record says "see ZIP64"');
  assert.is(bytes.readUInt32LE(end - 20), 0x07064b50, 'ZIP64 locator');
  const files = unzipSync(bytes);
  assert.is(Object.keys(files).length, N);
  assert.is(strFromU8(files['thư mục/69999.txt']!), '69999');
  assert.is(strFromU8(files['thư mục/12344.txt']!), '12344');
});

zip.run();
