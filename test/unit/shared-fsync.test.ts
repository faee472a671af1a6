// SharedFsync (src/server/private-files.ts): the fsync of a photo folder shared by the uploads renaming into it at
// once. A call resolves only after an fsync that began after it; the calls made while one runs share the next.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SharedFsync } from '../../src/server/private-files';

/** A fake fsync: each call is recorded with its start, and ends when the test says. */
function fakeFsync() {
  const calls: { path: string; end: (err?: Error) => void }[] = [];
  const fsync = (path: string) => new Promise<void>((resolve, reject) => {
    calls.push({ path, end: (err) => (err ? reject(err) : resolve()) });
  });
  return { calls, fsync };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

test('alone: one fsync; calls during it share a single next one, begun after it ends', async () => {
  const { calls, fsync } = fakeFsync();
  const shared = new SharedFsync(fsync);
  const done: string[] = [];
  const first = shared.sync('/d').then(() => done.push('first'));
  await tick();
  assert.is(calls.length, 1);
  const later = [1, 2, 3].map((i) => shared.sync('/d').then(() => done.push(`later${i}`)));
  await tick();
  assert.is(calls.length, 1, 'no second fsync while the first runs');
  calls[0]!.end();
  await first;
  await tick();
  assert.equal(done, ['first'], 'the later calls wait: the first fsync may have begun before their change');
  assert.is(calls.length, 2, 'one more fsync for the three of them');
  calls[1]!.end();
  await Promise.all(later);
  assert.equal(done, ['first', 'later1', 'later2', 'later3']);
});

test('other folders are synced apart, at once; an error reaches the calls that shared that fsync only', async () => {
  const { calls, fsync } = fakeFsync();
  const shared = new SharedFsync(fsync);
  const a = shared.sync('/a');
  const b = shared.sync('/b');
  await tick();
  assert.equal(calls.map((c) => c.path), ['/a', '/b']);
  calls[0]!.end(new Error('EIO'));
  calls[1]!.end();
  await a.then(() => assert.unreachable('should fail'), (err: Error) => assert.is(err.message, 'EIO'));
  await b;
  const again = shared.sync('/a');
  await tick();
  assert.is(calls.length, 3, 'a new call after the failure gets a fresh fsync');
  calls[2]!.end();
  await again;
});

test.run();
