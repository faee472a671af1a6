// Regenerates the README's screenshots: the field screens (also used as the manifest's screenshots), then the
// review workspace and the bulletin (screenshots-review.ts). On a private build: GS_DIST=/tmp/x-dist npx tsx …
//   npm run build && npx tsx test/support/screenshots.ts
import { mkdirSync } from 'node:fs';
import { launchBrowser, newPhoneContext } from './browser';
import { serveDist } from './static-server';
import { photoFixtureFile } from './photo-fixtures';
import { openSignedIn } from './sign-in';
import { seedQueuedCases, startSyncServer, waitAllSent } from './sync-harness';
import { reviewScreenshots } from './screenshots-review';

const OUT = new URL('../../public/screenshots/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });
const server = await serveDist();
const browser = await launchBrowser();
try {
  const context = await newPhoneContext(browser, server.url);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
  await page.getByLabel('Họ và tên').fill('Lò Thị Mai');
  await page.getByLabel('Năm sinh').fill('1988');
  await page.getByRole('radio', { name: 'Nữ' }).check();
  await page.getByRole('combobox', { name: 'Dân tộc' }).fill('thai');
  await page.getByRole('option', { name: 'Thái', exact: true }).click();
  await page.getByRole('combobox', { name: 'Xã, phường' }).fill('muong');
  await page.evaluate(() => document.getElementById('communeCode')!.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => scrollBy(0, -150));
  await page.screenshot({ path: `${OUT}form-picker.png` });
  await page.getByRole('combobox', { name: 'Xã, phường' }).fill('muong te');
  await page.getByRole('option', { name: 'Xã Mường Tè' }).click();
  await page.getByLabel('Thôn, bản, tổ dân phố').fill('Bản Nậm Củm');
  await page.getByLabel('Việc đã làm').fill('Chị Mai đã lao xuống dòng suối đang lũ để cứu hai cháu nhỏ bị nước cuốn trôi.');
  const photo = await photoFixtureFile(page, { width: 4000, height: 3000, orientation: 6 });
  await page.locator('#photo-gallery').setInputFiles(photo);
  await page.getByRole('button', { name: 'Xoá ảnh 1' }).waitFor();
  await page.getByRole('button', { name: 'Hoàn tất' }).click();
  await page.getByText(/mục cần sửa/).waitFor();
  await page.locator('#deedDate').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUT}form-errors.png` });
  await page.locator('#photos').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUT}form-photos.png` });
  await page.goto('/');
  await page.getByRole('button', { name: '+ Ghi hồ sơ mới' }).click();
  await page.getByLabel('Họ và tên').fill('Tổ thanh niên tình nguyện bản Sì Thâu Chải');
  await page.getByText(/Đã lưu trên máy lúc/).waitFor();
  await page.goto('/');
  await page.getByRole('heading', { name: 'Hồ sơ người tốt, việc tốt' }).waitFor();
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { name: 'Hồ sơ người tốt, việc tốt' }).waitFor();
  await page.screenshot({ path: `${OUT}list-offline.png` });
  await page.goto('/bo-nho');
  await page.getByRole('heading', { name: 'Bộ nhớ và sao lưu' }).waitFor();
  await page.screenshot({ path: `${OUT}storage.png` });

  // Signed in against the real server: waiting for a network, then the receipt of a sent case.
  const sync = await startSyncServer();
  try {
    const phone = await newPhoneContext(browser, sync.server.url);
    const p = await phone.newPage();
    await p.goto('/dang-nhap');
    await p.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await p.screenshot({ path: `${OUT}sign-in.png` });
    await openSignedIn(p);
    await phone.setOffline(true);
    const [seeded] = await seedQueuedCases(p, sync.user.id, 1, { photos: 2 });
    await p.reload();
    await p.getByText(/Chờ mạng/).waitFor();
    await p.screenshot({ path: `${OUT}waiting-for-network.png` });
    await phone.setOffline(false);
    await waitAllSent(p, [seeded!.id]);
    await p.goto(`/ho-so/${seeded!.id}`);
    await p.locator('.receipt').waitFor();
    await p.screenshot({ path: `${OUT}receipt.png` });
  } finally {
    await sync.server.dispose();
  }
  await reviewScreenshots(browser, OUT);
  console.log(`screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await server.close();
}
