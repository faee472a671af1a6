// The lists editor's draft (src/review/admin/list-draft.ts): ids made from names, moves, retiring and
// restoring, and the body sent to PUT /api/admin/reference/{list}.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addEntry, bodyOf, draftOf, idFor, moveEntry, restoreEntry, retireEntry, sameDraft } from '../../src/review/admin/list-draft';
import { defaultLists } from '../../src/shared/reference';

test('an id is the folded name, shortened, and unique', () => {
  assert.is(idFor('Phong trào “Dân vận khéo” — Đợt 2', new Set()), 'phong-trao-dan-van-kheo-dot-2');
  assert.is(idFor('Khác', new Set(['khac', 'khac-2'])), 'khac-3');
  assert.is(idFor('!!!', new Set()), 'muc');
  const long = idFor('Thi đua lập thành tích chào mừng bầu cử đại biểu Quốc hội khóa XVI', new Set());
  assert.ok(long.length <= 48 && /^[a-z0-9-]+$/.test(long) && !long.endsWith('-'), long);
});

test('moves stop at the ends; retiring a saved entry keeps it apart, a new one is dropped; restoring appends', () => {
  const draft = draftOf([{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }, { id: 'old', name: 'Cũ', retired: true }]);
  assert.equal(draft.retired.map((e) => e.id), ['old']);
  assert.is(moveEntry(draft, 0, -1), draft);
  assert.equal(moveEntry(draft, 0, 1).active.map((e) => e.id), ['b', 'a']);
  const added = addEntry(draft, '  Mới  ', null, false);
  assert.equal(added.active.at(-1), { id: 'moi', name: 'Mới', level: null, priority: false, added: true });
  assert.equal(retireEntry(added, 2), draft, 'an unsaved entry is simply dropped');
  assert.equal(retireEntry(draft, 0).retired.map((e) => e.id), ['old', 'a']);
  assert.equal(restoreEntry(draft, 0).active.map((e) => e.id), ['a', 'b', 'old']);
});

test('the body carries only the keys its list takes, in order; an unchanged draft is not dirty', () => {
  const forms = draftOf(defaultLists.commendationForms);
  assert.equal(Object.keys(bodyOf('commendationForms', forms)[0]!), ['id', 'name', 'level']);
  const groups = draftOf(defaultLists.subjectCategories);
  assert.equal(Object.keys(bodyOf('subjectCategories', groups)[0]!), ['id', 'name', 'priority']);
  const movements = draftOf(defaultLists.movements);
  assert.equal(bodyOf('movements', movements).map((e) => e.id), defaultLists.movements.map((m) => m.id));
  assert.ok(sameDraft('movements', movements, draftOf(defaultLists.movements)));
  assert.not.ok(sameDraft('movements', movements, moveEntry(movements, 0, 1)));
});

test.run();
