// The list's search: accent-insensitive over name, commune, village and deed, and the typing shortcut (searching
// the last result when the query only grew) gives exactly what a full search gives.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LocalCase } from '../../src/db/database';
import { searchCases, typingSearch } from '../../src/field/screens/case-search';
import { completeDraft } from '../support/case-fixtures';

const names = ['Vàng A Sử', 'Lò Thị Mai', 'Giàng Seo Pằng', 'Đèo Văn Dũng', 'Lường Thị Muôn', 'Tao Mí Mường'];
const cases: LocalCase[] = names.map((subjectName, i) => ({
  id: `c${i}`, status: i % 2 ? 'queued' : 'draft', createdAt: i, updatedAt: i, blobHashes: [],
  fields: completeDraft({ subjectName, village: i === 3 ? 'Bản Mường Tè' : `Bản ${i}`, deedDescription: i === 4 ? 'Hiến đất làm đường' : 'Cứu người' }),
}) as LocalCase);
const ids = (list: LocalCase[]) => list.map((c) => c.id);
const all = () => true;

test('searchCases ignores accents and case, needs every word, and keeps the given order', () => {
  assert.equal(ids(searchCases(cases, 'muong te')), ['c3']);
  assert.equal(ids(searchCases(cases, 'DEO dung')), ['c3']);
  assert.equal(ids(searchCases(cases, 'duong')), ['c4'], 'the deed is searched');
  assert.equal(ids(searchCases([...cases].reverse(), 'thi')), ['c4', 'c1']);
  assert.equal(ids(searchCases(cases, '  ')), ids(cases), 'an empty query keeps every case');
  assert.equal(ids(searchCases(cases, 'thi', (c) => c.status === 'queued')), ['c1'], 'the status filter applies too');
  assert.equal(ids(searchCases(cases, 'kim')), ids(cases), 'the commune is searched by its name');
});

test('typing, deleting, changing the filter or the cases: the typing search always equals a full search', () => {
  const search = typingSearch();
  const queued = (c: LocalCase) => c.status === 'queued';
  let list = cases;
  const steps: Array<[string, string]> = [['m', 'all'], ['mu', 'all'], ['muo', 'all'], ['muon', 'all'], ['muong', 'all'], ['muong ', 'all'], ['muong t', 'all'],
    ['muong', 'all'], ['mu', 'queued'], ['mươ', 'queued'], ['', 'all'], ['thi', 'all'], ['thi m', 'all']];
  for (const [i, [query, filter]] of steps.entries()) {
    if (i === 12) list = [...cases, { ...cases[1]!, id: 'c9', fields: { ...cases[1]!.fields, subjectName: 'Lò Thị Mẩy' } }];
    const keep = filter === 'queued' ? queued : all;
    const found = search(list, query, filter, filter === 'queued' ? queued : undefined);
    assert.equal(ids(found.slice(0, found.length)), ids(searchCases(list, query, keep)), `"${query}" (${filter})`);
    assert.equal(ids(found.slice(0, 2)), ids(searchCases(list, query, keep).slice(0, 2)), `"${query}" (${filter}): the first two`);
  }
});

test.run();
