// The case form's fields, grouped the way a reporter tells the story: who, what they did, what to propose.
import { CASE_LIMITS } from '../../shared/case-limits';
import type { FieldErrors } from '../../shared/case-schema';
import type { EditableFields } from '../../db/cases';
import {
  communes, ethnicGroups, genderNames, GENDERS, SUBJECT_KINDS, subjectKindNames,
  type EditableLists, type ListEntry, type SubjectKind,
} from '../../shared/reference';
import { useReferenceLists } from '../lists/useReferenceLists';
import { Combobox, type ComboOption } from './Combobox';
import { choicesOf, DateField, RadioGroup, SelectField, TextField, type Choice } from '../../ui/fields';

interface Props {
  fields: EditableFields;
  errors: FieldErrors;
  update: (patch: Partial<EditableFields>) => void;
  /** false: only the first section (who), the form's first step; the deed and the proposal follow. */
  all: boolean;
}

const communeOptions: ComboOption[] = communes.map((c) => ({ value: c.code, label: `${c.type === 'phường' ? 'Phường' : 'Xã'} ${c.name}`, aliases: [c.name] }));
const ethnicOptions: ComboOption[] = ethnicGroups.map((g) => ({
  value: g.code, label: g.name, aliases: g.searchAliases,
  group: g.laiChau ? 'Dân tộc sống thành cộng đồng ở Lai Châu' : 'Các dân tộc khác',
}));
/** Active entries, plus a retired one the case already holds (still shown, and still selected). */
const toChoices = (list: readonly ListEntry[], keep?: string): Choice[] =>
  list.filter((e) => !e.retired || e.id === keep).map((e) => ({ value: e.id, label: e.retired ? `${e.name} (ngừng sử dụng)` : e.name }));
const kindChoices = choicesOf(SUBJECT_KINDS, subjectKindNames);
const genderChoices = choicesOf(GENDERS, genderNames);

const nameLabel: Record<SubjectKind, string> = {
  'ca-nhan': 'Họ và tên', 'tap-the': 'Tên tập thể', 'ho-gia-dinh': 'Họ tên chủ hộ',
};

export function CaseFields({ fields: f, errors: e, update, all }: Props) {
  const kind = f.subjectKind ?? 'ca-nhan';
  const individual = kind === 'ca-nhan';
  const lists = useReferenceLists();
  return (
    <>
      <fieldset class="section">
        <legend>Người, tập thể được đề nghị</legend>
        <RadioGroup id="subjectKind" label="Đối tượng" required value={kind} choices={kindChoices} error={e.subjectKind}
          onChange={(subjectKind) => update({ subjectKind })} />
        <TextField id="subjectName" label={nameLabel[kind]} required value={f.subjectName} error={e.subjectName}
          maxLength={CASE_LIMITS.name} autoComplete="off" onInput={(v) => update({ subjectName: v })} />
        {individual && (
          <div class="row">
            <TextField id="birthYear" label="Năm sinh" required inputMode="numeric" maxLength={4} placeholder="1985"
              value={f.birthYear === undefined ? '' : String(f.birthYear)} error={e.birthYear}
              onInput={(v) => update({ birthYear: /^\d{1,4}$/.test(v) ? Number(v) : undefined })} />
            <RadioGroup id="gender" label="Giới tính" required value={f.gender} choices={genderChoices} error={e.gender}
              onChange={(gender) => update({ gender })} />
          </div>
        )}
        {kind !== 'tap-the' && (
          <Combobox id="ethnicityCode" label="Dân tộc" required={individual} value={f.ethnicityCode} options={ethnicOptions}
            error={e.ethnicityCode} hint="Chỉ dùng để thống kê, thẩm định; không bao giờ công bố."
            onChange={(v) => update({ ethnicityCode: v })} />
        )}
        <SelectField id="subjectCategoryId" label="Nhóm đối tượng" required value={f.subjectCategoryId} error={e.subjectCategoryId}
          choices={toChoices(lists.subjectCategories, f.subjectCategoryId)} onChange={(v) => update({ subjectCategoryId: v })} />
        <Combobox id="communeCode" label="Xã, phường" required value={f.communeCode} options={communeOptions} error={e.communeCode}
          onChange={(v) => update({ communeCode: v })} />
        <TextField id="village" label="Thôn, bản, tổ dân phố" required value={f.village} error={e.village}
          maxLength={CASE_LIMITS.village} onInput={(v) => update({ village: v })} />
        <TextField id="workplaceOrRole" label="Nơi làm việc, chức vụ (nếu có)" value={f.workplaceOrRole} error={e.workplaceOrRole}
          maxLength={CASE_LIMITS.role} onInput={(v) => update({ workplaceOrRole: v })} />
      </fieldset>
      {all && <DeedFields f={f} e={e} update={update} lists={lists} />}
    </>
  );
}

function DeedFields({ f, e, update, lists }: { f: EditableFields; e: FieldErrors; update: Props['update']; lists: EditableLists }) {
  return (
    <>
      <fieldset class="section">
        <legend>Việc tốt</legend>
        <SelectField id="movementId" label="Phong trào thi đua" required value={f.movementId} error={e.movementId}
          choices={toChoices(lists.movements, f.movementId)} onChange={(v) => update({ movementId: v })} />
        <SelectField id="fieldOfLifeId" label="Lĩnh vực" required value={f.fieldOfLifeId} error={e.fieldOfLifeId}
          choices={toChoices(lists.fieldsOfLife, f.fieldOfLifeId)} onChange={(v) => update({ fieldOfLifeId: v })} />
        <div class="row">
          <DateField id="deedDate" label="Ngày diễn ra" required value={f.deedDate} error={e.deedDate}
            onInput={(deedDate) => update({ deedDate })} />
          <TextField id="deedPlace" label="Nơi diễn ra" required value={f.deedPlace} error={e.deedPlace}
            maxLength={CASE_LIMITS.place} onInput={(v) => update({ deedPlace: v })} />
        </div>
        <TextField id="deedDescription" label="Việc đã làm" required multiline rows={5} value={f.deedDescription}
          error={e.deedDescription} maxLength={CASE_LIMITS.deed} hint="Kể rõ ai, làm gì, khi nào, trong hoàn cảnh nào."
          onInput={(v) => update({ deedDescription: v })} />
        <TextField id="result" label="Kết quả, tác dụng" required multiline rows={3} value={f.result} error={e.result}
          maxLength={CASE_LIMITS.result} onInput={(v) => update({ result: v })} />
      </fieldset>

      <fieldset class="section">
        <legend>Đề nghị khen thưởng</legend>
        <SelectField id="proposedFormId" label="Hình thức đề nghị" required value={f.proposedFormId} error={e.proposedFormId}
          choices={toChoices(lists.commendationForms, f.proposedFormId)} onChange={(v) => update({ proposedFormId: v })} />
        <SelectField id="awardTypeId" label="Loại hình khen thưởng" required value={f.awardTypeId} error={e.awardTypeId}
          choices={toChoices(lists.awardTypes, f.awardTypeId)} onChange={(v) => update({ awardTypeId: v })} />
      </fieldset>
    </>
  );
}
