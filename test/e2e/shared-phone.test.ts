// A phone shared by two reporters: signing out never deletes, sends or shows the other user's unsent cases.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PASSWORD } from '../support/api-client';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { openSignedIn, signIn } from '../support/sign-in';
import { assertDelivered, phoneState, seedQueuedCases, serverRequests, startSyncServer, waitAllSent } from '../support/sync-harness';
import { until } from '../support/wait';

test('A queues a case offline and signs out; B signs in and neither sees nor sends it; A signs in again and it is sent once', async () => {
  const { server, user: a } = await startSyncServer();
  const b = await server.createUser({ username: 'lo.thi.hoa', password: PASSWORD, role: 'reporter', area: '03637', displayName: 'Lò Thị Hoa' });
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
    const asked = serverRequests(server);
    await signIn(page, 'lo.thi.hoa');
    await page.getByRole('heading', { name: 'Hồ sơ người tốt, việc tốt' }).waitFor();
    await page.getByText('Đang tải…', { exact: true }).waitFor({ state: 'hidden' }); // B's list has been read
    assert.is(await page.getByRole('listitem').filter({ hasText: 'Người tốt số' }).count(), 0, "B does not see A's case");
    assert.match(await page.getByRole('button', { name: /Chờ gửi/ }).innerText(), /0/);
    // B's sync has run: it asks for the changes feed only after trying to send B's queue.
    await until(() => asked().log.some((r) => r.path === '/api/sync/changes' && r.user === b.id), "B's sync run (its changes-feed request)");
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
    await page.getByRole('heading', { name: 'Hồ sơ người tốt, việc tốt' }).waitFor();
    await page.getByText('Đang tải…', { exact: true }).waitFor({ state: 'hidden' }); // A's list has been read
    assert.is(await page.getByRole('listitem').filter({ hasText: 'Người tốt số' }).count(), 1, 'A sees their case again');
  } finally {
    await browser.close();
    await server.dispose();
  }
});

test.run();
