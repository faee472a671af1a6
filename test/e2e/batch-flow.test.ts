// From proposal to decision in real Chromium against the real server and the built app: a reporter's phone sends
// three cases; a commune reviewer proposes them (a commune-level form), ticks them in the table, makes a proposal
// batch, fills its header, records the council's vote; "Trình" is refused for the case below the form's minimum
// share of votes, which leaves the batch; the batch is submitted, its dossier ZIP downloaded (opened by Info-ZIP's
// unzip: the five documents and the photos), a DOCX downloaded and a print page opened, and its decision recorded,
// one case not commended; after its next sync the phone shows "Đã khen thưởng" with the decision's number, and the
// board's comment on the case sent back. A province reviewer choosing cases of two authorities meets the server's
// refusal naming the case that differs, and nothing changes; a batch withdrawn with its reason shows read-only and
// in the list of batches. "Chọn tất cả" with pages not loaded yet sends the table's filters, and the batch holds
// every case they match; a case proposed later joins that draft from the table.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { signedIn, PASSWORD } from '../support/api-client';
import { seriousViolations } from '../support/axe';
import { launchBrowser, newDesktopContext, newPhoneContext } from '../support/browser';
import { COMMUNE_FORM, PROVINCE_FORM, proposedCase } from '../support/batch-fixtures';
import { readPdf } from '../support/pdf-pages';
import { act } from '../support/review-actions';
import { openSignedIn, signIn } from '../support/sign-in';
import { seedQueuedCases, startSyncServer, waitAllSent, waitForCase } from '../support/sync-harness';
import type { ServerProcess } from '../support/server-process';
import {
  authorityNames, batchApi, batchStatusNames, DEFAULT_LEGAL_BASES, DOSSIER_DOCUMENT_KINDS, dossierDocumentNames,
} from '../../src/shared/batch-protocol';
import { certificatePrintNames } from '../../src/shared/certificate-protocol';
import { formatDmy, todayIso } from '../../src/shared/dates';
import { REVIEW_PAGE_DEFAULT } from '../../src/shared/review-protocol';
import type { SessionUser } from '../../src/shared/sync-protocol';

interface Ctx { server: ServerProcess; reporter: SessionUser; browser: Browser }
const flow = suite<Ctx>('proposal batch, from the table to the decision');

const NAMES = ['Lò Thị Hoa', 'Vàng A Dế', 'Tẩn Láo Sử'];
const DECISION = '37/QĐ-UBND';
const TODAY = formatDmy(todayIso());

flow.before(async (ctx) => {
  const { server, user } = await startSyncServer();
  ctx.server = server;
  ctx.reporter = user;
  await server.createUser({ username: 'can.bo.xa', password: PASSWORD, role: 'commune-reviewer', area: '03637', displayName: 'Cán bộ xã Mường Kim' });
  await server.createUser({ username: 'can.bo.tinh', password: PASSWORD, role: 'province-reviewer', area: '12', displayName: 'Cán bộ tỉnh' });
  ctx.browser = await launchBrowser();
});

flow.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.dispose();
});

/** The table filtered to proposed cases (of one commune for a province reviewer), through the filter form. */
async function showProposed(desk: Page, commune?: string): Promise<void> {
  await desk.getByRole('navigation', { name: 'Khu vực thẩm định' }).getByRole('link', { name: 'Danh sách hồ sơ' }).click();
  await desk.getByLabel('Trạng thái').selectOption('proposed');
  if (commune) await desk.getByLabel('Xã, phường').selectOption(commune);
  await desk.getByRole('button', { name: 'Lọc', exact: true }).click();
  await desk.waitForURL((url) => url.searchParams.get('status') === 'proposed');
  await desk.locator('.review-count', { hasText: 'Đang hiện' }).waitFor();
}

/** The ZIP the browser saved: checked by Info-ZIP (`unzip -t`), its entries' names. */
function zipEntries(path: string): string[] {
  execFileSync('unzip', ['-t', path], { encoding: 'utf8' });
  return execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).trim().split('\n');
}

flow('a commune reviewer batches three proposed cases, the council votes, the decision reaches the phone', async ({ server, reporter, browser }) => {
  const phoneContext = await newPhoneContext(browser, server.url);
  const phone = await phoneContext.newPage();
  await openSignedIn(phone);
  const seeded = [];
  for (const subjectName of NAMES) seeded.push(...await seedQueuedCases(phone, reporter.id, 1, { photos: 1, fields: { subjectName } }));
  const ids = seeded.map((c) => c.id);
  await phone.reload();
  await waitAllSent(phone, ids);

  const desk = await (await newDesktopContext(browser, server.url)).newPage();
  await signIn(desk, 'can.bo.xa');
  for (const name of NAMES) {
    await desk.goto('/tham-dinh');
    await desk.getByRole('link', { name, exact: true }).click();
    await act(desk, 'Thẩm định', 'appraising');
    await act(desk, 'Đề nghị khen thưởng', 'proposed', (p) => p.getByLabel('Hình thức khen thưởng đề nghị').selectOption(COMMUNE_FORM));
  }

  await showProposed(desk);
  await desk.getByRole('checkbox', { name: `Chọn ${NAMES[0]}` }).check();
  await desk.getByRole('checkbox', { name: `Chọn ${NAMES[1]}` }).check();
  await desk.getByRole('status').filter({ hasText: 'Đã chọn 2 hồ sơ' }).waitFor();
  await desk.getByRole('checkbox', { name: 'Chọn mọi hồ sơ đề nghị đang hiện' }).check();
  await desk.getByRole('status').filter({ hasText: 'Đã chọn 3 hồ sơ' }).waitFor();
  assert.equal(await seriousViolations(desk), [], 'the table with its checkboxes');
  await desk.getByRole('button', { name: 'Lập đợt đề nghị' }).click();
  await desk.waitForURL(/\/tham-dinh\/dot-de-nghi\/[^/]+$/);
  const batchId = decodeURIComponent(new URL(desk.url()).pathname.split('/').pop()!);
  await desk.getByRole('heading', { level: 1, name: /Đợt đề nghị số/ }).waitFor();
  for (const name of NAMES) await desk.locator('.review-batch-cases').getByRole('link', { name, exact: true }).waitFor();
  assert.equal(await seriousViolations(desk), [], 'the draft batch');

  // The header: number, date, signer, and one more legal basis.
  await desk.getByLabel('Số văn bản').fill('12');
  await desk.getByLabel('Ký hiệu').fill('TTr-UBND');
  await desk.getByLabel('Ngày văn bản').fill(TODAY);
  await desk.getByLabel('Địa danh').fill('Mường Kim');
  await desk.getByLabel('Cơ quan trình').fill('Ủy ban nhân dân xã Mường Kim');
  await desk.getByLabel('Kính gửi').fill('Chủ tịch Ủy ban nhân dân xã Mường Kim');
  await desk.getByLabel('Chức vụ người ký').fill('Chủ tịch');
  await desk.getByLabel('Họ tên người ký').fill('Lò Văn Pâng');
  const bases = await desk.locator('.review-batch-bases-edit textarea').count();
  await desk.getByRole('button', { name: 'Thêm căn cứ' }).click();
  await desk.getByLabel(`Căn cứ ${bases + 1}`, { exact: true }).fill('Kế hoạch số 45/KH-UBND ngày 10/01/2026 của UBND xã Mường Kim');
  await desk.getByRole('button', { name: 'Lưu phần đầu văn bản' }).click();
  await desk.getByRole('status').filter({ hasText: 'Đã lưu phần đầu văn bản.' }).waitFor();
  await desk.getByRole('heading', { level: 1, name: 'Đợt đề nghị số 12/TTr-UBND' }).waitFor();

  // The council: 7 of 9 members present; two cases unanimous, one 5 of 7.
  await desk.getByLabel('Ngày họp').fill(TODAY);
  await desk.getByLabel('Người chủ trì').fill('Lò Văn Pâng');
  await desk.getByLabel('Số thành viên có mặt').fill('7');
  await desk.getByLabel('Tổng số thành viên Hội đồng').fill('9');
  for (const [i, name] of NAMES.entries()) await desk.getByLabel(`Số phiếu tán thành: ${name}`).fill(i === 2 ? '5' : '7');
  await desk.getByRole('button', { name: 'Lưu kết quả họp' }).click();
  await desk.getByRole('status').filter({ hasText: 'Đã lưu kết quả họp Hội đồng.' }).waitFor();
  await desk.locator('.review-batch-cases tr', { hasText: NAMES[2]! }).getByText('Tán thành 5 / 7').waitFor();

  // The form needs 75 % of the votes: the third case (5 of 7) keeps the batch from being submitted until it leaves.
  const admin = await signedIn(server, 'admin', '12');
  const settings = await admin.call(batchApi.settings, { method: 'PUT', json: { legalBases: [...DEFAULT_LEGAL_BASES], minVoteShare: { [COMMUNE_FORM]: 0.75 } } });
  assert.is(settings.status, 200, settings.text);
  await desk.getByRole('button', { name: 'Trình', exact: true }).click();
  const refused = desk.locator('.review-batch-actions').getByRole('alert');
  await refused.filter({ hasText: 'tỷ lệ phiếu đồng ý tối thiểu' }).waitFor();
  assert.match(await refused.innerText(), new RegExp(`${NAMES[2]}\\) 5/7, cần 75%`));
  assert.is((await server.db().selectFrom('batches').select('status').where('id', '=', batchId).executeTakeFirstOrThrow()).status, 'draft');
  await desk.getByRole('button', { name: `Bỏ khỏi đợt: ${NAMES[2]}` }).click();
  await desk.getByRole('status').filter({ hasText: `Đã bỏ “${NAMES[2]}” khỏi đợt đề nghị.` }).waitFor();
  await desk.getByRole('heading', { name: 'Hồ sơ trong đợt (2)' }).waitFor();

  await desk.getByRole('button', { name: 'Trình', exact: true }).click();
  await desk.getByRole('status').filter({ hasText: 'Đã trình đợt đề nghị.' }).waitFor();
  assert.is(await desk.getByLabel('Số văn bản').count(), 0, 'a submitted batch is read-only');
  assert.is(await desk.getByRole('button', { name: /Bỏ khỏi đợt/ }).count(), 0, 'no case is removed from a submitted batch');

  // "Dân chủ, công khai": the batch is posted for public comment; a citizen with no account comments on its page.
  await desk.getByLabel(/Số ngày lấy ý kiến/).fill('7');
  await desk.getByRole('button', { name: 'Đăng lấy ý kiến nhân dân' }).click();
  const publicLink = desk.getByRole('link', { name: /\/cong-khai\// });
  await publicLink.waitFor();
  const citizen = await browser.newContext();
  try {
    const notice = await citizen.newPage();
    await notice.goto((await publicLink.getAttribute('href'))!);
    await notice.getByRole('heading', { name: 'Danh sách đề nghị khen thưởng' }).waitFor();
    await notice.getByLabel(/Ý kiến \(từ/).fill('Tôi biết chị Hoa, việc chị làm là có thật và rất đáng khen.');
    await notice.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await notice.getByText(/xem xét/).first().waitFor();
  } finally {
    await citizen.close();
  }
  await desk.getByRole('button', { name: 'Tải lại ý kiến' }).click();
  await desk.getByText('Tôi biết chị Hoa, việc chị làm là có thật và rất đáng khen.').waitFor();

  const download = desk.waitForEvent('download');
  await desk.getByRole('button', { name: 'Tải hồ sơ (ZIP)' }).click();
  // A refused download shows the server's message instead: fail with it rather than wait for a file.
  const zipError = desk.locator('section', { has: desk.getByRole('heading', { name: 'Văn bản của hồ sơ đề nghị' }) }).getByRole('alert');
  const saved = await Promise.race([
    download,
    zipError.waitFor().then(async () => { throw new Error(`the dossier ZIP was refused: ${await zipError.innerText()}`); }),
  ]);
  assert.match(saved.suggestedFilename(), /\.zip$/);
  const entries = zipEntries((await saved.path())!);
  const docx = entries.filter((name) => name.endsWith('.docx'));
  assert.is(docx.length, DOSSIER_DOCUMENT_KINDS.length, `the five documents: ${entries.join(', ')}`);
  for (const kind of DOSSIER_DOCUMENT_KINDS) {
    assert.ok(docx.some((name) => name.includes(dossierDocumentNames[kind])), `${dossierDocumentNames[kind]} in ${docx.join(', ')}`);
  }
  for (const name of NAMES.slice(0, 2)) {
    assert.ok(entries.some((entry) => entry.includes(name) && /\.jpe?g$/i.test(entry)), `${name}'s photo in ${entries.join(', ')}`);
  }
  const docxDownload = desk.waitForEvent('download');
  await desk.getByRole('link', { name: `Tải DOCX: ${dossierDocumentNames['to-trinh']}` }).click();
  assert.match((await docxDownload).suggestedFilename(), /\.docx$/);
  const popup = desk.waitForEvent('popup');
  await desk.getByRole('link', { name: `Bản in: ${dossierDocumentNames['to-trinh']}` }).click();
  const printPage = await popup;
  await printPage.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').waitFor();
  await printPage.getByText(/Số:\s*12\/TTr-UBND/).first().waitFor();
  await printPage.close();
  for (const kind of DOSSIER_DOCUMENT_KINDS) {
    assert.is(await desk.locator(`a[href$="/documents/${kind}.docx"]`).count(), 1, `the ${kind} DOCX link`);
    assert.is(await desk.locator(`a[href$="/documents/${kind}.html"]`).count(), 1, `the ${kind} print page link`);
  }

  // The decision: the second case was not commended and goes back to appraisal.
  await desk.getByLabel('Số quyết định').fill(DECISION);
  await desk.getByLabel('Ngày quyết định').fill(TODAY);
  await desk.getByLabel('Người ký quyết định').fill('Lò Văn Pâng');
  await desk.getByLabel(`Không được khen thưởng: ${NAMES[1]}`).check();
  const comment = 'Chủ tịch UBND xã đề nghị xác minh thêm thời gian, địa điểm.';
  await desk.getByLabel(`Lý do (${NAMES[1]})`).fill(comment);
  await desk.getByLabel(`Hồ sơ trở về (${NAMES[1]})`).selectOption('appraising');
  await desk.getByRole('button', { name: 'Ghi nhận quyết định cho cả đợt' }).click();
  await desk.getByRole('status').filter({ hasText: `Đã ghi nhận Quyết định số ${DECISION}.` }).waitFor();
  await desk.locator('.review-batch-cases tr', { hasText: NAMES[0]! }).getByText('Được khen thưởng').waitFor();
  await desk.locator('.review-batch-cases tr', { hasText: NAMES[1]! }).getByText('Không được khen thưởng').waitFor();
  assert.is(await desk.getByLabel('Số quyết định').count(), 0, 'a decided batch is read-only');
  const log = await desk.locator('section', { has: desk.getByRole('heading', { name: 'Nhật ký đợt đề nghị' }) }).locator('.review-timeline__title').allInnerTexts();
  assert.equal(log, ['Lập đợt đề nghị', 'Sửa phần đầu văn bản', 'Ghi kết quả họp Hội đồng', 'Bỏ một hồ sơ khỏi đợt', 'Trình', 'Lấy ý kiến nhân dân', 'Ghi nhận quyết định khen thưởng']);

  // The certificates, printed from the batch screen: one page for the one commended case.
  const certificates = desk.waitForEvent('popup');
  await desk.getByRole('link', { name: certificatePrintNames.blank }).click();
  const sheet = await certificates;
  await sheet.getByText(NAMES[0]!).waitFor();
  const sheets = readPdf(await sheet.pdf({ preferCSSPageSize: true }));
  assert.is(sheets.pages.length, 1, 'one certificate per commended case');
  assert.match(sheets.pages[0]!, NAMES[0]!);
  await sheet.close();

  const rows = await server.db().selectFrom('cases').select(['id', 'status', 'decision_number']).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  assert.equal(ids.map((id) => byId.get(id)?.status), ['commended', 'appraising', 'proposed']);
  assert.is(byId.get(ids[0]!)?.decision_number, DECISION);
  const batch = await server.db().selectFrom('batches').selectAll().where('id', '=', batchId).executeTakeFirstOrThrow();
  assert.is(batch.status, 'decided');

  await phone.reload(); // the app's start pulls the changes feed
  await waitForCase(phone, ids[0]!, (c) => c.serverStatus === 'commended');
  await waitForCase(phone, ids[1]!, (c) => c.serverStatus === 'appraising');
  await phone.getByRole('listitem').filter({ hasText: NAMES[0]! }).click();
  await phone.getByText('Tình trạng: Đã khen thưởng').waitFor();
  await phone.getByText(`Quyết định số ${DECISION}`).first().waitFor();
  await phone.goBack();
  await phone.getByRole('listitem').filter({ hasText: NAMES[1]! }).click();
  await phone.getByText(comment).first().waitFor();
  await phoneContext.close();
  await desk.context().close();
});

flow('a province reviewer choosing a commune form and a provincial one is refused, naming the case; nothing changes', async ({ server, browser }) => {
  const reporter = await signedIn(server, 'reporter', '03640');
  const province = await signedIn(server, 'province-reviewer', '12');
  const cases = [['Sùng Thị Dua', COMMUNE_FORM], ['Giàng A Lử', PROVINCE_FORM]] as const;
  for (const [subjectName, formId] of cases) await proposedCase(reporter, province, formId, { communeCode: '03640', subjectName });
  const batchesBefore = await server.db().selectFrom('batches').select('id').execute();

  const desk = await (await newDesktopContext(browser, server.url)).newPage();
  await signIn(desk, 'can.bo.tinh');
  await showProposed(desk, '03640');
  await desk.getByRole('button', { name: 'Chọn tất cả 2 hồ sơ phù hợp' }).click();
  await desk.getByRole('status').filter({ hasText: 'Đã chọn tất cả 2 hồ sơ phù hợp' }).waitFor();
  await desk.getByRole('button', { name: 'Lập đợt đề nghị' }).click();
  const refusal = desk.locator('.review-batch-bar').getByRole('alert');
  await refusal.waitFor();
  const text = await refusal.innerText();
  assert.match(text, /cùng một cấp quyết định/);
  assert.ok(cases.some(([name]) => text.includes(name)), `the refusal names the case that differs: ${text}`);
  assert.match(new URL(desk.url()).pathname, /^\/tham-dinh\/?$/, 'the table stays');
  assert.equal(await server.db().selectFrom('batches').select('id').execute(), batchesBefore, 'no batch was made');

  // The provincial case alone makes a batch, which is then withdrawn (a reason is required) and shows read-only.
  await desk.getByRole('button', { name: 'Bỏ chọn' }).click();
  await desk.getByRole('checkbox', { name: `Chọn ${cases[1][0]}` }).check();
  await desk.getByRole('button', { name: 'Lập đợt đề nghị' }).click();
  await desk.waitForURL(/\/tham-dinh\/dot-de-nghi\/[^/]+$/);
  await desk.getByText(`Gửi ${authorityNames.province}`).waitFor();
  await desk.getByRole('button', { name: 'Rút đợt đề nghị' }).click();
  await desk.getByRole('button', { name: 'Xác nhận rút đợt đề nghị' }).click();
  await desk.getByText('Nêu lý do rút đợt đề nghị').waitFor();
  await desk.getByLabel('Lý do rút đợt đề nghị').fill('Chờ gộp với các hồ sơ của đợt thi đua cuối năm');
  await desk.getByRole('button', { name: 'Xác nhận rút đợt đề nghị' }).click();
  await desk.getByRole('status').filter({ hasText: 'Đã rút đợt đề nghị.' }).waitFor();
  await desk.getByText('Đợt đề nghị đã rút. Lý do: Chờ gộp với các hồ sơ của đợt thi đua cuối năm').waitFor();
  assert.is(await desk.getByRole('button', { name: /Trình|Rút đợt|Bỏ khỏi đợt|Lưu/ }).count(), 0, 'a withdrawn batch is read-only');

  await desk.getByRole('navigation', { name: 'Khu vực thẩm định' }).getByRole('link', { name: 'Đợt đề nghị' }).click();
  const listed = desk.getByRole('row').filter({ hasText: authorityNames.province });
  await listed.getByText(batchStatusNames.withdrawn).waitFor();
  assert.is(await listed.locator('td[data-label="Số hồ sơ"]').innerText(), '1', 'its one case');
  await desk.context().close();
});

flow('"all matching" with pages not loaded yet: the server gathers every proposed case the filters match', async ({ server, browser }) => {
  const commune = '03595'; // Than Uyên: no other test's cases
  const reporter = await signedIn(server, 'reporter', commune);
  const province = await signedIn(server, 'province-reviewer', '12');
  await server.createUser({ username: 'can.bo.than.uyen', password: PASSWORD, role: 'commune-reviewer', area: commune });
  const count = REVIEW_PAGE_DEFAULT + 2;
  for (let i = 1; i <= count; i++) await proposedCase(reporter, province, COMMUNE_FORM, { communeCode: commune, subjectName: `Người tốt Than Uyên ${i}` });

  const desk = await (await newDesktopContext(browser, server.url)).newPage();
  await signIn(desk, 'can.bo.than.uyen');
  await showProposed(desk);
  await desk.locator('.review-count', { hasText: `Đang hiện ${REVIEW_PAGE_DEFAULT} hồ sơ, còn nữa` }).waitFor();
  await desk.getByRole('button', { name: 'Chọn tất cả hồ sơ phù hợp (kể cả các trang chưa tải)' }).click();
  await desk.getByRole('status').filter({ hasText: 'Đã chọn tất cả hồ sơ đề nghị khớp bộ lọc' }).waitFor();
  await desk.getByRole('button', { name: 'Lập đợt đề nghị' }).click();
  await desk.waitForURL(/\/tham-dinh\/dot-de-nghi\/[^/]+$/);
  await desk.getByRole('heading', { name: `Hồ sơ trong đợt (${count})` }).waitFor();

  // A case proposed later joins that draft from the table.
  const late = 'Người tốt Than Uyên đề nghị sau';
  await proposedCase(reporter, province, COMMUNE_FORM, { communeCode: commune, subjectName: late });
  await showProposed(desk);
  await desk.getByRole('checkbox', { name: `Chọn ${late}` }).check();
  await desk.getByLabel('Hoặc thêm vào đợt đang soạn').selectOption({ label: `…/TTr-UBND (${count} hồ sơ)` });
  await desk.getByRole('button', { name: 'Thêm vào đợt' }).click();
  await desk.getByRole('heading', { name: `Hồ sơ trong đợt (${count + 1})` }).waitFor();
  await desk.locator('.review-batch-cases').getByRole('link', { name: late, exact: true }).waitFor();
  await desk.context().close();
});

flow.run();
