// The data subject's rights end to end (#9 point 8): a reporter's phone sends a case with a photo; a province
// reviewer, in the review workspace, downloads everything held about it and then erases it, each behind a
// confirmation that names the case; the phone, at its next sync, removes its copy (no field, note or photo of it
// left in IndexedDB) and says the case was erased at the subject's request until the reporter dismisses that.
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PASSWORD } from '../support/api-client';
import { dumpDatabase } from '../support/app-db';
import { launchBrowser, newDesktopContext, newPhoneContext } from '../support/browser';
import { openSignedIn, signIn } from '../support/sign-in';
import { phoneState, photoPath, seedQueuedCases, startSyncServer, waitAllSent } from '../support/sync-harness';
import { until } from '../support/wait';
import { shortCaseId } from '../../src/shared/ids';

const SUBJECT = 'Pờ Thị Xoá';
const VILLAGE = 'Bản Nậm Xoá Dữ';
const REASON = 'Đơn yêu cầu số 12/2026 ngày 03/12/2026';

test('reviewer downloads, then erases with a named confirmation; the phone removes its copy and says why', async () => {
  const { server, user } = await startSyncServer();
  await server.createUser({ username: 'ban.thi.dua.tinh', password: PASSWORD, role: 'province-reviewer', area: '12', displayName: 'Ban Thi đua tỉnh' });
  await server.createUser({ username: 'can.bo.xa', password: PASSWORD, role: 'commune-reviewer', area: '03637', displayName: 'Cán bộ xã' });
  const browser = await launchBrowser();
  try {
    const phone = await (await newPhoneContext(browser, server.url)).newPage();
    await openSignedIn(phone);
    const [seeded] = await seedQueuedCases(phone, user.id, 1, { photos: 1, fields: { subjectName: SUBJECT, village: VILLAGE } });
    const id = seeded!.id;
    const short = shortCaseId(id);
    await phone.reload();
    await waitAllSent(phone, [id]);

    // A commune reviewer sees the case but not the section.
    const commune = await (await newDesktopContext(browser, server.url)).newPage();
    await signIn(commune, 'can.bo.xa');
    await commune.goto(`/tham-dinh/ho-so/${id}`);
    await commune.getByRole('heading', { name: SUBJECT }).waitFor();
    assert.is(await commune.getByRole('heading', { name: 'Quyền của người được nêu tên' }).count(), 0);

    const desk = await (await newDesktopContext(browser, server.url)).newPage();
    await signIn(desk, 'ban.thi.dua.tinh');
    await desk.getByRole('link', { name: 'Thẩm định' }).click();
    await desk.getByRole('link', { name: SUBJECT }).click();
    const rights = desk.locator('section', { has: desk.getByRole('heading', { name: 'Quyền của người được nêu tên' }) });

    // Access: one ZIP, after a confirmation naming the case.
    await rights.getByRole('button', { name: 'Tải toàn bộ dữ liệu' }).click();
    const accessForm = desk.getByRole('form', { name: 'Tải toàn bộ dữ liệu của hồ sơ' });
    await accessForm.getByText(`Hồ sơ: ${SUBJECT} (mã …${short})`).waitFor();
    const downloading = desk.waitForEvent('download');
    await accessForm.getByRole('button', { name: `Tải dữ liệu hồ sơ …${short}` }).click();
    const download = await downloading;
    assert.match(download.suggestedFilename(), /\.zip$/);
    const zip = readFileSync((await download.path())!);
    assert.is(zip.subarray(0, 2).toString('latin1'), 'PK', 'a ZIP file');
    await rights.getByRole('status').filter({ hasText: 'Đã tải về tệp' }).waitFor();

    // Erasure: named, irreversible, a reason required.
    await rights.getByRole('button', { name: 'Xoá dữ liệu cá nhân' }).click();
    const eraseForm = desk.getByRole('form', { name: 'Xoá dữ liệu cá nhân của hồ sơ' });
    await eraseForm.getByText(`Hồ sơ: ${SUBJECT} (mã …${short})`).waitFor();
    await eraseForm.getByText('Không thể hoàn tác.').waitFor();
    const confirm = eraseForm.getByRole('button', { name: `Xoá vĩnh viễn hồ sơ …${short}` });
    await confirm.click();
    await eraseForm.getByText('Hãy ghi lý do xoá').waitFor();
    const before = await server.db().selectFrom('cases').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.is(before.status, 'received', 'nothing erased without a reason');
    await eraseForm.getByLabel('Lý do xoá (số hiệu yêu cầu)').fill(REASON);
    await confirm.click();
    await desk.getByRole('heading', { name: 'Hồ sơ đã được xoá' }).waitFor();
    await desk.getByRole('status').filter({ hasText: 'đã được xoá theo yêu cầu của người được nêu tên lúc' }).waitFor();
    assert.is(await desk.getByText(VILLAGE).count(), 0, 'nothing of the case is left on the screen');
    const after = await server.db().selectFrom('cases').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.is(after.status, 'erased');
    for (const sha of seeded!.hashes) assert.not.ok(existsSync(photoPath(server, sha)), `photo ${sha} removed from the server's disk`);

    // Opened again (410): a notice, not an error page.
    await desk.reload();
    await desk.getByRole('heading', { name: 'Hồ sơ đã được xoá' }).waitFor();
    assert.is(await desk.locator('.notice--error').count(), 0);

    // The phone's next sync (the app's start) removes its copy and leaves only the notice.
    await phone.reload();
    await until(async () => !(await phoneState(phone).catch(() => undefined))?.cases.some((c) => c.id === id), 'the case gone from the phone');
    const state = await phoneState(phone);
    assert.equal(state.outbox, []);
    for (const sha of seeded!.hashes) assert.not.ok(state.blobs.includes(sha), `photo ${sha} gone from the phone`);
    const dump = await dumpDatabase(phone);
    for (const trace of [SUBJECT, VILLAGE, ...seeded!.hashes]) assert.not.ok(dump.includes(trace), `no trace on the phone: ${trace}`);
    const notice = phone.getByRole('listitem').filter({ hasText: 'Hồ sơ đã được xoá theo yêu cầu của người được nêu tên' });
    await notice.filter({ hasText: `mã hồ sơ …${short}` }).waitFor();
    assert.match(await notice.innerText(), /ngày \d\d\/\d\d\/\d{4}/);
    assert.is(await phone.getByText(SUBJECT).count(), 0);
    await notice.getByRole('button', { name: 'Đã hiểu, ẩn thông báo' }).click();
    await notice.waitFor({ state: 'detached' });
    assert.not.ok((await dumpDatabase(phone)).includes(id), 'dismissed: not even the id is left');
  } finally {
    await browser.close();
    await server.dispose();
  }
});

test.run();
