// The photo sweep (src/server/photos/sweep.ts) on a server's own database and data folder, with a fake clock:
// photos no case names are removed PHOTO_SWEEP_DAYS after their upload, and never before.
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../src/server/log';
import { PhotoStore } from '../../src/server/photos/store';
import { sweepPhotos } from '../../src/server/photos/sweep';
import type { ServerProcess } from '../support/server-process';
import { FakeClock } from '../support/fake-clock';
import { forEachDatabase } from './helpers';
import { signedIn, type Client } from '../support/api-client';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { uploadedPhoto } from '../support/photo-uploads';

const DAY = 86_400_000;
const fileOf = (server: ServerProcess, hash: string) => join(server.dataDir, 'photos', hash.slice(0, 2), hash.slice(2, 4), `${hash}.jpg`);
const stored = async (server: ServerProcess, hash: string) =>
  existsSync(fileOf(server, hash)) && (await server.db().selectFrom('photos').select('sha256').where('sha256', '=', hash).executeTakeFirst()) !== undefined;

function sweeper(server: ServerProcess, clock: FakeClock) {
  const lines: string[] = [];
  const deps = { db: server.db(), photos: new PhotoStore(join(server.dataDir, 'photos')), log: createLogger((l) => lines.push(l)), now: clock.date };
  return { lines, sweep: () => sweepPhotos(deps, 30) };
}

const putCase = (client: Client, id: string, baseRevision: number, photos: unknown[]) =>
  client.call(`/api/cases/${id}`, { method: 'PUT', json: { baseRevision, fields: caseFields({ photos } as never) } });

forEachDatabase('photo sweep', (test) => {
  test('after N days, a photo no case names is removed (row and file); current and earlier revisions keep theirs', async ({ server }) => {
    const reporter = await signedIn(server);
    const [used, dropped, orphan] = [await uploadedPhoto(reporter), await uploadedPhoto(reporter), await uploadedPhoto(reporter)];
    const id = newCaseId();
    assert.is((await putCase(reporter, id, 0, [used, dropped])).status, 201);
    assert.is((await putCase(reporter, id, 1, [used])).status, 200, 'revision 2 drops a photo revision 1 had');

    const clock = new FakeClock(Date.now() + 29 * DAY);
    const { lines, sweep } = sweeper(server, clock);
    const early = await sweep();
    assert.is(early.removed, 0, 'a photo younger than N days stays (its case may still be on its way)');
    for (const p of [used, dropped, orphan]) assert.ok(await stored(server, p.sha256));

    clock.advance(2 * DAY);
    const late = await sweep();
    assert.is(late.removed, 2, 'the orphan photo and its thumbnail');
    assert.not.ok(existsSync(fileOf(server, orphan.sha256)));
    assert.not.ok(existsSync(fileOf(server, orphan.thumbSha256)));
    for (const p of [used, dropped]) {
      assert.ok(await stored(server, p.sha256));
      assert.ok(await stored(server, p.thumbSha256));
    }
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'photo sweep');
    assert.is(logged.length, 2);
    assert.is(logged[1]!.removed, 2, 'logged with its counts');
    assert.is((await sweep()).removed, 0, 'a second run finds nothing more');
  });

  test('a phone that sends its case after the sweep is answered 409 missing-photos (it then uploads the photo again)', async ({ server }) => {
    const reporter = await signedIn(server);
    const late = await uploadedPhoto(reporter);
    await sweeper(server, new FakeClock(Date.now() + 31 * DAY)).sweep();
    assert.not.ok(await stored(server, late.sha256));
    const id = newCaseId();
    const refused = await putCase(reporter, id, 0, [late]);
    assert.is(refused.status, 409);
    assert.is(refused.body.error, 'missing-photos');
  });
});
