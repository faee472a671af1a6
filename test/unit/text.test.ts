import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { foldVietnamese, matchesQuery, shortened, vietnameseCollator } from '../../src/shared/text';
import { formatDmy, parseDmy, maskDmy, isIsoDay } from '../../src/shared/dates';
import { communes, ethnicGroups } from '../../src/shared/reference';
import { formatBytes, formatDecimal1 } from '../../src/shared/format';
import ethnicGroupsJson from '../../src/shared/reference/ethnic-groups.json';
import unitsJson from '../../src/shared/reference/lai-chau-units.json';

test('folding removes tones, hats and đ', () => {
  assert.is(foldVietnamese('Mường Tè'), 'muong te');
  assert.is(foldVietnamese('  ĐOÀN   Kết '), 'doan ket');
  assert.is(foldVietnamese('Nậm Nhùn'), 'nam nhun');
});

test('accent-insensitive search matches every word', () => {
  assert.ok(matchesQuery('muong te', 'Xã Mường Tè'));
  assert.ok(matchesQuery('te muong', 'Xã Mường Tè'));
  assert.ok(matchesQuery('', 'anything'));
  assert.not.ok(matchesQuery('muong so', 'Xã Mường Tè'));
  assert.ok(matchesQuery('cuu nguoi', 'Lò Văn A', 'đã cứu người bị lũ cuốn'));
});

test('Vietnamese collation puts Đ after D and ă/â after a', () => {
  const sorted = ['Đoàn', 'Dương', 'Ân', 'An', 'Ăn', 'Bình'].sort(vietnameseCollator.compare);
  assert.equal(sorted, ['An', 'Ăn', 'Ân', 'Bình', 'Dương', 'Đoàn']);
});

test('dd/mm/yyyy round-trips and refuses impossible days', () => {
  assert.is(parseDmy('05/03/2026'), '2026-03-05');
  assert.is(parseDmy('5/3/2026'), '2026-03-05');
  assert.is(parseDmy('30/02/2026'), null);
  assert.is(parseDmy('2026-03-05'), null);
  assert.is(formatDmy('2026-03-05'), '05/03/2026');
  assert.is(maskDmy('05032026'), '05/03/2026');
  assert.is(maskDmy('0503'), '05/03');
  assert.ok(isIsoDay('2024-02-29'));
  assert.not.ok(isIsoDay('2025-02-29'));
});

test('reference data: 38 communes, Lai Châu groups first, old names only as aliases', () => {
  assert.is(communes.length, 38);
  assert.ok(communes.some((c) => c.name === 'Mường Tè'));
  const first13 = ethnicGroups.slice(0, 13);
  assert.ok(first13.every((g) => g.laiChau), 'the 13 community groups come first');
  assert.ok(ethnicGroups.slice(13).every((g) => !g.laiChau));
  assert.not.ok(ethnicGroups.some((g) => /Mèo/.test(g.name)), 'exonyms are never display names');
  assert.ok(ethnicGroups.find((g) => g.name === 'HMông')?.searchAliases?.includes('Mèo'));
});

test('reference files are stored in display order: the app does not sort them (no collator at start-up)', () => {
  const byName = (a: { name: string }, b: { name: string }) => vietnameseCollator.compare(a.name, b.name);
  const names = (list: ReadonlyArray<{ name: string }>) => list.map((e) => e.name);
  assert.equal(names(unitsJson.units), names([...unitsJson.units].sort(byName)), 'lai-chau-units.json: communes in Vietnamese order');
  const groups = ethnicGroupsJson as Array<{ name: string; laiChau?: boolean }>;
  const shown = [...groups].sort((a, b) => (a.laiChau === b.laiChau ? byName(a, b) : a.laiChau ? -1 : 1));
  assert.equal(names(groups), names(shown), 'ethnic-groups.json: Lai Châu groups first, each part in Vietnamese order');
});

test('sizes are written as Intl.NumberFormat("vi-VN") would, without making one', () => {
  const intl = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
  const values = [0, 0.04, 0.05, 0.95, 1, 1.05, 1.15, 1.25, 2.675, 999.95, 1023.95, 1023.99, 1234.5, 1234567.89, -1.25, -0.04];
  for (let i = 0; i < 20_000; i++) values.push(i / 20, (i * 7919) % 1_048_576 / 1024, (i * 104_729 + 0.37) / 3);
  for (const v of values) assert.is(formatDecimal1(v), intl.format(v), String(v));
  assert.is(formatBytes(1023), '1023 B');
  assert.is(formatBytes(1536), '1,5 KB');
  assert.is(formatBytes(1_048_524), '1.023,9 KB');
  assert.is(formatBytes(5 * 1024 ** 3), '5 GB');
});

test('shortened: one line, cut at a word before the limit, an ellipsis, no punctuation left hanging', () => {
  assert.is(shortened('  Cứu hai cháu\nnhỏ.  ', 20), 'Cứu hai cháu nhỏ.');
  const deed = 'Anh Thưởng chở 14 người dân qua suối, lúc nước lũ đang lên rất nhanh.';
  for (const max of [20, 30, 37, 40, 60]) {
    const out = shortened(deed, max);
    assert.ok(out.length <= max && out.endsWith('…'), `${max}: ${out}`);
    const kept = out.slice(0, -1);
    assert.ok(deed.startsWith(kept), `${max}: a start of the text`);
    assert.match(deed.slice(kept.length), /^[,.]* /, `${max}: cut before a space`);
    assert.not.match(kept, /[\s,.;:–-]$/);
  }
  assert.is(shortened('Anh Thưởng chở 14 người dân qua suối, lúc', 38), 'Anh Thưởng chở 14 người dân qua suối…');
  assert.is(shortened('x'.repeat(50), 10), `${'x'.repeat(9)}…`, 'one long word: cut inside it');
});

test.run();
