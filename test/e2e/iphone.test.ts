// An iPhone's Safari, not on the home screen: the app shows how to add it there and why (no sending in the
// background, Safari's 7-day deletion), remembers "Đã hiểu", reminds while unsent cases exist, and sends the outbox
// when opened with a network and when it becomes visible again — with Background Sync and Web Locks deleted before
// the app loads, as on iOS.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { openSignedIn } from '../support/sign-in';
import { readSetting } from '../support/app-db';
import { assertDelivered, seedQueuedCases, startSyncServer, waitAllSent } from '../support/sync-harness';
import { userAgents } from '../support/user-agents';
import { seriousViolations } from '../support/axe';

const LIKE_IOS = `
  delete window.SyncManager;
  delete ServiceWorkerRegistration.prototype.sync;
  delete Navigator.prototype.locks;
`;

test('Safari on an iPhone: the home-screen guide, then queued cases sent on open and on becoming visible, with no Background Sync nor Web Locks', async () => {
  const { server, user } = await startSyncServer();
  const browser = await launchBrowser();
  try {
    const context = await newPhoneContext(browser, server.url, { userAgent: userAgents.safariIphone });
    await context.addInitScript(LIKE_IOS);
    let page = await context.newPage();
    await openSignedIn(page);
    assert.equal(
      await page.evaluate(() => ['SyncManager' in window, 'sync' in ServiceWorkerRegistration.prototype, 'locks' in navigator]),
      [false, false, false],
      'no Background Sync, no Web Locks on the page',
    );

    const guide = page.getByRole('region', { name: 'Thêm Gương Sáng vào Màn hình chính' });
    await guide.waitFor();
    const text = await guide.innerText();
    assert.match(text, /Bấm nút Chia sẻ/);
    assert.match(text, /chọn “Thêm vào MH chính”/);
    assert.match(text, /chỉ được gửi khi bạn mở Gương Sáng lúc có mạng/);
    assert.match(text, /sau 7 ngày không mở/);
    assert.equal(await seriousViolations(page), [], 'the guide: no serious accessibility violation');
    await guide.getByRole('button', { name: 'Đã hiểu' }).click();
    await guide.waitFor({ state: 'hidden' });
    assert.is(await readSetting(page, 'homeScreenGuideDismissed'), true, 'remembered on the phone');

    // Offline, a queued case: after a reload the short reminder shows (the guide stays dismissed).
    await context.setOffline(true);
    const [first] = await seedQueuedCases(page, user.id, 1, { photos: 1 });
    await page.reload();
    const reminder = page.getByRole('note').filter({ hasText: '1 hồ sơ chưa gửi: hãy mở Gương Sáng khi có mạng để gửi' });
    await reminder.waitFor();
    assert.is(await guide.count(), 0, 'dismissed: only the reminder');
    await reminder.getByRole('button', { name: 'Xem cách thêm' }).click();
    await guide.waitFor();

    // Opened again with a network: the page's own start-up run sends it.
    await page.close();
    await context.setOffline(false);
    page = await context.newPage();
    await page.goto('/');
    await waitAllSent(page, [first!.id]);
    await assertDelivered(page, server, [first!]);
    await page.getByRole('note').filter({ hasText: 'hồ sơ chưa gửi' }).waitFor({ state: 'hidden' });

    // Written behind the app's back (its live queries do not see it): only a trigger runs the engine. The page
    // goes to the background and comes back, as when the reporter switches apps.
    const [second] = await seedQueuedCases(page, user.id, 1, { photos: 1 });
    await page.evaluate(() => {
      for (const state of ['hidden', 'visible']) {
        Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }
    });
    await waitAllSent(page, [second!.id]);
    await assertDelivered(page, server, [first!, second!]);
  } finally {
    await browser.close();
    await server.dispose();
  }
});

test.run();
