// A phone whose account's storage on the server is full: the case stays queued, the reporter reads the server's
// message in the sync bar and on the case, and the case goes once the administrator has raised the quota.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { openSignedIn } from '../support/sign-in';
import { phoneState, pressSendUntilSent, seedQueuedCases, serverRequests, startSyncServer } from '../support/sync-harness';
import { until } from '../support/wait';

test('quota full: queued with the message shown; raised: sent at the next sync', async () => {
  // Less than one photo: the first upload is refused.
  const env = { ACCOUNT_QUOTA_BYTES: '50000' };
  const { server, user } = await startSyncServer(env);
  const browser = await launchBrowser();
  try {
    const context = await newPhoneContext(browser, server.url);
    const page = await context.newPage();
    await openSignedIn(page);
    const requests = serverRequests(server);
    const [seeded] = await seedQueuedCases(page, user.id, 1, { photos: 1 });
    await page.reload();

    await until(() => requests().log.some((r) => r.path.startsWith('/api/photos/') && r.status === 507), 'a 507 from the server for the photo');
    const bar = page.getByRole('status').filter({ hasText: 'hồ sơ chờ gửi' });
    await bar.getByText(/Lần trước: Dung lượng lưu trữ của tài khoản này trên máy chủ đã đầy/).waitFor();
    assert.match(await bar.innerText(), /liên hệ quản trị viên/);
    const state = await phoneState(page);
    assert.is(state.cases.find((c) => c.id === seeded!.id)?.status, 'queued');
    assert.equal(state.outbox, [seeded!.id], 'still in the outbox');
    assert.is(requests().casePuts.size, 0, 'the case itself was not sent');

    await page.getByRole('listitem').filter({ hasText: 'Chờ gửi' }).click();
    await page.getByText(/Lần gửi trước chưa được: Dung lượng lưu trữ .* đã đầy/).waitFor();

    // The administrator raises the quota (a restart with the new setting).
    await server.stop();
    env.ACCOUNT_QUOTA_BYTES = String(100 * 1024 * 1024);
    await server.start();
    // The next sync sends it: the backoff's own retry, or the reporter's "Gửi ngay", whichever comes first.
    await page.goto('/');
    await pressSendUntilSent(page, [seeded!.id]);
    const row = await server.db().selectFrom('cases').select('revision').where('id', '=', seeded!.id).executeTakeFirst();
    assert.is(row?.revision, 1);
  } finally {
    await browser.close();
    await server.dispose();
  }
});

test.run();
