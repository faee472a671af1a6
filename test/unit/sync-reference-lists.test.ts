// The sync run keeps the editable reference lists: asked for after the changes feed with the version the phone
// holds (304 when unchanged), stored only when well-formed, and never a reason for a case not to be sent.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { getReferenceLists } from '../../src/db/reference-lists';
import { defaultLists } from '../../src/shared/reference';
import type { ReferenceLists } from '../../src/shared/reference-protocol';
import { queuedCase, setup } from './sync-helpers';

const served = (version: string, rename = 'Dân vận khéo 2026'): ReferenceLists => ({
  version,
  lists: { ...defaultLists, movements: [{ id: 'dan-van-kheo', name: rename }, { ...defaultLists.movements[1]!, retired: true }] },
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The fake server plus GET /api/reference answering `answer(ifNoneMatch)`; records each If-None-Match seen. */
function withLists(answer: (ifNoneMatch: string | null) => Response | 'network') {
  const s = setup();
  const seen: Array<string | null> = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    if (new URL(String(input)).pathname !== '/api/reference') return s.server.fetch(input, init);
    const inm = new Headers(init.headers).get('if-none-match');
    seen.push(inm);
    const a = answer(inm);
    if (a === 'network') throw new TypeError('fetch failed');
    return a;
  }) as typeof globalThis.fetch;
  return { ...s, seen, run: (over = {}) => s.run({ fetch, ...over }) };
}

test('stored on the first run; asked again with its version, a 304 keeps it; a new version replaces it', async () => {
  let current = served('v1');
  const { db, run, seen } = withLists((inm) => (inm === `"${current.version}"` ? new Response(null, { status: 304 }) : json(200, current)));
  const first = await run();
  assert.is(first.lists, 'updated');
  const stored = await getReferenceLists(db);
  assert.is(stored?.version, 'v1');
  assert.equal(stored?.lists.movements, current.lists.movements);

  const second = await run();
  assert.is(second.lists, 'unchanged');
  assert.equal(seen, [null, '"v1"']);

  current = served('v2', 'Dân vận khéo, sáng tạo');
  assert.is((await run()).lists, 'updated');
  assert.is((await getReferenceLists(db))?.lists.movements[0]?.name, 'Dân vận khéo, sáng tạo');
  assert.equal(seen, [null, '"v1"', '"v1"']);
});

test('a malformed answer, a server error or a dead link: the lists kept, the case sent all the same', async () => {
  const garbled = [
    { version: 'v9' },
    { version: 'v9', lists: { ...defaultLists, awardTypes: [] } },
    { version: 'v9', lists: { ...defaultLists, movements: [{ id: 'x' }] } },
    { version: '', lists: defaultLists },
  ];
  const answers: Array<Response | 'network'> = [json(200, served('v1')), ...garbled.map((g) => json(200, g)), json(500, { error: 'server-error', message: 'Lỗi' }), 'network'];
  let i = 0;
  const { db, server, run } = withLists(() => answers[i++]!);
  assert.is((await run()).lists, 'updated');
  for (let k = 1; k < answers.length; k++) {
    const c = await queuedCase(db, 'u1', {}, 1);
    const r = await run();
    assert.is(r.lists, 'failed', `answer ${k}`);
    assert.is(r.outcome, 'done', `answer ${k}`);
    assert.equal(r.sent, [c.id], `answer ${k}`);
    assert.is(r.lastError, undefined, `answer ${k}`);
    assert.is((await getReferenceLists(db))?.version, 'v1', `answer ${k}: the good lists stay`);
  }
  assert.is(server.cases.size, answers.length - 1);
});

test('not asked when the run ended early (no link, or a sign-in needed)', async () => {
  const { server, run, seen } = withLists(() => json(200, served('v1')));
  server.user = undefined;
  const r = await run();
  assert.is(r.outcome, 'auth');
  assert.is(r.lists, undefined);
  assert.equal(seen, []);
});

test.run();
