// Sharing a bulletin story where people talk: the Open Graph / Twitter card tags of a story page and of the
// bulletin (parsed from the served HTML), their image as a JPEG of the declared size without metadata, nothing
// private in any of them, none for an unpublished or withdrawn story; the "Chia sẻ" button in Chromium (the Web
// Share API when present, the clipboard when not). The server runs with a PUBLIC_URL other than its own address:
// every absolute address must come from it.
import * as assert from 'uvu/assert';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PhotoRef } from '../../src/shared/case-schema';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { call, signedIn, type Client } from '../support/api-client';
import { storedBefore } from '../support/bulletin-fixtures';
import { collectCspViolations } from '../support/csp-violations';
import { GPS_LAI_CHAU, jpegSegments, jpegSize, makeJpegWithExif } from '../support/photo-fixtures';
import type { ServerProcess } from '../support/server-process';
import { createCase, moveTo, transition, WITHDRAW } from '../support/review-fixtures';
import { forEachDatabase } from './helpers';

const PUBLIC_URL = 'https://guongsang.laichau.example';
const CONSENT = { consentPublication: true, consentPublicationAt: '2026-07-15T08:00:00Z' };
const PRIVATE = { ethnicityCode: '50', birthYear: 1943, village: 'Bản Sì Thâu Chải', deedPlace: 'Khe Phìn Hồ', reporterName: 'Tẩn Láo Lở', workplaceOrRole: 'Trường Tiểu học Pa Vệ Sủ' } as const;
const PRIVATE_TEXT = ['Si La', PRIVATE.village, PRIVATE.deedPlace, PRIVATE.reporterName, PRIVATE.workplaceOrRole];
const NAME = 'Lò Văn Thưởng';
/** Long, on several lines, with characters HTML must escape. */
const DEED = 'Đêm 14/7, nước suối Nậm Na dâng nhanh sau mưa lớn. Anh Thưởng đã dùng thuyền của gia đình chở 14 người dân,\n'
  + 'trong đó có 5 cháu nhỏ và 2 cụ già, qua dòng suối đang lũ "dữ" & xiết <rất nguy hiểm>.\n\n'
  + 'Sáng hôm sau anh cùng thanh niên trong bản dọn bùn đất ở nhà văn hoá và sửa lại cây cầu treo bị hỏng.';
const CAPTION = 'Chiếc thuyền đã chở người qua suối';
const TAGS = ['og:type', 'og:site_name', 'og:locale', 'og:title', 'og:description', 'og:url', 'og:image', 'og:image:type', 'og:image:width', 'og:image:height', 'og:image:alt', 'twitter:card'];

// ---- the head as a preview crawler reads it -------------------------------------------------------------

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&');

/** Each element's attributes (double-quoted, as a crawler's HTML parser reads them; names lower-cased). */
function elements(html: string, tag: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b((?:\\s+[\\w:-]+(?:\\s*=\\s*"[^"]*")?)*)\\s*/?>`, 'gi'))]
    .map((m) => Object.fromEntries([...m[1]!.matchAll(/([\w:-]+)(?:\s*=\s*"([^"]*)")?/g)].map((a) => [a[1]!.toLowerCase(), decode(a[2] ?? '')])));
}

interface Head { tags: Map<string, string[]>; canonical: string[]; description: string[] }

function head(html: string): Head {
  const inHead = html.slice(0, html.indexOf('</head>'));
  assert.ok(inHead.length > 0 && inHead.includes('<head>'), 'a head');
  const tags = new Map<string, string[]>();
  const description: string[] = [];
  for (const m of elements(inHead, 'meta')) {
    const key = m.property ?? m.name;
    if (key === 'description') description.push(m.content!);
    else if (key && /^(og|twitter|article):/.test(key)) tags.set(key, [...(tags.get(key) ?? []), m.content!]);
  }
  const canonical = elements(inHead, 'link').filter((l) => l.rel === 'canonical').map((l) => l.href!);
  return { tags, canonical, description };
}

/** The one value of a tag (a crawler takes the first: two would be a defect). */
function one(h: Head, key: string): string {
  const values = h.tags.get(key) ?? [];
  assert.is(values.length, 1, `${key}: exactly one (${JSON.stringify(values)})`);
  return values[0]!;
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

forEachDatabase('bulletin sharing', (test) => {
  let app: ServerProcess;
  let reporter: Client;
  let province: Client;
  let browser: Browser;
  let photo: PhotoRef;
  let published: string;
  let noPhoto: string;
  let unpublished: string;
  let withdrawn: string;
  const get = (path: string) => call(app, path);
  const publicId = async (hash: string) =>
    (await app.db().selectFrom('photos').select('public_id').where('sha256', '=', hash).executeTakeFirstOrThrow()).public_id!;
  /** The served head of a page, with what the page's text says. */
  const served = async (path: string) => {
    const r = await get(path);
    return { ...r, head: head(r.text) };
  };

  test('setup: a published story with a camera photo (EXIF, GPS) and private details; one without photos; one commended; one withdrawn', async ({ server }) => {
    app = server;
    reporter = await signedIn(server, 'reporter', '03637');
    province = await signedIn(server, 'province-reviewer', '12');
    const commune = await signedIn(server, 'commune-reviewer', '03637');
    browser = await launchBrowser();
    const page = await browser.newPage();
    const camera = await makeJpegWithExif(page, { width: 1600, height: 1200, gps: GPS_LAI_CHAU, make: 'SecretCam', model: 'SN-12345', seed: 12 });
    await page.close();
    assert.ok(jpegSegments(camera).some((s) => s.marker === 0xe1), 'the stored original has EXIF');
    photo = await storedBefore(server, reporter, camera, CAPTION);
    published = await createCase(reporter, { ...CONSENT, ...PRIVATE, subjectName: NAME, deedDescription: DEED, photos: [photo] });
    noPhoto = await createCase(reporter, { ...CONSENT, ...PRIVATE, subjectName: 'Lù Thị Hoa', deedDescription: 'Chị Hoa nhặt được ví và trả lại người đánh rơi.' });
    unpublished = await createCase(reporter, { ...CONSENT, ...PRIVATE, subjectName: 'Giàng A Chưa Đăng' });
    withdrawn = await createCase(reporter, { ...CONSENT, ...PRIVATE, subjectName: 'Pờ Thị Rút Lại' });
    for (const id of [published, noPhoto, withdrawn]) await moveTo(province, id, 'published');
    await moveTo(province, unpublished, 'commended');
    const r = await transition(commune, withdrawn, WITHDRAW);
    assert.is(r.status, 200, r.text);
  });

  test('a story page: Open Graph and Twitter card tags from the published story, absolute from PUBLIC_URL', async () => {
    const { status, head: h } = await served(`/ban-tin/${published}`);
    assert.is(status, 200);
    const url = `${PUBLIC_URL}/ban-tin/${published}`;
    assert.equal(h.canonical, [url]);
    assert.is(one(h, 'og:url'), url);
    assert.is(one(h, 'og:type'), 'article');
    assert.is(one(h, 'og:site_name'), 'Người tốt, việc tốt tỉnh Lai Châu');
    assert.is(one(h, 'og:locale'), 'vi_VN');
    assert.is(one(h, 'og:title'), `${NAME} (Xã Mường Kim)`);
    assert.is(one(h, 'twitter:card'), 'summary_large_image');
    const published_at = (await app.db().selectFrom('cases').select('published_at').where('id', '=', published).executeTakeFirstOrThrow()).published_at;
    assert.is(one(h, 'article:published_time'), published_at);

    const description = one(h, 'og:description');
    assert.equal(h.description, [description], 'the page\'s own meta description is the same');
    assert.ok(description.length >= 160 && description.length <= 200, `160–200 characters: ${description.length}`);
    assert.not.match(description, /[\n\r\t]|\s\s/);
    assert.ok(description.endsWith('…'), 'cut with an ellipsis');
    const kept = description.slice(0, -1);
    assert.ok(flat(DEED).startsWith(kept), 'the start of the deed, on one line');
    assert.match(flat(DEED).slice(kept.length), /^[\s,.;:–-]*\s/, 'cut at a word boundary');
    assert.ok(description.includes('"dữ" & xiết <rất'), 'quotes, & and < come through as text');

    assert.is(one(h, 'og:image'), `${PUBLIC_URL}/ban-tin/anh/${await publicId(photo.sha256)}`);
    assert.is(one(h, 'og:image:type'), 'image/jpeg');
    assert.equal([one(h, 'og:image:width'), one(h, 'og:image:height')], ['1600', '1200']);
    assert.is(one(h, 'og:image:alt'), CAPTION);
  });

  test('the raw HTML escapes the deed in its attributes: no element or attribute breaks out', async () => {
    const { text } = await get(`/ban-tin/${published}`);
    assert.ok(text.includes('content="Đêm 14/7, nước suối Nậm Na dâng nhanh'));
    assert.ok(text.includes('&quot;dữ&quot; &amp; xiết &lt;rất'));
    assert.not.ok(text.includes('<rất'));
  });

  test('og:image fetches as a JPEG of the declared size, with no EXIF/APP1 or any APPn, and decodes to it in Chromium', async () => {
    const { head: h } = await served(`/ban-tin/${published}`);
    const path = new URL(one(h, 'og:image')).pathname;
    const res = await fetch(app.url + path);
    assert.is(res.status, 200);
    assert.is(res.headers.get('content-type'), 'image/jpeg');
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(jpegSize(bytes), { width: Number(one(h, 'og:image:width')), height: Number(one(h, 'og:image:height')) });
    const segments = jpegSegments(bytes);
    assert.not.ok(segments.some((s) => s.marker >= 0xe1 && s.marker <= 0xef), 'no APP1–APP15');
    for (const secret of ['Exif', 'SecretCam', 'SN-12345']) assert.not.ok(bytes.includes(secret), secret);

    const page = await browser.newPage({ baseURL: app.url });
    try {
      await page.goto('/ban-tin');
      const size = await page.evaluate(`(async () => { const img = new Image(); img.src = ${JSON.stringify(path)}; await img.decode(); return [img.naturalWidth, img.naturalHeight]; })()`);
      assert.equal(size, [1600, 1200]);
    } finally {
      await page.close();
    }
  });

  test('nothing private in the tags: no ethnicity, birth year, village, deed place, reporter, workplace, stored hash', async () => {
    for (const id of [published, noPhoto]) {
      const { head: h } = await served(`/ban-tin/${id}`);
      const values = [...h.tags.values()].flat().concat(h.canonical, h.description).join('\n');
      for (const secret of [...PRIVATE_TEXT, photo.sha256, photo.thumbSha256]) assert.not.ok(values.includes(secret), `${id}: ${secret}`);
      assert.not.match(values, /(?<![0-9a-f])1943(?![0-9a-f])/, 'birth year');
      for (const key of h.tags.keys()) assert.ok(TAGS.includes(key) || key === 'article:published_time', `an expected tag: ${key}`);
    }
  });

  test('a story without photos: the app\'s icon (served, 512 × 512) and the small card', async () => {
    const { head: h } = await served(`/ban-tin/${noPhoto}`);
    assert.is(one(h, 'og:description'), 'Chị Hoa nhặt được ví và trả lại người đánh rơi.');
    assert.is(one(h, 'og:image'), `${PUBLIC_URL}/icons/icon-512.png`);
    assert.equal([one(h, 'og:image:width'), one(h, 'og:image:height'), one(h, 'og:image:type')], ['512', '512', 'image/png']);
    assert.is(one(h, 'twitter:card'), 'summary');
    const icon = await fetch(`${app.url}/icons/icon-512.png`);
    assert.is(icon.status, 200);
    const png = Buffer.from(await icon.arrayBuffer());
    assert.equal([png.subarray(1, 4).toString('latin1'), png.readUInt32BE(16), png.readUInt32BE(20)], ['PNG', 512, 512]);
  });

  test('the bulletin\'s first page: site-level tags; an older page has none', async () => {
    const { head: h } = await served('/ban-tin');
    assert.equal(h.canonical, [`${PUBLIC_URL}/ban-tin`]);
    assert.is(one(h, 'og:url'), `${PUBLIC_URL}/ban-tin`);
    assert.is(one(h, 'og:type'), 'website');
    assert.is(one(h, 'og:title'), 'Người tốt, việc tốt tỉnh Lai Châu');
    assert.match(one(h, 'og:description'), 'đã được khen thưởng');
    assert.equal(h.description, [one(h, 'og:description')]);
    assert.is(one(h, 'og:locale'), 'vi_VN');
    assert.is(one(h, 'og:image'), `${PUBLIC_URL}/icons/icon-512.png`);
    assert.is(one(h, 'twitter:card'), 'summary');
    const older = await served('/ban-tin?truoc=2000-01-01T00:00:00.000Z_0190a1b2-c3d4-7e5f-a678-123456789abc');
    assert.is(older.status, 200);
    assert.equal([older.head.tags.size, older.head.canonical], [0, []]);
  });

  test('an unpublished or withdrawn story: 404, and no share tag, canonical or word of it', async () => {
    for (const [id, name] of [[unpublished, 'Giàng A Chưa Đăng'], [withdrawn, 'Pờ Thị Rút Lại']] as const) {
      const { status, text, head: h } = await served(`/ban-tin/${id}`);
      assert.is(status, 404, id);
      assert.equal([h.tags.size, h.canonical], [0, []], id);
      assert.not.ok(text.includes(name) || text.includes('<script'), id);
    }
  });

  // ---- "Chia sẻ" in Chromium ----------------------------------------------------------------------------

  /** A phone's story page with `init` run before the page's scripts; the CSP violations it meets. */
  async function storyInPhone(init: string, setup?: (context: BrowserContext) => Promise<void>): Promise<{ context: BrowserContext; page: Page; violations: string[] }> {
    const context = await newPhoneContext(browser, app.url);
    const violations = await collectCspViolations(context);
    await setup?.(context);
    await context.addInitScript(init);
    const page = await context.newPage();
    await page.goto(`/ban-tin/${published}`);
    return { context, page, violations };
  }

  test('"Chia sẻ" calls navigator.share with the story\'s title, description and canonical address', async () => {
    const { context, page, violations } = await storyInPhone(`window.__shared = [];
      Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value: function (data) { window.__shared.push(JSON.parse(JSON.stringify(data))); return Promise.resolve(); } });`);
    try {
      const { head: h } = await served(`/ban-tin/${published}`);
      await page.getByRole('button', { name: 'Chia sẻ' }).click();
      const calls = await page.waitForFunction('window.__shared.length > 0 && window.__shared').then((handle) => handle.jsonValue());
      assert.equal(calls, [{ title: one(h, 'og:title'), text: one(h, 'og:description'), url: `${PUBLIC_URL}/ban-tin/${published}` }]);
      assert.is(await page.locator('.share input').count(), 0, 'no fallback when the share sheet opened');
      assert.equal(violations, []);
    } finally {
      await context.close();
    }
  });

  test('without the Web Share API, "Chia sẻ" copies the canonical address and says "Đã chép đường dẫn"', async () => {
    const { context, page, violations } = await storyInPhone('delete Navigator.prototype.share; delete Navigator.prototype.canShare;',
      (c) => c.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url }));
    try {
      assert.is(await page.evaluate('typeof navigator.share'), 'undefined');
      await page.evaluate('navigator.clipboard.writeText("trước khi bấm")');
      await page.getByRole('button', { name: 'Chia sẻ' }).click();
      await page.waitForFunction('document.querySelector(".share [role=status]").textContent === "Đã chép đường dẫn"');
      assert.is(await page.evaluate('navigator.clipboard.readText()'), `${PUBLIC_URL}/ban-tin/${published}`);
      assert.equal(violations, []);
    } finally {
      await context.close();
    }
  });

  test('without script the page is whole and shows no dead button', async () => {
    const context = await browser.newContext({ baseURL: app.url, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`/ban-tin/${published}`);
      assert.ok(await page.getByRole('heading', { name: NAME }).isVisible());
      assert.is(await page.locator('.share button').count(), 1);
      assert.not.ok(await page.locator('.share button').isVisible());
    } finally {
      await context.close();
      await browser.close();
    }
  });
}, { env: { PUBLIC_URL } });
