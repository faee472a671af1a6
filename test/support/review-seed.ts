// The data of the reviewer-screen browser tests, made through the real API: 55 cases in Mường Kim (03637) —
// more than one page —, 3 in Khoen On (03640) that a Mường Kim reviewer must never see, 6 of them already in
// appraisal, one with two real JPEG photos, and the accounts that sign in through the app.
import type { Page } from 'playwright-core';
import type { PhotoRef } from '../../src/shared/case-schema';
import { PROVINCE_AREA } from '../../src/shared/sync-protocol';
import type { ServerProcess } from '../support/server-process';
import { makePatternJpeg } from '../support/photo-fixtures';
import { PASSWORD, signedIn, type Client } from './api-client';
import { putPhoto, sha256 } from './photo-uploads';
import { createCase, moveTo } from './review-fixtures';

export const OWN = '03637';
export const OTHER = '03640';
export const OWN_CASES = 55;
export const APPRAISING = 6;

export interface ReviewSeed {
  reporter: Client;
  province: Client;
  photoCaseId: string;
  staleCaseId: string;
  photos: PhotoRef[];
}

/** Two photos (with thumbnails), real JPEGs encoded by Chromium in `page`, uploaded by `client`. */
async function uploadPhotos(page: Page, client: Client): Promise<PhotoRef[]> {
  const refs: PhotoRef[] = [];
  for (const seed of [1, 2]) {
    const photo = await makePatternJpeg(page, { width: 1600, height: 1200, seed });
    const thumb = await makePatternJpeg(page, { width: 320, height: 240, seed });
    for (const bytes of [photo, thumb]) {
      const r = await putPhoto(client, bytes);
      if (r.status !== 201 && r.status !== 200) throw new Error(`photo upload: ${r.status} ${r.text}`);
    }
    refs.push({
      sha256: sha256(photo), caption: `Ảnh hiện trường ${seed}`, width: 1600, height: 1200, bytes: photo.length,
      thumbSha256: sha256(thumb), thumbBytes: thumb.length,
    });
  }
  return refs;
}

/** Accounts that sign in through the app's own screen (same password as the sync tests). */
export async function createAccounts(server: ServerProcess): Promise<void> {
  await server.createUser({ username: 'vang.a.su', password: PASSWORD, role: 'reporter', area: OWN, displayName: 'Vàng A Sử' });
  await server.createUser({ username: 'can.bo.xa', password: PASSWORD, role: 'commune-reviewer', area: OWN, displayName: 'Cán bộ xã Mường Kim' });
  await server.createUser({ username: 'can.bo.tinh', password: PASSWORD, role: 'province-reviewer', area: PROVINCE_AREA, displayName: 'Cán bộ tỉnh' });
}

export async function seedCases(server: ServerProcess, page: Page): Promise<ReviewSeed> {
  const reporter = await signedIn(server, 'reporter', OWN);
  const neighbour = await signedIn(server, 'reporter', OTHER);
  const province = await signedIn(server, 'province-reviewer', PROVINCE_AREA);

  for (let i = 1; i <= 3; i++) await createCase(neighbour, { communeCode: OTHER, subjectName: `Người xã bên ${i}`, village: 'Bản Khoen' });
  const own: string[] = [];
  for (let i = 1; i <= OWN_CASES - 3; i++) own.push(await createCase(reporter, { subjectName: `Người tốt Mường Kim ${i}` }));
  for (const id of own.slice(0, APPRAISING)) await moveTo(province, id, 'appraising');
  await createCase(reporter, { subjectName: 'Hoàng Văn Thắng', deedDescription: 'Anh Thắng sửa lại cây cầu treo của bản.' });
  const staleCaseId = await createCase(reporter, { subjectName: 'Tòng Thị Xuân' });
  const photos = await uploadPhotos(page, reporter);
  const photoCaseId = await createCase(reporter, { subjectName: 'Lò Văn Ảnh', photos });
  return { reporter, province, photoCaseId, staleCaseId, photos };
}
