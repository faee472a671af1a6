// Two consents, recorded separately and with the time they were given (a default or bundled consent is not
// valid under NĐ 356/2025), then who is reporting.
import { CASE_LIMITS } from '../../shared/case-limits';
import type { FieldErrors } from '../../shared/case-schema';
import type { EditableFields } from '../../db/cases';
import { CheckboxField, TextField } from '../../ui/fields';
import { consentNow } from '../../sync/server-clock';

interface Props { fields: EditableFields; errors: FieldErrors; update: (patch: Partial<EditableFields>) => void }

export function ConsentFields({ fields: f, errors: e, update }: Props) {
  // An instant (UTC, with its Z) when ticked, null when not: the shared schema requires exactly that. Never ahead
  // of the server's clock, which refuses a future consent (a fast phone clock would leave the case stuck).
  const stamp = (given: boolean) => (given ? new Date(consentNow()).toISOString() : null);
  // A time has no control of its own. The schema puts a missing one on its box; a malformed one (a case stored
  // before times were checked, sent back) keeps its own key and is shown beside the box too: re-ticking stamps anew.
  return (
    <>
      <fieldset class="section">
        <legend>Sự đồng ý của người được báo cáo</legend>
        <CheckboxField id="consentAppraisal" required checked={f.consentAppraisal} error={e.consentAppraisal ?? e.consentAppraisalAt}
          label="Đồng ý cho Hội đồng Thi đua – Khen thưởng dùng thông tin và ảnh này để xét khen thưởng"
          onChange={(c) => update({ consentAppraisal: c, consentAppraisalAt: stamp(c) })} />
        <CheckboxField id="consentPublication" checked={f.consentPublication} error={e.consentPublication ?? e.consentPublicationAt}
          label="Đồng ý cho đăng tin, ảnh trên báo, đài của tỉnh"
          hint="Không bắt buộc. Dân tộc, năm sinh và vị trí không bao giờ được đăng."
          onChange={(c) => update({ consentPublication: c, consentPublicationAt: stamp(c) })} />
      </fieldset>
      <fieldset class="section">
        <legend>Người báo cáo</legend>
        <TextField id="reporterName" label="Họ tên người báo cáo" required value={f.reporterName} error={e.reporterName}
          maxLength={CASE_LIMITS.reporter} autoComplete="name" onInput={(v) => update({ reporterName: v })} />
        <TextField id="reporterPhone" label="Số điện thoại" inputMode="tel" value={f.reporterPhone} error={e.reporterPhone}
          maxLength={13} autoComplete="tel" onInput={(v) => update({ reporterPhone: v })} />
      </fieldset>
    </>
  );
}
