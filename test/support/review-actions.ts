// Acting on a case in the reviewer's case page, as a person does (the API's transitions are review-fixtures.ts).
import type { Page } from 'playwright-core';
import { serverStatusNames, type ServerStatus } from '../../src/shared/sync-protocol';

/** Presses an action on the case page, fills its form, confirms, and waits for the case to reach `to`. */
export async function act(page: Page, action: string, to: ServerStatus, fill: (page: Page) => Promise<unknown> = async () => {}): Promise<void> {
  await page.locator('.review-actions').getByRole('button', { name: action, exact: true }).click();
  await fill(page);
  await page.getByRole('button', { name: `Xác nhận: ${action}` }).click();
  await page.getByRole('status').filter({ hasText: `Đã chuyển hồ sơ sang “${serverStatusNames[to]}”` }).waitFor();
}
