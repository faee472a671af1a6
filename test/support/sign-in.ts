// Signing in through the app's own screen, as a person does (the API's sign-in is api-client.ts).
import type { Page } from 'playwright-core';
import { PASSWORD } from './api-client';
import { SESSION_KEY } from '../../src/db/session';
import { readSetting } from './app-db';
import { until } from './wait';

/** Opens the app, waits for the service worker to control it, and signs in through the sign-in screen. */
export async function openSignedIn(page: Page, username = 'vang.a.su'): Promise<void> {
  await page.goto('/');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await signIn(page, username);
}

/** The sign-in screen, then the screen it leads to, and the session stored on the phone. */
export async function signIn(page: Page, username = 'vang.a.su'): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === '/' || url.pathname === '/tham-dinh');
  await until(async () => (await readSetting(page, SESSION_KEY).catch(() => undefined)) !== undefined, `${username}'s session stored on the phone`);
}
