// "The browser being killed loses nothing": type, wait until the app has stored the draft, SIGKILL Chromium,
// start it again. How soon after typing the draft is stored is measured by test/bench/autosave.ts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCases } from '../support/app-db';
import { serveDist } from '../support/static-server';
import { startKillableChromium } from '../support/killable-chromium';
import { until } from '../support/wait';

const NAME = 'Giàng Thị Dở';
const DEED = 'Nhặt được ví tiền và trả lại cho người đánh rơi ở chợ phiên.';

test('a draft the app has stored is all there after the browser is killed and started again', async () => {
  const server = await serveDist();
  const profile = mkdtempSync(join(tmpdir(), 'gs-profile-'));
  let chrome = await startKillableChromium(profile);
  try {
    const page = await chrome.browser.contexts()[0]!.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
    await page.waitForURL(/\/ho-so\//);
    const url = page.url();
    const id = url.split('/').pop();
    await page.getByLabel('Họ và tên').fill(NAME);
    await page.getByLabel('Việc đã làm').fill(DEED);
    // The autosave has written both fields to IndexedDB: the save the app reports, read where it is kept.
    await until(async () => {
      const draft = (await readCases(page)).find((c) => c.id === id);
      return draft?.fields.subjectName === NAME && draft.fields.deedDescription === DEED;
    }, 'the typed draft stored on the phone');
    await chrome.kill();

    chrome = await startKillableChromium(profile);
    const again = await chrome.browser.contexts()[0]!.newPage();
    await again.goto(url);
    await again.getByLabel('Họ và tên').waitFor();
    assert.is(await again.getByLabel('Họ và tên').inputValue(), NAME);
    assert.match(await again.getByLabel('Việc đã làm').inputValue(), /trả lại cho người đánh rơi/);
  } finally {
    await chrome.kill();
    await server.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});

test.run();
