// Lists edited without a release: the administrator renames one movement and retires another; the phone's next
// sync brings the lists; its picker offers the new name and no longer the retired movement, while a case filed
// under it still shows its name, keeps it when returned and resubmitted, and all of it holds offline.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { defaultLists } from '../../src/shared/reference';
import { referenceApi, type ReferenceLists } from '../../src/shared/reference-protocol';
import { reviewApi } from '../../src/shared/review-protocol';
import { REFERENCE_LISTS_KEY, type StoredReferenceLists } from '../../src/db/reference-lists';
import { PASSWORD, logIn } from '../support/api-client';
import { readCases, readSetting } from '../support/app-db';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { openSignedIn } from '../support/sign-in';
import { seedQueuedCases, startSyncServer, waitAllSent, waitForCase } from '../support/sync-harness';
import { until } from '../support/wait';

const RETIRED = defaultLists.movements.find((m) => m.id === 'dan-van-kheo')!;
const RENAMED = { id: 'ntm-giam-ngheo', old: defaultLists.movements.find((m) => m.id === 'ntm-giam-ngheo')!.name, name: 'Nông thôn mới và giảm nghèo bền vững, giai đoạn 2026–2030' };

async function waitForLists(page: Page, version: string): Promise<void> {
  let held: StoredReferenceLists | undefined;
  await until(async () => (held = await readSetting<StoredReferenceLists>(page, REFERENCE_LISTS_KEY).catch(() => held))?.version === version,
    () => `the phone to hold lists ${version} (it holds ${held?.version ?? 'none'})`);
}

/** The movement picker of a new case: its option labels. */
async function newCaseMovements(page: Page): Promise<string[]> {
  await page.goto('/');
  await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
  await page.waitForURL(/\/ho-so\/[0-9a-f-]{36}$/);
  // The form renders before the stored lists are read (the bundled ones would fill the picker too): wait for
  // the renamed entry, then read the picker whole. What else it offers is asserted by the caller.
  const picker = page.getByLabel('Phong trào thi đua');
  await picker.locator('option', { hasText: RENAMED.name }).waitFor({ state: 'attached' });
  return picker.locator('option').allInnerTexts();
}

function assertOffered(labels: string[], when: string): void {
  assert.ok(labels.includes(RENAMED.name), `${when}: the new name is offered (${labels.join(' | ')})`);
  assert.not.ok(labels.includes(RENAMED.old), `${when}: the old name is gone`);
  assert.not.ok(labels.some((l) => l.includes(RETIRED.name)), `${when}: the retired movement is not offered`);
  assert.is(labels.length, defaultLists.movements.length, `${when}: "— Chọn —" and every active movement`);
}

test('renamed and retired on the server → synced to the phone → picker, old case and resubmission follow, offline too', async () => {
  const { server, user } = await startSyncServer();
  await server.createUser({ username: 'quan.tri', password: PASSWORD, role: 'admin', area: '12', displayName: 'Quản trị' });
  const browser = await launchBrowser();
  try {
    const context = await newPhoneContext(browser, server.url);
    const page = await context.newPage();
    await openSignedIn(page);
    const [old] = await seedQueuedCases(page, user.id, 1, { photos: 1 }); // filed under "Dân vận khéo"
    await page.reload();
    await waitAllSent(page, [old!.id]);
    const admin = await logIn(server, 'quan.tri');
    const shipped = (await admin.call<ReferenceLists>(referenceApi.lists)).body;
    await waitForLists(page, shipped.version); // every sync keeps the server's lists

    const body = defaultLists.movements.filter((m) => m.id !== RETIRED.id)
      .map((m) => ({ id: m.id, name: m.id === RENAMED.id ? RENAMED.name : m.name }));
    const edited = await admin.call<ReferenceLists>(referenceApi.list('movements'), { method: 'PUT', json: body });
    assert.is(edited.status, 200, edited.text);
    const { version } = edited.body;

    await page.reload(); // app start runs a sync
    await waitForLists(page, version);
    assertOffered(await newCaseMovements(page), 'online');

    const subject = (await readCases(page)).find((c) => c.id === old!.id)!.fields.subjectName as string;
    await page.goto('/');
    await page.getByRole('listitem').filter({ hasText: subject }).click();
    await page.locator('dl.summary dd', { hasText: RETIRED.name }).waitFor();

    // Returned by the board: reopened on the phone, the retired movement stays selected and named as such.
    const returned = await admin.call(reviewApi.transitions(old!.id), { method: 'POST', json: { to: 'returned', comment: 'Bổ sung tên thôn' } });
    assert.is(returned.status, 200, returned.text);
    await page.reload();
    await waitForCase(page, old!.id, (c) => c.serverStatus === 'returned');
    await page.goto('/');
    await page.getByRole('listitem').filter({ hasText: 'Cần bổ sung' }).click();
    await page.getByRole('button', { name: 'Bổ sung và gửi lại' }).click();
    const picker = page.getByLabel('Phong trào thi đua');
    assert.is(await picker.inputValue(), RETIRED.id);
    assert.is(await picker.locator('option:checked').innerText(), `${RETIRED.name} (ngừng sử dụng)`);
    await page.getByLabel('Thôn, bản, tổ dân phố').fill('Bản Nà Ún, thôn 3');
    await page.getByRole('button', { name: 'Hoàn tất' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await waitForCase(page, old!.id, (c) => c.status === 'sent' && c.receipt?.revision === 2);
    const row = await server.db().selectFrom('cases').select(['movement_id', 'revision']).where('id', '=', old!.id).executeTakeFirstOrThrow();
    assert.equal(row, { movement_id: RETIRED.id, revision: 2 });

    // Offline, after a reload: the lists are the server's, read from the phone.
    await context.setOffline(true);
    await page.reload();
    await page.getByText('Đang ngoại tuyến').first().waitFor();
    assertOffered(await newCaseMovements(page), 'offline');
    await page.goto('/');
    await page.getByRole('listitem').filter({ hasText: subject }).click();
    await page.locator('dl.summary dd', { hasText: RETIRED.name }).waitFor();
  } finally {
    await browser.close();
    await server.dispose();
  }
});

test.run();
