// The bulletin's in-memory cache (src/server/bulletin/cache.ts): a public photo is read from disk once, then
// served from memory with the same bytes and ETag; the feed is rendered once; a publication or a withdrawal
// renders it anew at once, and a photo no published story shows any more is refused at once, though its bytes
// stay in memory. The photo's public address is taken from the story page, whatever its form.
import * as assert from 'uvu/assert';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerProcess } from '../support/server-process';
import { forEachDatabase } from './helpers';
import { call, signedIn } from '../support/api-client';
import { uploadedPhoto } from '../support/photo-uploads';
import { createCase, moveTo, transition, WITHDRAW } from '../support/review-fixtures';

const CONSENT = { consentPublication: true, consentPublicationAt: '2026-07-15T08:00:00Z' };
const fileOf = (server: ServerProcess, hash: string) => join(server.dataDir, 'photos', hash.slice(0, 2), hash.slice(2, 4), `${hash}.jpg`);
const photoLink = (storyHtml: string) => /<figure><a href="(?:https?:\/\/[^/"]+)?(\/ban-tin\/[^"]+)">/.exec(storyHtml)?.[1];

forEachDatabase('bulletin cache', (test) => {
  test('a public photo and the feed come from memory after the first read; a withdrawal takes the story and its photo off at once', async ({ server }) => {
    const get = (path: string) => call(server, path);
    const getBytes = async (path: string) => {
      const res = await fetch(server.url + path);
      return { status: res.status, etag: res.headers.get('etag'), bytes: Buffer.from(await res.arrayBuffer()) };
    };
    const reporter = await signedIn(server, 'reporter', '03637');
    const province = await signedIn(server, 'province-reviewer', '12');
    const photo = await uploadedPhoto(reporter, 'Cây cầu tre');
    // Two stories show the same photo: after one is withdrawn, the photo is still public through the other.
    const first = await createCase(reporter, { ...CONSENT, subjectName: 'Lò Văn Một', photos: [photo] });
    const other = await createCase(reporter, { ...CONSENT, subjectName: 'Lò Văn Hai', photos: [photo] });
    for (const id of [first, other]) await moveTo(province, id, 'published');
    const path = photoLink((await get(`/ban-tin/${other}`)).text);
    assert.ok(path, 'the story page links its photo');

    const fromDisk = await getBytes(path!);
    assert.is(fromDisk.status, 200);
    const feed = await get('/ban-tin/feed.atom');
    assert.ok(feed.text.includes('Lò Văn Một'));

    const file = fileOf(server, photo.sha256);
    renameSync(file, `${file}.away`);
    const db = server.db();
    const row = await db.selectFrom('cases').select('fields').where('id', '=', other).executeTakeFirstOrThrow();
    await db.updateTable('cases').set({ fields: JSON.stringify({ ...JSON.parse(row.fields), subjectName: 'Tên đổi thẳng trong cơ sở dữ liệu' }) })
      .where('id', '=', other).execute();

    const fromMemory = await getBytes(path!);
    assert.is(fromMemory.status, 200, 'served although the file is no longer on disk');
    assert.ok(fromMemory.bytes.equals(fromDisk.bytes), 'the same bytes');
    assert.is(fromMemory.etag, fromDisk.etag);
    const feedAgain = await get('/ban-tin/feed.atom');
    assert.is(feedAgain.text, feed.text, 'the feed is not rendered again');
    assert.is(feedAgain.headers.get('etag'), feed.headers.get('etag'));

    assert.is((await transition(province, first, WITHDRAW)).status, 200);
    const afterFeed = (await get('/ban-tin/feed.atom')).text;
    assert.not.ok(afterFeed.includes('Lò Văn Một'), 'the withdrawn story leaves the feed at once');
    assert.ok(afterFeed.includes('Tên đổi thẳng'), 'the feed is rendered anew');
    const stillPublic = await getBytes(path!);
    assert.is(stillPublic.status, 200, 'still public through the other story, and still served from memory');
    assert.ok(stillPublic.bytes.equals(fromDisk.bytes));

    assert.is((await transition(province, other, WITHDRAW)).status, 200);
    assert.not.ok((await get('/ban-tin/feed.atom')).text.includes('Tên đổi thẳng'), 'the other story leaves the feed at once');
    assert.is((await get(path!)).status, 404, 'no published story shows the photo: refused at once, although its bytes are in memory');
    renameSync(`${file}.away`, file);
    assert.is((await get(path!)).status, 404, 'refused by the public check, not for the missing file');
  });
});
