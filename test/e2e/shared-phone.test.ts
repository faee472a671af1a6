// A phone shared by two reporters: signing out never deletes, sends or shows the other user's unsent cases.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { PASSWORD, openSignedIn, phoneState, seedQueuedCases, signIn, startSyncServer, waitAllSent, assertDelivered } from './sync-harness';

test('A queues a case offline and signs out; B signs in and neither sees nor sends it; A signs in again and it is sent once', async () => {
  const { server, user: a } = await startSyncServer();
  await server.createUser({ username: 'lo.thi.hoa', password: PASSWORD, role: 'reporter', area: '03637', displayName: 'Lò Thị Hoa' });
  const browser = await launchBrowser();
  try {
    const context = await newPhoneContext(browser, server.url);
    const page = await context.newPage();
    await openSignedIn(page, 'vang.a.su');

    await context.setOffline(true);
    const [seeded] = await seedQueuedCases(page, a.id, 1, { photos: 1 });
    await page.reload();
    await page.getByRole('button', { name: /Chờ gửi/ }).filter({ hasText: '1' }).waitFor();
    await page.goto('/bo-nho');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByText('Đã đăng xuất.').waitFor();

    await context.setOffline(false);
    await signIn(page, 'lo.thi.hoa');
    await page.getByRole('heading', { name: 'Hồ sơ người tốt, việc tốt' }).waitFor();
    assert.is(await page.getByRole('listitem').filter({ hasText: 'Người tốt số' }).count(), 0, "B does not see A's case");
    assert.match(await page.getByRole('button', { name: /Chờ gửi/ }).innerText(), /0/);
    await page.waitForTimeout(3000); // B's sync has run (app start + sign-in)
    const stored = await server.db().selectFrom('cases').select('id').execute();
    assert.equal(stored, [], "B's sync did not send A's case");
    const onPhone = await phoneState(page);
    assert.equal(onPhone.outbox, [seeded!.id], "A's case is still queued on the phone");
    assert.ok(seeded!.hashes.every((h) => onPhone.blobs.includes(h)), "A's photos are still on the phone");

    await page.goto('/bo-nho');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByText('Đã đăng xuất.').waitFor();
    await signIn(page, 'vang.a.su');
    await waitAllSent(page, [seeded!.id]);
    await assertDelivered(page, server, [seeded!]);
    await page.goto('/');
    assert.is(await page.getByRole('listitem').filter({ hasText: 'Người tốt số' }).count(), 1, 'A sees their case again');
  } finally {
    await browser.close();
    await server.dispose();
  }
});

test.run();
