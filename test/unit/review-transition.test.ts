// The reviewer's action form → the TransitionRequest the server accepts, or the messages shown before sending.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildTransition, type TransitionDraft } from '../../src/review/case/transition-request';
import { todayIso } from '../../src/shared/dates';
import type { ServerStatus } from '../../src/shared/sync-protocol';

const head = (status: ServerStatus) => ({ status, revision: 3, deedDate: '2026-07-14' });
const draft = (over: Partial<TransitionDraft> = {}): TransitionDraft => ({ comment: '', formId: '', decisionNumber: '', decisionDate: '', ...over });
const FORM = 'giay_khen_chu_tich_ubnd_xa';

test('returning or rejecting needs a comment (blank counts as none); the request carries from and revision', () => {
  assert.equal(buildTransition('returned', draft({ comment: '   ' }), head('received')), { errors: { comment: 'Nêu rõ nội dung cần bổ sung' } });
  assert.equal(buildTransition('rejected', draft(), head('appraising')), { errors: { comment: 'Nêu lý do không đủ điều kiện' } });
  assert.equal(buildTransition('returned', draft({ comment: ' Bổ sung ảnh ', formId: FORM }), head('received')), {
    request: { to: 'returned', from: 'received', revision: 3, comment: 'Bổ sung ảnh' },
  });
});

test('appraising sends no comment key when there is none', () => {
  assert.equal(buildTransition('appraising', draft(), head('received')), { request: { to: 'appraising', from: 'received', revision: 3 } });
});

test('proposing needs the form', () => {
  assert.equal(buildTransition('proposed', draft(), head('appraising')), { errors: { formId: 'Chọn hình thức khen thưởng đề nghị' } });
  assert.equal(buildTransition('proposed', draft({ formId: FORM }), head('appraising')), {
    request: { to: 'proposed', from: 'appraising', revision: 3, formId: FORM },
  });
});

test('recording a decision: number and a real, past day on or after the deed (the date field gives the ISO day, else the text typed)', () => {
  assert.equal(buildTransition('commended', draft({ formId: FORM }), head('proposed')), {
    errors: { decisionNumber: 'Nhập số quyết định khen thưởng', decisionDate: 'Nhập ngày quyết định khen thưởng' },
  });
  const dateError = (decisionDate: string) => {
    const built = buildTransition('commended', draft({ formId: FORM, decisionNumber: '125/QĐ-UBND', decisionDate }), head('proposed'));
    return 'errors' in built ? built.errors.decisionDate : undefined;
  };
  assert.is(dateError('31/02/2026'), 'Nhập ngày quyết định theo dạng dd/mm/yyyy');
  assert.is(dateError('01/08/26'), 'Nhập ngày quyết định theo dạng dd/mm/yyyy');
  assert.is(dateError('2026-07-13'), 'Ngày quyết định không thể trước ngày làm việc tốt');
  assert.is(dateError(todayIso(Date.now() + 3 * 86_400_000)), 'Ngày quyết định không thể ở tương lai');
  assert.equal(buildTransition('commended', draft({ formId: FORM, decisionNumber: ' 125/QĐ-UBND ', decisionDate: '2026-07-14' }), head('proposed')), {
    request: { to: 'commended', from: 'proposed', revision: 3, formId: FORM, decisionNumber: '125/QĐ-UBND', decisionDate: '2026-07-14' },
  });
});

test('taking a case off the bulletin (published → commended) needs a reason and sends no decision', () => {
  assert.equal(buildTransition('commended', draft(), head('published')), { errors: { comment: 'Ghi rõ ai báo rút đồng ý đăng tin, khi nào' } });
  assert.equal(buildTransition('commended', draft({ comment: 'Ông Sử báo ngày 20/11', formId: FORM }), head('published')), {
    request: { to: 'commended', from: 'published', revision: 3, comment: 'Ông Sử báo ngày 20/11' },
  });
});

test.run();
