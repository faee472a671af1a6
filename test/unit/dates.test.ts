// Days and times in Vietnam (UTC+7 all year), calendar arithmetic on ISO days, and the one range check.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  addDays, DAY_RANGE_REVERSED, daysBetween, formatDateTime, lastDayOfMonth, monthsSpanned, readDayRange,
  startOfVietnamDay, todayIso, vietnamDay, vietnamWallClock,
} from '../../src/shared/dates';
import { periodProblem } from '../../src/shared/dashboard-protocol';

test('an instant falls on the day Vietnam sees: 17:00 UTC is already the next day', () => {
  assert.is(vietnamDay('2026-03-31T16:59:59.999Z'), '2026-03-31');
  assert.is(vietnamDay('2026-03-31T17:00:00.000Z'), '2026-04-01');
  assert.is(vietnamDay(Date.UTC(2025, 11, 31, 17)), '2026-01-01');
  assert.is(vietnamDay(new Date('2024-02-28T17:30:00Z')), '2024-02-29');
  assert.is(todayIso(Date.UTC(2026, 6, 14, 20)), '2026-07-15');
  assert.is(startOfVietnamDay('2026-04-01'), '2026-03-31T17:00:00.000Z');
  assert.is(vietnamDay(startOfVietnamDay('2026-04-01')), '2026-04-01');
});

test('times read as Vietnam\'s wall clock', () => {
  assert.is(formatDateTime('2026-03-31T17:05:00.000Z'), '01/04/2026 00:05');
  assert.is(formatDateTime(Date.UTC(2026, 0, 2, 3, 4)), '02/01/2026 10:04');
  assert.is(vietnamWallClock('2026-03-31T23:30:00Z').getUTCHours(), 6);
});

test('calendar arithmetic on ISO days', () => {
  assert.is(addDays('2024-02-28', 1), '2024-02-29');
  assert.is(addDays('2026-01-01', -1), '2025-12-31');
  assert.is(daysBetween('2026-01-01', '2026-03-01'), 59);
  assert.is(daysBetween('2026-03-01', '2026-01-01'), -59);
  assert.is(lastDayOfMonth('2024-02-10'), '2024-02-29');
  assert.is(lastDayOfMonth('2026-12-01'), '2026-12-31');
  assert.is(monthsSpanned('2026-01-31', '2026-02-01'), 2);
  assert.is(monthsSpanned('2021-01-01', '2025-12-31'), 60);
});

test('a typed range: one wording for an end before the start; missing days only when required', () => {
  assert.equal(readDayRange('', ''), { from: undefined, to: undefined, errors: {} });
  assert.equal(readDayRange('05/03/2026', '05/03/2026'), { from: '2026-03-05', to: '2026-03-05', errors: {} });
  assert.equal(readDayRange('06/03/2026', '05/03/2026').errors, { to: DAY_RANGE_REVERSED });
  assert.equal(readDayRange('31/02/2026', '').errors, { from: 'Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy' });
  assert.equal(readDayRange('', '', { from: 'Nhập ngày bắt đầu', to: 'Nhập ngày kết thúc' }).errors,
    { from: 'Nhập ngày bắt đầu', to: 'Nhập ngày kết thúc' });
  assert.is(DAY_RANGE_REVERSED, 'Ngày kết thúc không được trước ngày bắt đầu');
});

test('a dashboard period: in order, at most 60 months', () => {
  assert.is(periodProblem('2025-01-01', '2025-12-31'), undefined);
  assert.is(periodProblem('2025-06-30', '2025-01-01'), DAY_RANGE_REVERSED);
  assert.is(periodProblem('2020-01-01', '2025-01-01'), 'Kỳ báo cáo dài tối đa 60 tháng');
});

test.run();
