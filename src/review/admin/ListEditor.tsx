// One reference list: rename entries, set a form's level or a group's priority, reorder, retire and restore, add;
// "Lưu danh mục" sends the active entries in order. Checked with the server's own schema before sending; the
// server's messages land beside the entry they are about ("2.name" → the third entry's name).
import { useRef, useState } from 'preact/hooks';
import { editableListNames, FORM_LEVELS, formLevelNames, type EditableListName, type FormLevel } from '../../shared/reference-protocol';
import { referenceListSchema } from '../../shared/reference-schemas';
import { CheckboxField, choicesOf, fieldErrors, focusFirstInvalid, Select, SelectField, TextField } from '../../ui/fields';
import { issuesOf } from '../api';
import { addEntry, bodyOf, changeEntry, moveEntry, restoreEntry, retireEntry, type Draft, type DraftEntry } from './list-draft';
import { schemaErrors, type Errors } from './ui';

const levelChoices = choicesOf(FORM_LEVELS, formLevelNames);

interface Props {
  list: EditableListName;
  draft: Draft;
  dirty: boolean;
  busy: boolean;
  onChange: (draft: Draft, announcement?: string) => void;
  onSave: () => Promise<unknown>;
}

function EntryRow(props: {
  list: EditableListName; entry: DraftEntry; index: number; count: number; errors: Errors;
  onChange: (change: Partial<DraftEntry>) => void; onMove: (delta: -1 | 1) => void; onRetire: () => void;
}) {
  const { list, entry, index, errors } = props;
  const id = `entry-${index}`;
  const nameError = errors[`${index}.name`] ?? errors[`${index}.id`];
  const levelError = errors[`${index}.level`];
  const label = entry.name || `mục ${index + 1}`;
  return (
    <tr data-entry={entry.id}>
      <td data-label="Thứ tự">{index + 1}</td>
      <td data-label="Tên">
        <label class="visually-hidden" for={`${id}-name`}>Tên mục {index + 1}</label>
        <input id={`${id}-name`} type="text" value={entry.name} maxLength={200}
          aria-invalid={nameError ? true : undefined} aria-describedby={nameError ? `${id}-name-error` : undefined}
          onInput={(e) => props.onChange({ name: (e.currentTarget as HTMLInputElement).value })} />
        {nameError && <p id={`${id}-name-error`} class="error">{nameError}</p>}
      </td>
      {list === 'commendationForms' && (
        <td data-label="Cấp">
          <Select ariaLabel={`Cấp khen thưởng của mục ${index + 1}`} value={entry.level ?? ''} choices={levelChoices}
            invalid={!!levelError} describedBy={levelError ? `${id}-level-error` : undefined}
            onChange={(level) => props.onChange({ level: level || null })} />
          {levelError && <p id={`${id}-level-error`} class="error">{levelError}</p>}
        </td>
      )}
      {list === 'subjectCategories' && (
        <td data-label="Ưu tiên">
          <input type="checkbox" id={`${id}-priority`} checked={entry.priority} aria-label={`Ưu tiên theo chỉ thị: mục ${index + 1}`}
            onChange={(e) => props.onChange({ priority: (e.currentTarget as HTMLInputElement).checked })} />
        </td>
      )}
      <td data-label="Mã"><code>{entry.id}</code>{entry.added && <span class="hint"> (mới, chưa lưu)</span>}</td>
      <td data-label="Thao tác">
        <div class="admin-inline-actions">
          <button type="button" class="button button--small" data-move={`${entry.id}:-1`} disabled={index === 0}
            aria-label={`Chuyển lên: ${label}`} onClick={() => props.onMove(-1)}>Lên</button>
          <button type="button" class="button button--small" data-move={`${entry.id}:1`} disabled={index === props.count - 1}
            aria-label={`Chuyển xuống: ${label}`} onClick={() => props.onMove(1)}>Xuống</button>
          <button type="button" class="button button--small button--danger" aria-label={`Ngừng dùng: ${label}`} onClick={props.onRetire}>
            Ngừng dùng
          </button>
        </div>
      </td>
    </tr>
  );
}

export function ListEditor({ list, draft, dirty, busy, onChange, onSave }: Props) {
  const names = editableListNames[list];
  const [errors, setErrors] = useState<Errors>({});
  const [newName, setNewName] = useState('');
  const [newLevel, setNewLevel] = useState<FormLevel | ''>('');
  const [newPriority, setNewPriority] = useState(false);
  const [addError, setAddError] = useState<{ name?: string; level?: string }>({});
  const root = useRef<HTMLElement>(null);
  const focus = (selector: string) => requestAnimationFrame(() => root.current?.querySelector<HTMLElement>(selector)?.focus());

  const move = (index: number, delta: -1 | 1) => {
    const entry = draft.active[index]!;
    onChange(moveEntry(draft, index, delta), `Đã chuyển "${entry.name}" ${delta < 0 ? 'lên' : 'xuống'} vị trí ${index + delta + 1}.`);
    setErrors({});
    // Keep the keyboard on the moved entry; at an end, on its other arrow.
    const at = index + delta;
    const edge = at === 0 || at === draft.active.length - 1;
    focus(`[data-move="${CSS.escape(`${entry.id}:${edge ? -delta : delta}`)}"]`);
  };

  const retire = (index: number) => {
    const entry = draft.active[index]!;
    onChange(retireEntry(draft, index), entry.added ? `Đã bỏ mục mới "${entry.name}".` : `"${entry.name}" chuyển sang ngừng dùng (lưu để áp dụng).`);
    setErrors({});
    const next = Math.min(index, draft.active.length - 2);
    focus(next >= 0 ? `#entry-${next}-name` : '#new-entry-name');
  };

  const restore = (index: number) => {
    const entry = draft.retired[index]!;
    onChange(restoreEntry(draft, index), `"${entry.name}" được dùng lại, ở cuối danh sách (lưu để áp dụng).`);
    setErrors({});
    focus(`#entry-${draft.active.length}-name`);
  };

  const add = (event: Event) => {
    event.preventDefault();
    const name = newName.replace(/\s+/g, ' ').trim();
    const found: { name?: string; level?: string } = {};
    if (!name) found.name = 'Nhập tên mục mới';
    else if ([...draft.active, ...draft.retired].some((e) => e.name.toLocaleLowerCase('vi') === name.toLocaleLowerCase('vi'))) {
      found.name = 'Đã có mục cùng tên (kể cả mục ngừng dùng: hãy dùng lại mục đó)';
    }
    if (list === 'commendationForms' && !newLevel) found.level = 'Chọn cấp khen thưởng';
    setAddError(found);
    if (found.name || found.level) return focus(found.name ? '#new-entry-name' : '#new-entry-level');
    onChange(addEntry(draft, name, newLevel || null, newPriority), `Đã thêm "${name}" ở cuối danh sách (lưu để áp dụng).`);
    setNewName('');
    setNewLevel('');
    setNewPriority(false);
    focus(`#entry-${draft.active.length}-name`);
  };

  // "Lưu danh mục" stays focusable (aria-disabled) so the keyboard is not thrown to the page top after saving.
  const save = async (event: Event) => {
    event.preventDefault();
    if (busy || !dirty) return;
    const found = schemaErrors(referenceListSchema(list), bodyOf(list, draft));
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(root.current);
    try {
      await onSave();
    } catch (error) {
      setErrors(fieldErrors(issuesOf(error)));
      focusFirstInvalid(root.current);
    }
  };

  return (
    <section ref={root} class="admin-list" aria-labelledby="list-title">
      <h2 id="list-title">{names.title}</h2>
      <p class="hint">Thứ tự dưới đây là thứ tự trong ô chọn trên điện thoại. Mục ngừng dùng không còn để chọn, nhưng hồ sơ cũ vẫn hiện đúng tên.</p>
      <form noValidate onSubmit={save} aria-label={`Các mục đang dùng của ${names.title}`}>
        <table class="review-table admin-table">
          <caption class="visually-hidden">{names.title}: các mục đang dùng, theo thứ tự</caption>
          <thead>
            <tr>
              <th scope="col">Thứ tự</th>
              <th scope="col" class="admin-table__wide">Tên</th>
              {list === 'commendationForms' && <th scope="col">Cấp</th>}
              {list === 'subjectCategories' && <th scope="col">Ưu tiên</th>}
              <th scope="col">Mã</th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {draft.active.map((entry, index) => (
              <EntryRow key={entry.id} list={list} entry={entry} index={index} count={draft.active.length} errors={errors}
                onChange={(change) => onChange(changeEntry(draft, index, change))}
                onMove={(delta) => move(index, delta)} onRetire={() => retire(index)} />
            ))}
          </tbody>
        </table>
        {errors[''] && <p id="list-save-error" class="error" role="alert" tabIndex={-1} data-to-fix>{errors['']}</p>}
        <div class="form-actions">
          <button type="submit" class="button button--primary" aria-disabled={busy || !dirty || undefined}>{busy ? 'Đang lưu…' : 'Lưu danh mục'}</button>
          {dirty && <span class="admin-unsaved">Có thay đổi chưa lưu</span>}
        </div>
      </form>

      <form class="section admin-form" noValidate onSubmit={add} aria-labelledby="new-entry-title">
        <h3 id="new-entry-title">Thêm mục</h3>
        <div class="admin-form__grid">
          <TextField id="new-entry-name" label={`Tên ${names.entry.toLocaleLowerCase('vi')} mới`} value={newName} onInput={setNewName}
            error={addError.name} hint="Mã được tạo từ tên (không dấu)." />
          {list === 'commendationForms' && (
            <SelectField id="new-entry-level" label="Cấp khen thưởng" value={newLevel} choices={levelChoices} onChange={setNewLevel} error={addError.level} />
          )}
          {list === 'subjectCategories' && (
            <CheckboxField id="new-entry-priority" label="Ưu tiên theo chỉ thị" checked={newPriority} onChange={setNewPriority} />
          )}
        </div>
        <div class="form-actions"><button type="submit" class="button">Thêm vào danh sách</button></div>
      </form>

      <h3>Ngừng dùng ({draft.retired.length})</h3>
      {draft.retired.length === 0 ? <p class="hint">Không có mục nào ngừng dùng.</p> : (
        <ul class="admin-retired">
          {draft.retired.map((entry, index) => (
            <li key={entry.id}>
              <span>{entry.name} <code>{entry.id}</code></span>
              <button type="button" class="button button--small" aria-label={`Dùng lại: ${entry.name}`} onClick={() => restore(index)}>Dùng lại</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
