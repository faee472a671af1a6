// The server's clock as the phone learns it from answers' Date headers, and the time a consent is stamped with.
import 'fake-indexeddb/auto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GuongSangDb } from '../../src/db/database';
import { getSetting } from '../../src/db/settings';
import { runOnce } from '../../src/sync/run';
import {
  CLOCK_NOISE_MS, SERVER_CLOCK_KEY, consentNow, loadServerClock, noteServerDate, offsetFrom, resetServerClock, serverClockOffset,
} from '../../src/sync/server-clock';

let n = 0;
const freshDb = () => new GuongSangDb(`server-clock-${process.pid}-${++n}`);
const LOCAL = Date.parse('2026-12-05T10:00:00Z');
const HOUR = 3_600_000;
const dateHeader = (t: number) => new Date(t).toUTCString();

test.before.each(() => resetServerClock());

test('no offset known: a consent is stamped by the local clock', () => {
  assert.is(serverClockOffset(), undefined);
  assert.is(consentNow(LOCAL), LOCAL);
});

test('a phone an hour fast stamps the server time, and remembers it across a restart', async () => {
  const db = freshDb();
  await noteServerDate(db, dateHeader(LOCAL - HOUR), LOCAL);
  assert.is(serverClockOffset(), -HOUR);
  assert.is(consentNow(LOCAL + 10_000), LOCAL - HOUR + 10_000);
  assert.is(await getSetting(db, SERVER_CLOCK_KEY), -HOUR);
  resetServerClock();
  await loadServerClock(db);
  assert.is(consentNow(LOCAL), LOCAL - HOUR, 'read back at start, offline');
});

test('a phone an hour slow keeps its local time, already in the server\'s past', async () => {
  await noteServerDate(freshDb(), dateHeader(LOCAL + HOUR), LOCAL);
  assert.is(serverClockOffset(), HOUR);
  assert.is(consentNow(LOCAL), LOCAL);
});

test('the Date header\'s one-second resolution and the trip\'s time are noise; nothing is rewritten for them', async () => {
  const db = freshDb();
  assert.is(offsetFrom(dateHeader(LOCAL - 1_500), LOCAL), 0);
  assert.is(offsetFrom(dateHeader(LOCAL + CLOCK_NOISE_MS - 1_000), LOCAL), 0);
  assert.is(offsetFrom(null, LOCAL), undefined);
  assert.is(offsetFrom('not a date', LOCAL), undefined);
  await noteServerDate(db, dateHeader(LOCAL - HOUR), LOCAL);
  await db.settings.delete(SERVER_CLOCK_KEY);
  await noteServerDate(db, dateHeader(LOCAL - HOUR + 2_000), LOCAL);
  assert.is(serverClockOffset(), -HOUR, 'a second more or less is the same offset');
  assert.is(await getSetting(db, SERVER_CLOCK_KEY), undefined, 'and is not written again');
  await noteServerDate(db, 'garbage', LOCAL);
  assert.is(serverClockOffset(), -HOUR, 'an unreadable header changes nothing');
  await noteServerDate(db, dateHeader(LOCAL), LOCAL);
  assert.is(serverClockOffset(), 0, 'the phone\'s clock was set right');
  assert.is(consentNow(LOCAL), LOCAL);
});

test('a sync run records the offset from the server\'s answers', async () => {
  const db = freshDb();
  const fetch: typeof globalThis.fetch = async () => new Response(JSON.stringify({ changes: [], cursor: '0', more: false }), {
    headers: { 'content-type': 'application/json', date: dateHeader(Date.now() - HOUR) },
  });
  await runOnce({ db, userId: 'u1', fetch, baseUrl: 'http://server' });
  assert.ok(Math.abs(serverClockOffset()! + HOUR) < CLOCK_NOISE_MS, `about an hour behind (${serverClockOffset()})`);
  assert.type(await getSetting(db, SERVER_CLOCK_KEY), 'number');
});

test.run();
