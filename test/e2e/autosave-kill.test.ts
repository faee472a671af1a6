// "The browser being killed loses nothing": type, wait half a second, SIGKILL Chromium, start it again.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist } from '../support/static-server';
import { startKillableChromium } from '../support/killable-chromium';

test('a draft typed half a second before the browser is killed is all there after a restart', async () => {
  const server = await serveDist();
  const profile = mkdtempSync(join(tmpdir(), 'gs-profile-'));
  let chrome = await startKillableChromium(profile);
  try {
    const page = await chrome.browser.contexts()[0]!.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
    await page.waitForURL(/\/ho-so\//);
    const url = page.url();
    await page.getByLabel('Họ và tên').fill('Giàng Thị Dở');
    await page.getByLabel('Việc đã làm').fill('Nhặt được ví tiền và trả lại cho người đánh rơi ở chợ phiên.');
    await page.waitForTimeout(500);
    await chrome.kill();

    chrome = await startKillableChromium(profile);
    const again = await chrome.browser.contexts()[0]!.newPage();
    await again.goto(url);
    await again.getByLabel('Họ và tên').waitFor();
    assert.is(await again.getByLabel('Họ và tên').inputValue(), 'Giàng Thị Dở');
    assert.match(await again.getByLabel('Việc đã làm').inputValue(), /trả lại cho người đánh rơi/);
  } finally {
    await chrome.kill();
    await server.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});

test.run();
