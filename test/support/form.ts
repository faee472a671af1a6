// Driving the case form as a person does.
import type { Page } from 'playwright-core';

/** Types into a searchable picker and chooses the option with exactly this name. */
export async function pick(page: Page, label: string, typed: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}
