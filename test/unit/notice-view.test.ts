// The notice panel's reading of a batch (running, ended, may post) and of the days typed, against the rule the
// server enforces (shared/notice-protocol.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as v from 'valibot';
import type { BatchDetail } from '../../src/shared/batch-protocol';
import { NOTICE_DAYS_MESSAGE } from '../../src/shared/notice-protocol';
import { NoticeRequestSchema } from '../../src/shared/notice-schemas';
import { noticeView, readDays } from '../../src/review/batch-notice/notice-view';

const notice = { from: '2026-12-01T03:00:00.000Z', until: '2026-12-08T03:00:00.000Z', publicUrl: 'https://gs.example/cong-khai/ab', comments: 2 };
const at = (status: BatchDetail['status'], n: BatchDetail['notice'], now: string) => noticeView({ status, notice: n }, now);

test('a submitted batch without a notice may post one; a draft or a decided batch may not', () => {
  assert.equal(at('submitted', null, notice.from), { kind: 'idle', ended: null, mayPost: true });
  for (const status of ['draft', 'decided', 'withdrawn'] as const) assert.equal(at(status, null, notice.from), { kind: 'idle', ended: null, mayPost: false });
});

test('a notice runs from its start up to, not including, its end; then it may run again', () => {
  assert.is(at('submitted', notice, notice.from).kind, 'running');
  assert.is(at('submitted', notice, '2026-12-08T02:59:59.999Z').kind, 'running');
  assert.equal(at('submitted', notice, notice.until), { kind: 'idle', ended: notice, mayPost: true });
  assert.equal(at('decided', notice, '2026-12-02T00:00:00.000Z'), { kind: 'idle', ended: notice, mayPost: false }, 'decided: the notice stops');
});

test('days: what the panel accepts is exactly what the server accepts', () => {
  for (const text of ['1', '7', ' 30 ', '07']) {
    const read = readDays(text);
    assert.ok('days' in read, text);
    assert.ok(v.safeParse(NoticeRequestSchema, { days: (read as { days: number }).days }).success, text);
  }
  for (const text of ['0', '31', '2.5', '', 'bảy', '-3', '1e1']) assert.equal(readDays(text), { error: NOTICE_DAYS_MESSAGE }, text);
  for (const days of [0, 31, 2.5, -1]) assert.not.ok(v.safeParse(NoticeRequestSchema, { days }).success, String(days));
});

test.run();
