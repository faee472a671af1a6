// The bulletin's in-memory cache on its own: bounded by bytes (least recently used goes first), one load per
// key at a time, at most four loads at once, and no text stored from a load that an invalidation overtook.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BulletinCache } from '../../src/server/bulletin/cache';

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

test('a photo is loaded once, however many ask at the same time, then served from memory', async () => {
  const cache = new BulletinCache();
  let loads = 0;
  const load = async () => { loads++; return bytes(10); };
  const answers = await Promise.all(Array.from({ length: 20 }, () => cache.photo('a', load)));
  assert.is(loads, 1);
  assert.ok(answers.every((a) => a === answers[0]));
  await cache.photo('a', load);
  assert.is(loads, 1);
});

test('bounded by bytes: the least recently used entry goes first; a missing photo is not kept', async () => {
  const cache = new BulletinCache(400);
  let loads = 0;
  const load = async () => { loads++; return bytes(100); };
  for (const key of ['a', 'b', 'c', 'd']) await cache.photo(key, load);
  await cache.photo('a', load); // a is now the most recent
  await cache.photo('e', load); // 500 bytes: b, the least recently used, goes
  assert.is(loads, 5);
  await cache.photo('a', load);
  assert.is(loads, 5, 'a stayed');
  await cache.photo('b', load);
  assert.is(loads, 6, 'b was dropped');
  let misses = 0;
  for (let i = 0; i < 2; i++) await cache.photo('gone', async () => { misses++; return null; });
  assert.is(misses, 2);
});

test('at most four loads run at once; the others wait their turn and all finish', async () => {
  const cache = new BulletinCache();
  const g = gate();
  let running = 0;
  let most = 0;
  const started: string[] = [];
  const all = Array.from({ length: 10 }, (_, i) => cache.photo(`k${i}`, async () => {
    started.push(`k${i}`);
    most = Math.max(most, ++running);
    await g.opened;
    running--;
    return bytes(1);
  }));
  await Promise.resolve();
  assert.is(started.length, 4);
  g.open();
  await Promise.all(all);
  assert.is(most, 4);
  assert.is(started.length, 10);
});

test('photo sizes: known once the photo was loaded, else read directly (bytes kept), even by renders holding every load slot', async () => {
  const cache = new BulletinCache();
  let loads = 0;
  const load = async () => { loads++; return bytes(7); };
  await cache.photo('a', load);
  assert.is(await cache.photoSize('a', load), 7);
  assert.is(loads, 1, 'the size came with the photo');
  // Six feeds rendered at once (four hold the slots): none waits for a slot to read the photo it names.
  const feeds = await Promise.all(Array.from({ length: 6 }, (_, i) => cache.text(`feed ${i}`, async () => `${await cache.photoSize('b', load)}`)));
  assert.equal(feeds.map((f) => f.body), Array(6).fill('7'));
  const before = loads;
  await cache.photo('b', load);
  assert.is(loads, before, 'b is served from memory');
  assert.is(await cache.photoSize('gone', async () => null), null);
});

test('invalidate: the texts are forgotten (photos stay), and a text load it overtook is answered but not kept', async () => {
  const cache = new BulletinCache();
  let photoLoads = 0;
  await cache.photo('a', async () => { photoLoads++; return bytes(10); });
  let renders = 0;
  const g = gate();
  const slow = cache.text('feed', async () => { renders++; await g.opened; return 'cũ'; });
  cache.invalidate();
  g.open();
  assert.is((await slow).body, 'cũ');
  const fresh = await cache.text('feed', async () => { renders++; return 'mới'; });
  assert.is(fresh.body, 'mới');
  assert.is((await cache.text('feed', async () => { renders++; return 'không gọi'; })).etag, fresh.etag, 'kept with its ETag');
  assert.is(renders, 2);
  cache.invalidate();
  assert.is((await cache.text('feed', async () => { renders++; return 'mới hơn'; })).body, 'mới hơn');
  await cache.photo('a', async () => { photoLoads++; return bytes(10); });
  assert.is(photoLoads, 1, 'the photo was not read again');
});

test.run();
