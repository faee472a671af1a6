// Driving the case form as a person does.
import type { Page } from 'playwright-core';

/** Types into a searchable picker and chooses the option with exactly this name. */
export async function pick(page: Page, label: string, typed: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * Fills every field of the case form as a reporter does (Lò Thị Mai's rescue), pickers searched by typing
 * without diacritics; photos and the consent box are left to the test.
 */
export async function fillCaseForm(page: Page, o: { ethnicity?: [typed: string, option: string]; commune?: [typed: string, option: string] } = {}): Promise<void> {
  await page.getByLabel('Họ và tên').fill('Lò Thị Mai');
  await page.getByLabel('Năm sinh').fill('1988');
  await page.getByRole('radio', { name: 'Nữ' }).check();
  await pick(page, 'Dân tộc', ...(o.ethnicity ?? ['thai', 'Thái']));
  await page.getByLabel('Nhóm đối tượng').selectOption({ label: 'Người dân' });
  await pick(page, 'Xã, phường', ...(o.commune ?? ['muong kim', 'Xã Mường Kim']));
  await page.getByLabel('Thôn, bản, tổ dân phố').fill('Bản Nậm Củm');
  await page.getByLabel('Phong trào thi đua').selectOption({ label: 'Dân vận khéo' });
  await page.getByLabel('Lĩnh vực').selectOption({ label: 'Cứu người, cứu tài sản, dũng cảm' });
  await page.getByLabel('Ngày diễn ra').pressSequentially('14072026');
  await page.getByLabel('Nơi diễn ra').fill('Suối Nậm Củm');
  await page.getByLabel('Việc đã làm').fill('Chị Mai đã lao xuống dòng suối đang lũ để cứu hai cháu nhỏ bị nước cuốn trôi.');
  await page.getByLabel('Kết quả, tác dụng').fill('Hai cháu được cứu sống, sức khoẻ ổn định.');
  await page.getByLabel('Hình thức đề nghị').selectOption({ label: 'Giấy khen của Chủ tịch Ủy ban nhân dân xã' });
  await page.getByLabel('Họ tên người báo cáo').fill('Vàng A Sử');
}
