// "Xuất ra tệp": every unsent case with its photos into one ZIP, handed to the browser as a download. Used by the
// "Bộ nhớ và sao lưu" screen and by the in-app browser warning on the list; the ZIP code loads only when used.
import { appDb } from '../../db/database';
import { loadCode } from '../pwa/stale-code';

/** Resolves with the Vietnamese line to show; throws the export's own Vietnamese message. */
export async function saveUnsentToFile(): Promise<string> {
  const { exportUnsent } = await loadCode(() => import('../../transfer/export'));
  const file = await exportUnsent(appDb());
  const url = URL.createObjectURL(file.blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: file.fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return `Đã xuất ${file.caseCount} hồ sơ, ${file.photoCount} ảnh vào tệp ${file.fileName}.`;
}
