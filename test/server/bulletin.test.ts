// The public media bulletin (/ban-tin): only published cases whose subject consents, on the page, the story
// page, the Atom feed and the photo route; never anything private; escaped; metadata stripped from photos;
// withdrawal of consent takes a story off and keeps it off. Seeded through the API, on both databases.
import * as assert from 'uvu/assert';
import type { PhotoRef } from '../../src/shared/case-schema';
import { formatDmy, vietnamDay } from '../../src/shared/dates';
import type { AppraisalStatus } from '../../src/shared/sync-protocol';
import { launchBrowser } from '../support/browser';
import type { ServerProcess } from '../support/server-process';
import { buildExifSegment, GPS_LAI_CHAU, insertSegment, jpegSegments } from '../support/photo-fixtures';
import { forEachDatabase, rawGet } from './helpers';
import { call, signedIn, type Client } from '../support/api-client';
import { storedBefore } from '../support/bulletin-fixtures';
import { fakeJpeg, uploadedPhoto } from '../support/photo-uploads';
import { BODY, createCase, moveTo, transition, WITHDRAW } from '../support/review-fixtures';

const CONSENT = { consentPublication: true, consentPublicationAt: '2026-07-15T08:00:00Z' };
/** Private values, distinctive enough to search the raw text for. */
const PRIVATE = {
  ethnicityCode: '50', birthYear: 1943, gender: 'nam', village: 'Bản Sì Thâu Chải', deedPlace: 'Khe Phìn Hồ',
  reporterName: 'Tẩn Láo Lở', reporterPhone: '0987654321', workplaceOrRole: 'Trường Tiểu học Pa Vệ Sủ',
} as const;
const PRIVATE_TEXT = ['Si La', PRIVATE.village, PRIVATE.deedPlace, PRIVATE.reporterName, PRIVATE.reporterPhone, PRIVATE.workplaceOrRole,
  'Năm sinh', 'Dân tộc', 'Giới tính', 'Thôn', 'Người báo cáo'];
const STORY = {
  subjectName: 'Lò Văn Thưởng',
  deedDescription: 'Anh Thưởng đã dùng thuyền của gia đình chở 14 người dân qua dòng suối đang lũ.',
  result: 'Mười bốn người dân về nhà an toàn trong đêm mưa lũ.',
};

// ---- reading the answers ------------------------------------------------------------------------

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&');
const attrs = (s: string): Record<string, string> => Object.fromEntries([...s.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1]!, decode(m[2]!)]));
const element = (xml: string, tag: string) => xml.match(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`))?.[1];
const links = (xml: string) => [...xml.matchAll(/<link\s([^>]*?)\/>/g)].map((m) => attrs(m[1]!));

/** XML well-formedness, enough for our feed: balanced tags, quoted attributes, "&" only in entities, no control characters. */
function assertWellFormedXml(xml: string): void {
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n'), 'XML declaration');
  assert.not.match(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/, 'no character XML forbids');
  const badAmp = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  const body = xml.slice(xml.indexOf('\n') + 1);
  const stack: string[] = [];
  let last = 0;
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const text = body.slice(last, m.index);
    assert.ok(!text.includes('<') && !badAmp.test(text) && !badAmp.test(m[3]!), `well-formed near ${text.slice(0, 60)}${m[0]}`);
    if (m[1]) assert.is(stack.pop(), m[2], `</${m[2]}> closes what was opened`);
    else if (!m[4]) stack.push(m[2]!);
    last = m.index + m[0].length;
  }
  assert.is(body.slice(last).trim(), '');
  assert.equal(stack, []);
}

interface Entry { id: string; title: string; published: string; updated: string; links: Record<string, string>[]; html: string }

function parseFeed(xml: string): { head: string; entries: Entry[] } {
  assertWellFormedXml(xml);
  const head = xml.split('<entry>')[0]!;
  const entries = [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map(([, e]) => ({
    id: element(e!, 'id')!, title: decode(element(e!, 'title')!), published: element(e!, 'published')!, updated: element(e!, 'updated')!,
    links: links(e!), html: decode(element(e!, 'content')!),
  }));
  return { head, entries };
}

/** Any script but the story page's share script, a file with nothing inside the element. */
const FOREIGN_SCRIPT = /<script(?! src="\/ban-tin\/chia-se\.js\?v=[0-9a-f]{12}" defer><\/script>)/i;

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** The story ids a list page shows, in order. */
const storyIds = (html: string) => [...html.matchAll(/<h2><a href="\/ban-tin\/([0-9a-f-]{36})">/g)].map((m) => m[1]!);

// ---- seeding ----------------------------------------------------------------------------------------

/**
 * A camera JPEG: EXIF with GPS in APP1, an XMP-like APP13, a comment, a JFXX thumbnail in APP0, a reserved JPG0
 * segment, and a "motion photo" trailer after EOI.
 */
function cameraJpeg(): { clean: Buffer; camera: Buffer } {
  const clean = fakeJpeg(1600, 1200, 5000);
  const seg = (marker: number, text: string) => {
    const payload = Buffer.from(text, 'latin1');
    return Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  };
  let camera = insertSegment(clean, seg(0xfe, 'SECRET-COMMENT Ban Si Thau Chai'));
  camera = insertSegment(camera, seg(0xf0, 'SECRET-JPG0'));
  camera = insertSegment(camera, seg(0xe0, 'JFXX\0\x10SECRET-THUMB'));
  camera = insertSegment(camera, seg(0xed, 'Photoshop 3.0\0SECRET-IPTC'));
  camera = insertSegment(camera, buildExifSegment({ gps: GPS_LAI_CHAU, make: 'SecretCam', model: 'SN-12345' }));
  return { clean, camera: Buffer.concat([camera, Buffer.from('MotionPhoto_Data SECRET-VIDEO')]) };
}

forEachDatabase('media bulletin', (test) => {
  let reporter: Client;
  let province: Client;
  let commune: Client;
  let id: string;
  let photo: PhotoRef;
  let clean: Buffer;
  let second: PhotoRef;
  let app: ServerProcess;
  const get = (path: string, headers: Record<string, string> = {}) => call(app, path, { headers });
  /** The bulletin's address of a stored photo (by its public name). */
  const anh = async (hash: string) =>
    `/ban-tin/anh/${(await app.db().selectFrom('photos').select('public_id').where('sha256', '=', hash).executeTakeFirstOrThrow()).public_id}`;
  const publicTexts = async () => [(await get('/ban-tin')).text, (await get(`/ban-tin/${id}`)).text, (await get('/ban-tin/feed.atom')).text];

  test('setup: a commended case with consent, photos (one straight from a camera) and private details', async ({ server }) => {
    app = server;
    reporter = await signedIn(server, 'reporter', '03637');
    province = await signedIn(server, 'province-reviewer', '12');
    commune = await signedIn(server, 'commune-reviewer', '03637');
    const camera = cameraJpeg();
    clean = camera.clean;
    photo = await storedBefore(server, reporter, camera.camera, 'Chiếc thuyền đã chở người qua suối');
    second = await uploadedPhoto(reporter, 'Bà con cảm ơn anh Thưởng');
    id = await createCase(reporter, { ...CONSENT, ...PRIVATE, ...STORY, photos: [photo, second] });
    await moveTo(province, id, 'commended');
  });

  test('before publication: not on the page, no story page, not in the feed, its photos 404', async () => {
    const [list, page, feed] = await Promise.all([get('/ban-tin'), get(`/ban-tin/${id}`), get('/ban-tin/feed.atom')]);
    assert.is(list.status, 200);
    assert.not.ok(list.text.includes(id) || list.text.includes(STORY.subjectName));
    assert.is(page.status, 404);
    assert.match(page.text, 'Không tìm thấy');
    assert.not.ok(feed.text.includes(id));
    for (const sha of [photo.sha256, photo.thumbSha256, second.sha256]) assert.is((await get(await anh(sha))).status, 404);
  });

  test('published: the page, the story page and the feed show name, commune, deed, result, commendation, date, photos', async ({ server }) => {
    const r = await transition(province, id, BODY.published);
    assert.is(r.status, 200, r.text);
    const { published_at: at } = await server.db().selectFrom('cases').select('published_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(at && ISO.test(at));

    const [photoAt, thumbAt, secondAt] = await Promise.all([photo.sha256, photo.thumbSha256, second.sha256].map(anh));
    for (const path of ['/ban-tin', `/ban-tin/${id}`]) {
      const res = await get(path);
      assert.is(res.status, 200, path);
      assert.is(res.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.match(res.text, '<html lang="vi">');
      assert.match(res.text, '<link rel="alternate" type="application/atom+xml"');
      for (const expected of [STORY.subjectName, 'Xã Mường Kim', STORY.deedDescription, STORY.result,
        'Giấy khen của Chủ tịch Ủy ban nhân dân xã', 'Quyết định số 125/QĐ-UBND ngày 01/08/2026', `Đăng ngày <time datetime="${at}">${formatDmy(vietnamDay(at!))}</time>`,
        `<a href="${photoAt}"><img src="${thumbAt}"`, `<a href="${secondAt}">`,
        '<figcaption>Chiếc thuyền đã chở người qua suối</figcaption>', '<figcaption>Bà con cảm ơn anh Thưởng</figcaption>']) {
        assert.ok(res.text.includes(expected), `${path}: ${expected}`);
      }
    }
    assert.ok(storyIds((await get('/ban-tin')).text).includes(id));

    const feed = await get('/ban-tin/feed.atom');
    assert.is(feed.status, 200);
    assert.is(feed.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
    const { head, entries } = parseFeed(feed.text);
    assert.match(head, '<feed xmlns="http://www.w3.org/2005/Atom"');
    assert.match(element(head, 'id')!, /^urn:uuid:[0-9a-f-]{36}$/);
    assert.ok(element(head, 'title')!.length > 0);
    assert.is(element(head, 'updated'), entries[0]!.updated);
    assert.ok(element(head, 'author')?.includes('<name>'));
    const headLinks = links(head);
    assert.ok(headLinks.some((l) => l.rel === 'self' && l.href === `${server.url}/ban-tin/feed.atom` && l.type === 'application/atom+xml'));
    assert.ok(headLinks.some((l) => l.rel === 'alternate' && l.href === `${server.url}/ban-tin`));
    const entry = entries.find((e) => e.id === `urn:uuid:${id}`);
    assert.ok(entry, 'the story is in the feed');
    assert.equal([entry!.published, entry!.updated], [at, at]);
    assert.is(entry!.title, `${STORY.subjectName} (Xã Mường Kim)`);
    assert.ok(entry!.links.some((l) => l.rel === 'alternate' && l.href === `${server.url}/ban-tin/${id}`));
    const enclosures = entry!.links.filter((l) => l.rel === 'enclosure');
    assert.equal(enclosures.map((l) => [l.type, l.href]), [photoAt, secondAt].map((at) => ['image/jpeg', `${server.url}${at}`]));
    for (const text of [STORY.subjectName, 'Xã Mường Kim', STORY.deedDescription, STORY.result, '125/QĐ-UBND', 'Chiếc thuyền đã chở người qua suối']) {
      assert.ok(entry!.html.includes(text), `feed content: ${text}`);
    }
  });

  test('the feed\'s absolute links come from PUBLIC_URL: a forged Host or forwarded host cannot poison a shared cache', async ({ server }) => {
    const honest = await get('/ban-tin/feed.atom');
    assert.ok(honest.text.includes(`${server.url}/ban-tin/${id}`));
    const forgeries: Record<string, string>[] = [{ host: 'evil.example' }, { host: 'evil.example:8443', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }];
    for (const headers of forgeries) {
      const forged = await rawGet(server.url, '/ban-tin/feed.atom', headers);
      assert.is(forged.status, 200);
      assert.not.ok(forged.text.includes('evil.example'), JSON.stringify(headers));
      assert.is(forged.text, honest.text, 'the same feed whatever the request said');
      const page = await rawGet(server.url, `/ban-tin/${id}`, headers);
      assert.not.ok(page.text.includes('evil.example'), `story page: ${JSON.stringify(headers)}`);
    }
  });

  test('nothing private: no ethnicity, birth year, gender, village, deed place, workplace or reporter anywhere', async () => {
    for (const text of await publicTexts()) {
      for (const secret of PRIVATE_TEXT) assert.not.ok(text.includes(secret), `leaked: ${secret}`);
      assert.not.match(text, /(?<![0-9a-f])1943(?![0-9a-f])/, 'birth year');
    }
  });

  test('public photo URLs never name the stored original: no stored hash on the page or in the feed; /ban-tin/anh/{hash} → 404', async () => {
    const hashes = [photo.sha256, photo.thumbSha256, second.sha256, second.thumbSha256];
    for (const text of await publicTexts()) {
      for (const hash of hashes) assert.not.ok(text.includes(hash), `the page or feed names ${hash}`);
    }
    for (const hash of hashes) {
      assert.is((await get(`/ban-tin/anh/${hash}`)).status, 404);
      assert.is((await get(await anh(hash))).status, 200);
    }
    // The public name is stored: the same after the server restarts.
    const before = await anh(photo.sha256);
    await app.stop();
    await app.start();
    assert.is(await anh(photo.sha256), before);
    assert.ok((await get(`/ban-tin/${id}`)).text.includes(before));
  });

  test('photos: metadata stripped (EXIF/GPS, APPn, JFXX, reserved markers, comment, trailer), public short cache, ETag → 304; enclosure length = served size', async () => {
    const served = await fetch(`${app.url}${await anh(photo.sha256)}`);
    assert.is(served.status, 200);
    assert.is(served.headers.get('content-type'), 'image/jpeg');
    assert.match(served.headers.get('cache-control') ?? '', /^public, max-age=\d{2,3}$/);
    assert.is(served.headers.get('cross-origin-resource-policy'), 'cross-origin', 'the papers may embed published photos');
    const bytes = Buffer.from(await served.arrayBuffer());
    for (const secret of ['Exif', 'SecretCam', 'SN-12345', 'SECRET', 'Photoshop', 'MotionPhoto', 'JFXX']) assert.not.ok(bytes.includes(secret), secret);
    assert.not.ok(jpegSegments(bytes).some((s) => (s.marker >= 0xe1 && s.marker <= 0xef) || s.marker === 0xfe));
    assert.ok(bytes.equals(clean), 'exactly the JPEG without its metadata');

    const etag = served.headers.get('etag')!;
    assert.ok(etag);
    assert.is((await fetch(`${app.url}${await anh(photo.sha256)}`, { headers: { 'if-none-match': etag } })).status, 304);
    const thumb = await get(await anh(photo.thumbSha256));
    assert.is(thumb.status, 200);

    const { entries } = parseFeed((await get('/ban-tin/feed.atom')).text);
    const anhPhoto = await anh(photo.sha256);
    const enclosure = entries.find((e) => e.id === `urn:uuid:${id}`)!.links.find((l) => l.href?.endsWith(anhPhoto))!;
    assert.is(Number(enclosure.length), bytes.length);
    assert.ok(bytes.length < photo.bytes);
  });

  test('other statuses never appear; the consent column or the fields saying "no" keep a published case off', async ({ server }) => {
    const hidden: string[] = [];
    for (const status of ['received', 'appraising', 'proposed', 'commended', 'returned', 'rejected'] as AppraisalStatus[]) {
      const p = await uploadedPhoto(reporter, `Ảnh ${status}`);
      const other = await createCase(reporter, { ...CONSENT, subjectName: `Không đăng ${status}`, photos: [p] });
      await moveTo(province, other, status);
      hidden.push(other);
      assert.is((await get(`/ban-tin/${other}`)).status, 404, status);
      assert.is((await get(await anh(p.sha256))).status, 404, status);
    }
    const db = server.db();
    const columnSaysNo = await createCase(reporter, { ...CONSENT, subjectName: 'Cột đồng ý bằng 0' });
    await moveTo(province, columnSaysNo, 'published');
    await db.updateTable('cases').set({ consent_publication: 0 }).where('id', '=', columnSaysNo).execute();
    const fieldsSayNo = await createCase(reporter, { ...CONSENT, subjectName: 'Trường đồng ý bằng false' });
    await moveTo(province, fieldsSayNo, 'published');
    const row = await db.selectFrom('cases').select('fields').where('id', '=', fieldsSayNo).executeTakeFirstOrThrow();
    await db.updateTable('cases').set({ fields: JSON.stringify({ ...JSON.parse(row.fields), consentPublication: false }) }).where('id', '=', fieldsSayNo).execute();
    hidden.push(columnSaysNo, fieldsSayNo);

    for (const text of await publicTexts()) {
      for (const other of hidden) assert.not.ok(text.includes(other), other);
      assert.not.match(text, /Không đăng|Cột đồng ý|Trường đồng ý/);
    }
    for (const other of [columnSaysNo, fieldsSayNo]) assert.is((await get(`/ban-tin/${other}`)).status, 404);
  });

  test('withdrawal: off the page, the story page and the feed, photos 404 again; publishing again → 409 in Vietnamese', async () => {
    const r = await transition(commune, id, WITHDRAW);
    assert.is(r.status, 200, r.text);
    for (const text of await publicTexts()) assert.not.ok(text.includes(id) || text.includes(STORY.subjectName));
    assert.is((await get(`/ban-tin/${id}`)).status, 404);
    for (const sha of [photo.sha256, photo.thumbSha256, second.sha256, second.thumbSha256]) assert.is((await get(await anh(sha))).status, 404);
    const again = await transition(province, id, BODY.published);
    assert.is(again.status, 409);
    assert.match(again.body.message, 'chưa đồng ý đăng tin');
    assert.is((await get(`/ban-tin/${id}`)).status, 404);
  });

  test('hostile text comes out escaped, in HTML and in the feed (which stays well-formed)', async () => {
    const name = '<script>alert("x")</script> Lò & Tòng\u0007';
    const caption = '"><img src=x onerror=alert(1)>';
    const deed = 'Giúp <b>bà con</b> & "hàng xóm" sửa nhà sau trận lũ quét.';
    const p = await uploadedPhoto(reporter, caption);
    const hostile = await createCase(reporter, { ...CONSENT, subjectName: name, deedDescription: deed, photos: [p] });
    await moveTo(province, hostile, 'published');
    for (const path of ['/ban-tin', `/ban-tin/${hostile}`]) {
      const { text } = await get(path);
      assert.not.match(text, FOREIGN_SCRIPT, path);
      assert.not.match(text, /<img src=x|<b>|\u0007/i, path);
      assert.ok(text.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Lò &amp; Tòng'), path);
      assert.ok(text.includes('Giúp &lt;b&gt;bà con&lt;/b&gt; &amp; &quot;hàng xóm&quot;'), path);
      assert.ok(text.includes('alt="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"'), path);
    }
    const { entries } = parseFeed((await get('/ban-tin/feed.atom')).text);
    const entry = entries.find((e) => e.id === `urn:uuid:${hostile}`)!;
    assert.is(entry.title, '<script>alert("x")</script> Lò & Tòng (Xã Mường Kim)');
    assert.not.match(entry.html, /<script|<img src=x|<b>/i);
    assert.ok(entry.html.includes('&lt;script&gt;'));
  });

  test('paging: 20 a page, newest first, ?truoc= walks every story exactly once (ties included); a bad cursor → 400', async ({ server }) => {
    const db = server.db();
    const fresh: string[] = [];
    for (let i = 0; i < 21; i++) {
      const c = await createCase(reporter, { ...CONSENT, subjectName: `Gương sáng số ${i + 1}` });
      await moveTo(province, c, 'published');
      fresh.push(c);
    }
    // Equal publication times across the page boundary: the cursor must break ties by id.
    await db.updateTable('cases').set({ published_at: '2099-01-01T00:00:00.000Z' }).where('id', 'in', fresh.slice(0, 15)).execute();
    const expected = (await db.selectFrom('cases').select(['id', 'fields']).where('status', '=', 'published').where('consent_publication', '=', 1)
      .orderBy('published_at', 'desc').orderBy('id', 'desc').execute())
      .filter((r) => JSON.parse(r.fields).consentPublication === true).map((r) => r.id);
    assert.ok(expected.length > 21);
    const seen: string[] = [];
    let path: string | undefined = '/ban-tin';
    let pages = 0;
    while (path) {
      const res = await get(path);
      assert.is(res.status, 200, path);
      const ids = storyIds(res.text);
      if (pages === 0) assert.is(ids.length, 20);
      seen.push(...ids);
      path = res.text.match(/<a rel="next" href="([^"]+)">Tin cũ hơn<\/a>/)?.[1]?.replace(/&amp;/g, '&');
      assert.ok(++pages < 10, 'the pages end');
    }
    assert.equal(seen, expected);

    const bad = await get('/ban-tin?truoc=khong-phai-con-tro');
    assert.is(bad.status, 400);
    assert.is(bad.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(bad.text, 'không hợp lệ');
  });

  test('headers and HTML: strict CSP, no inline script or style, the stylesheet is served; unknown paths → 404 pages', async () => {
    const page = await get('/ban-tin');
    assert.match(page.headers.get('content-security-policy') ?? '', "default-src 'self'");
    assert.not.match(page.headers.get('content-security-policy') ?? '', 'unsafe-inline');
    const list = page.text;
    const story = (await get(`/ban-tin/${storyIds(list)[0]}`)).text;
    for (const text of [list, story]) assert.not.match(text, /<style|\sstyle=|\son[a-z]+=/i);
    assert.not.match(list, /<script/i);
    assert.not.match(story, FOREIGN_SCRIPT);
    const css = page.text.match(/<link rel="stylesheet" href="([^"]+)">/)![1]!;
    const script = story.match(/<script src="([^"]+)"/)![1]!;
    for (const [path, type] of [[css, 'text/css; charset=utf-8'], [script, 'text/javascript; charset=utf-8']] as const) {
      const file = await get(path);
      assert.equal([file.status, file.headers.get('content-type')], [200, type], path);
      assert.match(file.headers.get('cache-control') ?? '', 'immutable');
    }
    for (const path of ['/ban-tin/khong-co', '/ban-tin/0190a1b2-c3d4-7e5f-a678-123456789abc', '/ban-tin/anh/khong-phai-sha', `/ban-tin/anh/${'0'.repeat(64)}`, `/ban-tin/anh/${'0'.repeat(32)}`, '/ban-tin/a/b']) {
      const r = await get(path);
      assert.equal([r.status, r.headers.get('content-type')], [404, 'text/html; charset=utf-8'], path);
      assert.match(r.text, 'Không tìm thấy');
    }
    assert.is((await call(app, '/ban-tin', { method: 'POST' })).status, 404);
  });

  test('in Chromium: the page shows with its stylesheet and no CSP violation', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ baseURL: app.url });
      const violations: string[] = [];
      page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
      await page.goto('/ban-tin');
      assert.is(await page.locator('article.story').count() > 0, true);
      assert.is(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(251, 248, 242)');
      assert.equal(violations, []);
    } finally {
      await browser.close();
    }
  });
});
