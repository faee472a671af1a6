// The loop back to the field: a reviewer returns a case with a comment; the reporter's phone, offline, shows it;
// the reporter corrects and resubmits; the server holds revision 2, back in appraisal.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PASSWORD, logIn } from '../support/api-client';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { openSignedIn } from '../support/sign-in';
import { phoneState, seedQueuedCases, startSyncServer, waitAllSent, waitForCase } from '../support/sync-harness';
import { reviewApi } from '../../src/shared/review-protocol';

test('returned with a comment → seen offline on the phone → corrected and resubmitted as revision 2', async () => {
  const { server, user } = await startSyncServer();
  await server.createUser({ username: 'can.bo.xa', password: PASSWORD, role: 'commune-reviewer', area: '03637', displayName: 'Cán bộ thi đua xã' });
  const browser = await launchBrowser();
  try {
    const context = await newPhoneContext(browser, server.url);
    const page = await context.newPage();
    await openSignedIn(page);
    const [seeded] = await seedQueuedCases(page, user.id, 1, { photos: 1 });
    await page.reload();
    await waitAllSent(page, [seeded!.id]);

    const reviewer = await logIn(server, 'can.bo.xa');
    const comment = 'Đề nghị bổ sung tên thôn và ảnh chụp tại hiện trường.';
    const returned = await reviewer.call(reviewApi.transitions(seeded!.id), { method: 'POST', json: { to: 'returned', comment } });
    assert.is(returned.status, 200, returned.text);

    await page.reload(); // app start pulls the changes feed
    await waitForCase(page, seeded!.id, (c) => c.serverStatus === 'returned');

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('listitem').filter({ hasText: 'Cần bổ sung' }).click();
    await page.getByText(comment).first().waitFor();
    assert.match(await page.locator('.receipt').innerText(), /Trả lại bổ sung/);
    await page.getByRole('button', { name: 'Bổ sung và gửi lại' }).click();
    await page.getByLabel('Thôn, bản, tổ dân phố').fill('Bản Nà Ún, thôn 3');
    assert.ok(await page.getByText(/Hội đồng đề nghị bổ sung/).isVisible(), 'the reason stays in view while correcting');
    await page.getByRole('button', { name: 'Hoàn tất' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    assert.equal((await phoneState(page)).outbox, [seeded!.id]);

    await context.setOffline(false);
    await waitForCase(page, seeded!.id, (c) => c.status === 'sent' && c.receipt?.revision === 2);
    const row = await server.db().selectFrom('cases').select(['revision', 'status', 'fields']).where('id', '=', seeded!.id).executeTakeFirstOrThrow();
    assert.is(row.revision, 2);
    assert.is(row.status, 'appraising');
    assert.match(String(row.fields), /Bản Nà Ún, thôn 3/);
    const detail = (await reviewer.call<{ revisions: unknown[] }>(reviewApi.case(seeded!.id))).body;
    assert.is(detail.revisions.length, 2, 'the reviewer sees both revisions');
  } finally {
    await browser.close();
    await server.dispose();
  }
});

test.run();
