import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CONSENT_CLOCK_SKEW_MS, validateForFinalise, type DraftFields } from '../../src/shared/case-schema';
import { emptyDraft } from '../../src/shared/case-limits';
import { completeDraft } from '../support/case-fixtures';


test('a complete individual case passes and is trimmed', () => {
  const r = validateForFinalise(completeDraft({ subjectName: '  Lò Thị Mai  ' }));
  assert.ok(r.ok);
  if (r.ok) assert.is(r.fields.subjectName, 'Lò Thị Mai');
});

test('an empty draft gets a Vietnamese message on every required field', () => {
  const r = validateForFinalise(emptyDraft());
  assert.not.ok(r.ok);
  if (r.ok) return;
  for (const key of ['subjectName', 'communeCode', 'village', 'deedDate', 'deedDescription', 'result', 'reporterName', 'consentAppraisal', 'birthYear', 'gender', 'ethnicityCode']) {
    assert.type(r.errors[key as keyof typeof r.errors], 'string', key);
  }
  assert.ok(Object.values(r.errors).every((m) => !/Invalid|Expected/.test(m!)), 'no English messages');
});

test('a group needs no birth year, gender or ethnicity', () => {
  const r = validateForFinalise(completeDraft({ subjectKind: 'tap-the', subjectName: 'Đoàn thanh niên bản Nà Ún', birthYear: undefined, gender: undefined, ethnicityCode: undefined }));
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
});

test('wrong values are refused with the field named', () => {
  const cases: Array<[Partial<DraftFields>, string]> = [
    [{ communeCode: '99999' }, 'communeCode'],
    [{ ethnicityCode: '77' }, 'ethnicityCode'],
    [{ deedDate: '2026-02-30' }, 'deedDate'],
    [{ deedDate: '2999-01-01' }, 'deedDate'],
    [{ birthYear: 1800 }, 'birthYear'],
    [{ deedDescription: 'ngắn' }, 'deedDescription'],
    [{ subjectName: 'x'.repeat(10_000) }, 'subjectName'],
    [{ reporterPhone: '12ab' }, 'reporterPhone'],
    [{ consentAppraisal: false }, 'consentAppraisal'],
    [{ consentAppraisal: false, consentAppraisalAt: null }, 'consentAppraisal'], // an unticked box is one thing to fix
  ];
  for (const [over, key] of cases) {
    const r = validateForFinalise(completeDraft(over));
    assert.not.ok(r.ok, key);
    if (!r.ok) assert.equal(Object.keys(r.errors), [key]);
  }
});

test('consent times: an instant with its zone, not ahead of the clock by more than the skew, present exactly with the consent', () => {
  const soon = new Date(Date.now() + CONSENT_CLOCK_SKEW_MS / 2).toISOString();
  for (const ok of [
    {}, { consentAppraisalAt: '2026-07-15T15:00:00+07:00' }, { consentAppraisalAt: soon },
    { consentPublication: true, consentPublicationAt: '2026-07-15T08:00:00.123Z' },
  ]) {
    const r = validateForFinalise(completeDraft(ok));
    assert.ok(r.ok, `${JSON.stringify(ok)}: ${JSON.stringify(!r.ok && r.errors)}`);
  }
  const later = new Date(Date.now() + 2 * CONSENT_CLOCK_SKEW_MS).toISOString();
  const refused: Array<[Partial<DraftFields>, string]> = [
    [{ consentAppraisalAt: null }, 'consentAppraisal'], // a missing time is said beside the box
    [{ consentAppraisalAt: '2026-07-15' }, 'consentAppraisalAt'],
    [{ consentAppraisalAt: '2026-07-15T08:00:00' }, 'consentAppraisalAt'],
    [{ consentAppraisalAt: '2026-02-30T08:00:00Z' }, 'consentAppraisalAt'],
    [{ consentAppraisalAt: 'hôm qua' }, 'consentAppraisalAt'],
    [{ consentAppraisalAt: later }, 'consentAppraisalAt'],
    [{ consentPublication: true, consentPublicationAt: null }, 'consentPublication'],
    [{ consentPublication: false, consentPublicationAt: '2026-07-15T08:00:00Z' }, 'consentPublication'],
    [{ consentPublication: true, consentPublicationAt: '2999-01-01T00:00:00Z' }, 'consentPublicationAt'],
  ];
  for (const [over, key] of refused) {
    const r = validateForFinalise(completeDraft(over));
    assert.not.ok(r.ok, JSON.stringify(over));
    if (!r.ok) {
      assert.equal(Object.keys(r.errors), [key], JSON.stringify(over));
      assert.not.match(r.errors[key as keyof typeof r.errors]!, /Invalid|Expected/);
    }
  }
});

test.run();
