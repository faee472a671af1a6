// The table's filters. Applied together by "Lọc" (one history entry per search, not one per keystroke); dates
// are typed dd/mm/yyyy and checked here, before anything is sent.
import { useMemo, useRef, useState } from 'preact/hooks';
import { SUBJECT_KINDS, subjectKindNames, type EditableLists, type ListEntry } from '../../shared/reference';
import { APPRAISAL_STATUSES, serverStatusNames, type SessionUser } from '../../shared/sync-protocol';
import { choicesOf, DateField, FieldFrame, SelectField, type Choice } from '../../ui/fields';
import { useDayRange } from '../ui/useDayRange';
import { useLists } from '../ui/lists';
import { communeChoices } from '../ui/format';
import type { FilterKey } from '../../shared/review-schemas';
import { choosesCommune, type Filters } from './query';

const entries = (list: readonly ListEntry[]): Choice[] =>
  list.map((e) => ({ value: e.id, label: e.retired ? `${e.name} (ngừng dùng)` : e.name }));

const choicesFrom = (lists: EditableLists) => ({
  status: choicesOf(APPRAISAL_STATUSES, serverStatusNames),
  commune: communeChoices,
  movement: entries(lists.movements),
  fieldOfLife: entries(lists.fieldsOfLife),
  category: entries(lists.subjectCategories),
  kind: choicesOf(SUBJECT_KINDS, subjectKindNames),
}) satisfies Partial<Record<FilterKey, Choice[]>>;

export function FilterForm({ user, filters, onApply }: { user: SessionUser; filters: Filters; onApply: (f: Filters) => void }) {
  const [draft, setDraft] = useState<Filters>(filters);
  const days = useDayRange(filters.from, filters.to);
  const form = useRef<HTMLFormElement>(null);
  const lists = useLists();
  const choices = useMemo(() => choicesFrom(lists), [lists]);
  const set = (key: FilterKey) => (value: string) => setDraft({ ...draft, [key]: value });
  const select = (key: keyof typeof choices, id: string, label: string) =>
    <SelectField id={id} label={label} emptyChoice="Tất cả" value={draft[key]} choices={choices[key]} onChange={set(key)} />;

  const submit = (event: Event) => {
    event.preventDefault();
    const range = days.read(form.current);
    if (range) onApply({ ...draft, from: range.from, to: range.to, q: draft.q?.trim() });
  };

  return (
    <form ref={form} class="section review-filters" role="search" aria-label="Lọc hồ sơ" noValidate onSubmit={submit}>
      <div class="review-filters__grid">
        {select('status', 'f-status', 'Trạng thái')}
        {choosesCommune(user) && select('commune', 'f-commune', 'Xã, phường')}
        {select('movement', 'f-movement', 'Phong trào')}
        {select('fieldOfLife', 'f-field', 'Lĩnh vực')}
        {select('category', 'f-category', 'Nhóm đối tượng')}
        {select('kind', 'f-kind', 'Loại đối tượng')}
        <DateField id="f-from" label="Làm việc tốt từ ngày" hint="dd/mm/yyyy" value={days.fromText} error={days.errors.from}
          onInput={days.setFrom} />
        <DateField id="f-to" label="Đến ngày" hint="dd/mm/yyyy" value={days.toText} error={days.errors.to}
          onInput={days.setTo} />
        <FieldFrame id="f-q" label="Tìm theo tên, nội dung" hint="Không cần gõ dấu">
          <input id="f-q" name="q" type="search" value={draft.q ?? ''} maxLength={200} aria-describedby="f-q-hint"
            onInput={(e) => set('q')((e.currentTarget as HTMLInputElement).value)} />
        </FieldFrame>
      </div>
      <div class="form-actions">
        <button type="submit" class="button button--primary">Lọc</button>
        <button type="button" class="button" onClick={() => onApply({})}>Xoá bộ lọc</button>
      </div>
    </form>
  );
}
