// The whole loop in two browser contexts against the real server: a reporter's phone sends a case; a provincial
// reviewer, in the review screens, returns it with a comment; the phone, offline, shows the comment; the reporter
// corrects and resubmits; the reviewer proposes, records the commendation and publishes it; the public Atom feed
// carries the story without the subject's ethnicity, birth year or village; the phone learns the outcome.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PASSWORD } from '../support/api-client';
import { launchBrowser, newDesktopContext, newPhoneContext } from '../support/browser';
import { openSignedIn, signIn } from '../support/sign-in';
import { seedQueuedCases, startSyncServer, waitAllSent, waitForCase } from '../support/sync-harness';
import { ethnicName } from '../../src/shared/reference';
import { formatDmy, todayIso } from '../../src/shared/dates';
import { act } from '../support/review-actions';

const SUBJECT = 'Lường Thị Hiền';
const ETHNICITY = '50'; // Si La: a name that appears nowhere else in the feed
const BIRTH_YEAR = 1957;
const VILLAGE = 'Bản Nậm Sin Mông';

test('returned → seen offline → resubmitted → proposed → commended → published → in the feed without private data', async () => {
  const { server, user } = await startSyncServer();
  await server.createUser({ username: 'ban.thi.dua.tinh', password: PASSWORD, role: 'province-reviewer', area: '12', displayName: 'Ban Thi đua tỉnh' });
  const browser = await launchBrowser();
  try {
    const phoneContext = await newPhoneContext(browser, server.url);
    const phone = await phoneContext.newPage();
    await openSignedIn(phone);
    const [seeded] = await seedQueuedCases(phone, user.id, 1, {
      photos: 1,
      fields: {
        subjectName: SUBJECT, ethnicityCode: ETHNICITY, birthYear: BIRTH_YEAR, village: VILLAGE,
        consentPublication: true, consentPublicationAt: '2026-07-15T08:00:00Z',
      },
    });
    const id = seeded!.id;
    await phone.reload();
    await waitAllSent(phone, [id]);

    const desk = await (await newDesktopContext(browser, server.url)).newPage();
    await signIn(desk, 'ban.thi.dua.tinh');
    await desk.getByRole('link', { name: 'Thẩm định' }).click();
    await desk.getByRole('link', { name: SUBJECT }).click();
    const comment = 'Đề nghị bổ sung ảnh chụp tại hiện trường và tên thôn.';
    await act(desk, 'Trả lại bổ sung', 'returned', (p) => p.getByLabel('Nội dung cần bổ sung').fill(comment));
    await desk.locator('.review-timeline', { hasText: comment }).waitFor();

    await phone.reload(); // the app's start pulls the changes feed
    await waitForCase(phone, id, (c) => c.serverStatus === 'returned');
    await phoneContext.setOffline(true);
    await phone.reload();
    await phone.getByRole('listitem').filter({ hasText: 'Cần bổ sung' }).click();
    await phone.getByText(comment).first().waitFor();
    await phone.getByRole('button', { name: 'Bổ sung và gửi lại' }).click();
    await phone.getByLabel('Thôn, bản, tổ dân phố').fill(`${VILLAGE}, thôn 2`);
    await phone.getByRole('button', { name: 'Hoàn tất' }).click();
    await phone.waitForURL((url) => url.pathname === '/');
    await phoneContext.setOffline(false);
    await waitForCase(phone, id, (c) => c.status === 'sent' && c.receipt?.revision === 2);

    await desk.reload();
    await desk.getByRole('button', { name: 'Xem phiên bản 1' }).waitFor();
    await act(desk, 'Đề nghị khen thưởng', 'proposed', (p) => p.getByLabel('Hình thức khen thưởng đề nghị').selectOption('bang_khen_chu_tich_ubnd_tinh'));
    const decided = formatDmy(todayIso());
    await act(desk, 'Ghi nhận đã khen thưởng', 'commended', async (p) => {
      await p.getByLabel('Số quyết định').fill('125/QĐ-UBND');
      await p.getByLabel('Ngày quyết định').fill(decided);
    });
    await act(desk, 'Đăng tin', 'published');
    const row = await server.db().selectFrom('cases').select(['status', 'revision', 'decision_number']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row, { status: 'published', revision: 2, decision_number: '125/QĐ-UBND' });

    const feed = await (await fetch(`${server.url}/ban-tin/feed.atom`)).text();
    assert.ok(feed.includes(SUBJECT), 'the story is in the feed');
    assert.ok(feed.includes('125/QĐ-UBND'), 'with its commendation decision');
    assert.not.ok(feed.includes(ethnicName(ETHNICITY)), 'never the ethnicity');
    // Ids, photo byte counts and addresses can hold any four digits: the year counts only standing alone.
    assert.not.match(feed, new RegExp(`(?<![0-9a-f])${BIRTH_YEAR}(?![0-9a-f])`), 'never the birth year');
    assert.not.ok(feed.includes('Nậm Sin Mông'), 'never the village');

    await phone.reload();
    await waitForCase(phone, id, (c) => c.serverStatus === 'published');
  } finally {
    await browser.close();
    await server.dispose();
  }
});

test.run();
