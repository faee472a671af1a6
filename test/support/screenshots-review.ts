// The README's screenshots of the review workspace and the public bulletin (called by screenshots.ts): the real
// server on the built app, the accounts and cases of showcase-cases.ts made through the API (painted JPEG
// photos, a return and a resubmission), then re-dated in the database so the dashboard has months to show.
import type { Browser, Locator, Page } from 'playwright-core';
import type { CaseFields, PhotoRef } from '../../src/shared/case-schema';
import { COMMUNE_FORM_LEVELS } from '../../src/shared/appraisal';
import { defaultLists } from '../../src/shared/reference';
import { todayIso } from '../../src/shared/dates';
import type { TransitionRequest } from '../../src/shared/review-protocol';
import { PROVINCE_AREA, type Role } from '../../src/shared/sync-protocol';
import { PASSWORD, logIn, type Client } from './api-client';
import { newDesktopContext } from './browser';
import { caseFields } from './case-fixtures';
import { putPhoto, sha256 } from './photo-uploads';
import { createCase, transition } from './review-fixtures';
import { paintPhoto } from './painted-photos';
import { startServerProcess, type ServerProcess } from './server-process';
import { signIn } from './sign-in';
import { ADMIN, COMMUNES, FEATURED, PROVINCE_REVIEWER, SHOWCASE, type Person, type ShowcaseCase, type ShowcasePhoto } from './showcase-cases';
import { recountDashboard } from '../../src/server/dashboard/counts/recount';

const DAY = 86_400_000;
const DESKTOP = { width: 1280, height: 800 };
/** A4 at 96 px per inch, and the report's @page margin of 15 mm. */
const A4 = { width: 794, height: 1123, margin: 57 };
const TABLE_ROWS = 10;

type Clients = Map<string, Client>;

async function account(server: ServerProcess, who: Person, role: Role, area: string, clients: Clients): Promise<void> {
  await server.createUser({ ...who, password: PASSWORD, role, area });
  clients.set(who.username, await logIn(server, who.username));
}

async function createAccounts(server: ServerProcess): Promise<Clients> {
  const clients: Clients = new Map();
  for (const commune of Object.values(COMMUNES)) {
    await account(server, commune.reporter, 'reporter', commune.code, clients);
    await account(server, commune.reviewer, 'commune-reviewer', commune.code, clients);
  }
  await account(server, PROVINCE_REVIEWER, 'province-reviewer', PROVINCE_AREA, clients);
  await account(server, ADMIN, 'admin', PROVINCE_AREA, clients);
  return clients;
}

/** When each event of a case happened: received `daysAgo` at 08:xx in Vietnam, then each step `after` days later. */
function eventTimes(c: ShowcaseCase, index: number, now: number): number[] {
  const day = todayIso(now - c.daysAgo * DAY);
  const received = Date.parse(`${day}T01:00:00Z`) + ((index * 47) % 360) * 60_000;
  const times = [received];
  for (const [k, step] of c.steps.entries()) times.push(times.at(-1)! + step.after * DAY + (1 + ((index + k) % 4)) * 3_600_000);
  return times;
}

let photoSeed = 0;
async function uploadPhotos(page: Page, reporter: Client, photos: readonly ShowcasePhoto[]): Promise<PhotoRef[]> {
  const refs: PhotoRef[] = [];
  for (const { scene, caption } of photos) {
    const painted = await paintPhoto(page, scene, ++photoSeed);
    for (const bytes of [painted.photo, painted.thumb]) {
      const r = await putPhoto(reporter, bytes);
      if (r.status !== 201 && r.status !== 200) throw new Error(`photo upload: ${r.status} ${r.text}`);
    }
    refs.push({
      sha256: sha256(painted.photo), caption, width: painted.width, height: painted.height, bytes: painted.photo.length,
      thumbSha256: sha256(painted.thumb), thumbBytes: painted.thumb.length,
    });
  }
  return refs;
}

const isCommuneForm = (formId: string | undefined) =>
  COMMUNE_FORM_LEVELS.includes(defaultLists.commendationForms.find((f) => f.id === formId)?.level ?? '');

/** Creates the case as its commune's reporter, walks its steps as the reviewers would, and re-dates it. */
async function seedCase(server: ServerProcess, page: Page, clients: Clients, c: ShowcaseCase, index: number, now: number): Promise<string> {
  const commune = COMMUNES[c.commune];
  const reporter = clients.get(commune.reporter.username)!;
  const times = eventTimes(c, index, now);
  const deedDate = todayIso(times[0]! - 3 * DAY);
  const consentAt = `${todayIso(times[0]! - 2 * DAY)}T02:00:00.000Z`;
  let fields: CaseFields = caseFields({
    communeCode: commune.code, deedDate, deedPlace: c.fields.village, reporterName: commune.reporter.displayName,
    consentAppraisalAt: consentAt, consentPublicationAt: c.fields.consentPublication ? consentAt : null,
    ...c.fields, photos: await uploadPhotos(page, reporter, c.photos ?? []),
  });
  const id = await createCase(reporter, fields);
  let revision = 1;
  for (const [k, step] of c.steps.entries()) {
    if (step.to === 'resubmit') {
      fields = { ...fields, ...step.change, photos: [...fields.photos, ...await uploadPhotos(page, reporter, step.addPhotos)] };
      const r = await reporter.call(`/api/cases/${id}`, { method: 'PUT', json: { baseRevision: revision++, fields } });
      if (r.status !== 200) throw new Error(`resubmit ${fields.subjectName}: ${r.status} ${r.text}`);
      continue;
    }
    const { to, comment, formId, decisionNumber } = step;
    const body: TransitionRequest = { to, ...(comment ? { comment } : {}) };
    if (to === 'proposed') body.formId = formId ?? fields.proposedFormId;
    if (to === 'commended') Object.assign(body, { decisionNumber, decisionDate: todayIso(times[k + 1]!) });
    // The province publishes, and decides any commendation above the commune's; the commune does the rest.
    const byProvince = to === 'published' || (to === 'commended' && !isCommuneForm(fields.proposedFormId));
    const actor = clients.get(byProvince ? PROVINCE_REVIEWER.username : commune.reviewer.username)!;
    const r = await transition(actor, id, body);
    if (r.status !== 200) throw new Error(`${fields.subjectName} → ${to}: ${r.status} ${r.text}`);
  }
  await redate(server, id, c, times);
  return id;
}

/** Moves a case's events, revisions and dates to `times` (as test/server/dashboard.test.ts does). */
async function redate(server: ServerProcess, id: string, c: ShowcaseCase, times: number[]): Promise<void> {
  const db = server.db();
  const iso = times.map((t) => new Date(t).toISOString());
  const events = await db.selectFrom('case_events').select('seq').where('case_id', '=', id).orderBy('seq').execute();
  if (events.length !== iso.length) throw new Error(`case ${id}: ${events.length} events for ${iso.length} times`);
  for (const [i, e] of events.entries()) await db.updateTable('case_events').set({ at: iso[i]! }).where('seq', '=', e.seq).execute();
  const revisionTimes = [iso[0]!, ...c.steps.flatMap((s, k) => (s.to === 'resubmit' ? [iso[k + 1]!] : []))];
  for (const [i, at] of revisionTimes.entries()) {
    await db.updateTable('case_revisions').set({ created_at: at }).where('case_id', '=', id).where('revision', '=', i + 1).execute();
  }
  const published = c.steps.findIndex((s) => s.to === 'published');
  await db.updateTable('cases').set({
    created_at: iso[0]!, received_at: iso[0]!, updated_at: iso.at(-1)!, published_at: published >= 0 ? iso[published + 1]! : null,
  }).where('id', '=', id).execute();
  await recountDashboard(db); // the times changed behind the dashboard's counts
}

const desktopPage = async (browser: Browser, baseURL: string, username: string): Promise<Page> => {
  const page = await (await newDesktopContext(browser, baseURL, DESKTOP)).newPage();
  await signIn(page, username);
  return page;
};

/** Waits until no text says it is loading, no error is shown, and every image in the window is decoded. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !/Đang tải|Đang tính/.test(document.body.innerText));
  if (await page.locator('.notice--error, [role="alert"]').count()) throw new Error(`${page.url()}: an error is shown`);
  await page.waitForFunction(() => [...document.images].filter((i) => i.getBoundingClientRect().top < innerHeight)
    .every((i) => i.complete && i.naturalWidth > 0));
}

/** The page from its top down to the bottom of `until`: the window is made that tall, so lazy images load too. */
async function shootDownTo(page: Page, path: string, until: Locator): Promise<void> {
  await page.evaluate(() => scrollTo(0, 0));
  const box = await until.boundingBox();
  if (!box) throw new Error(`${page.url()}: nothing to end the screenshot at`);
  const width = page.viewportSize()!.width;
  await page.setViewportSize({ width, height: Math.ceil(box.y + box.height + 24) });
  await settled(page);
  await page.screenshot({ path });
  await page.setViewportSize({ width, height: DESKTOP.height });
}

/** The report as the first sheet of A4 paper: laid out at the printable width, framed by the page margins. */
async function shootPrintedPage(browser: Browser, page: Page, path: string): Promise<void> {
  const width = A4.width - 2 * A4.margin;
  const height = A4.height - 2 * A4.margin;
  await page.setViewportSize({ width, height });
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => scrollTo(0, 0));
  await settled(page);
  // The sheet ends after the last block that fits whole, as a page break would (no line cut in half).
  const fits = await page.locator('.dashboard :is(h1, h2, h3, p, dl, li, tr, svg, caption)').evaluateAll((blocks, limit) =>
    Math.max(...blocks.map((b) => b.getBoundingClientRect().bottom).filter((bottom) => bottom <= limit)), height);
  const printed = await page.screenshot({ clip: { x: 0, y: 0, width, height: Math.ceil(fits) } });
  const sheet = await browser.newPage({ viewport: { width: A4.width, height: A4.height } });
  await sheet.setContent(`<body style="margin:0;height:100vh;box-sizing:border-box;border:1px solid #bbb;background:#fff">
    <img style="display:block;margin:${A4.margin - 1}px" src="data:image/png;base64,${printed.toString('base64')}"></body>`);
  await sheet.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  await sheet.screenshot({ path });
  await sheet.close();
}

export async function reviewScreenshots(browser: Browser, out: string): Promise<void> {
  const server = await startServerProcess({ database: 'sqlite' });
  try {
    const clients = await createAccounts(server);
    const painter = await browser.newPage();
    const now = Date.now();
    const ids: string[] = [];
    for (const [i, c] of SHOWCASE.entries()) ids.push(await seedCase(server, painter, clients, c, i, now));
    await painter.close();
    const featuredId = ids[SHOWCASE.indexOf(FEATURED)]!;

    const reviewer = await desktopPage(browser, server.url, PROVINCE_REVIEWER.username);
    await reviewer.goto('/tham-dinh');
    await reviewer.locator('.review-count', { hasText: `Đang hiện ${SHOWCASE.length} hồ sơ` }).waitFor();
    await shootDownTo(reviewer, `${out}review-table.png`, reviewer.locator('.review-table tbody tr').nth(TABLE_ROWS - 1));

    await reviewer.goto(`/tham-dinh/ho-so/${featuredId}`);
    await reviewer.getByRole('heading', { name: FEATURED.fields.subjectName!, level: 1 }).waitFor();
    await shootDownTo(reviewer, `${out}review-case.png`, reviewer.locator('section[aria-labelledby="revisions-title"]'));

    const earliest = Math.max(...SHOWCASE.map((c) => c.daysAgo));
    await reviewer.goto(`/tham-dinh/bao-cao?from=${todayIso(now - earliest * DAY).slice(0, 8)}01&to=${todayIso(now)}`);
    await reviewer.locator('.dash-report').waitFor();
    // The report itself (its figures and the first chart), just under the sticky header.
    await reviewer.locator('.dash-report').evaluate((report) => scrollTo(0, report.getBoundingClientRect().top + scrollY - 72));
    await settled(reviewer);
    await reviewer.screenshot({ path: `${out}dashboard.png` });
    await shootPrintedPage(browser, reviewer, `${out}report-print.png`);
    await reviewer.context().close();

    const reader = await (await newDesktopContext(browser, server.url, DESKTOP)).newPage();
    await reader.goto('/ban-tin');
    const stories = reader.locator('article.story');
    if ((await stories.count()) !== 2) throw new Error('the bulletin does not show the two published stories');
    await shootDownTo(reader, `${out}bulletin.png`, stories.last().locator('.photos'));
    await reader.context().close();

    const admin = await desktopPage(browser, server.url, ADMIN.username);
    await admin.goto('/tham-dinh/quan-tri/danh-muc');
    await admin.getByRole('button', { name: 'Nhóm đối tượng' }).click();
    await admin.getByRole('heading', { name: 'Nhóm đối tượng', level: 2 }).waitFor();
    await settled(admin);
    await admin.screenshot({ path: `${out}admin-lists.png` });
    await admin.context().close();
  } finally {
    await server.dispose();
  }
}
