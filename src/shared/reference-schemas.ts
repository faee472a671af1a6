// PUT /api/admin/reference/{list} as a valibot schema (the server validates with it; the admin screen may too).
import * as v from 'valibot';
import { FORM_LEVELS, LIST_ID, REFERENCE_LIMITS, type EditableListName } from './reference-protocol';

const entryId = v.pipe(
  v.string('Nhập mã'), v.nonEmpty('Nhập mã'),
  v.regex(LIST_ID, 'Mã gồm chữ thường không dấu, số, "-" hoặc "_", tối đa 64 ký tự'),
);
const entryName = v.pipe(
  v.string('Nhập tên'), v.transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim()),
  v.nonEmpty('Nhập tên'), v.maxLength(REFERENCE_LIMITS.name, `Tên tối đa ${REFERENCE_LIMITS.name} ký tự`),
);

/** Names compare without case and extra spaces: two entries a reporter cannot tell apart are refused. */
const nameKey = (name: string) => name.toLocaleLowerCase('vi');

type Entry = { id: string; name: string };

const LEVEL_MESSAGE = 'Chọn cấp khen thưởng (xã, tỉnh hoặc trung ương)';

/** The second entry with the same key is the one reported (its path: "<index>.<key>"). */
function uniqueBy<T extends Entry>(key: 'id' | 'name', of: (e: T) => string, message: (first: number) => string) {
  return v.rawCheck<T[]>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const seen = new Map<string, number>();
    dataset.value.forEach((entry, index) => {
      const k = of(entry);
      const first = seen.get(k);
      if (first === undefined) { seen.set(k, index); return; }
      addIssue({
        message: message(first),
        path: [
          { type: 'array', origin: 'value', input: dataset.value, key: index, value: entry },
          { type: 'object', origin: 'value', input: entry, key, value: entry[key] },
        ],
      });
    });
  });
}

/** The body for one list: its active entries, in order (see ReferenceEntryInput). */
export function referenceListSchema(list: EditableListName) {
  const forms = list === 'commendationForms';
  const entry = v.pipe(
    v.strictObject({
      id: entryId,
      name: entryName,
      level: forms ? v.optional(v.picklist(FORM_LEVELS, LEVEL_MESSAGE)) : v.optional(v.null('Chỉ hình thức khen thưởng mới có cấp')),
      priority: list === 'subjectCategories'
        ? v.optional(v.boolean('Ưu tiên phải là true hoặc false'))
        : v.optional(v.literal(false, 'Chỉ nhóm đối tượng mới đánh dấu ưu tiên')),
    }),
    // A missing key would only get valibot's generic message: the level is required here, with ours.
    v.rawCheck(({ dataset, addIssue }) => {
      if (!forms || !dataset.typed || dataset.value.level) return;
      addIssue({ message: LEVEL_MESSAGE, path: [{ type: 'object', origin: 'value', input: dataset.value, key: 'level', value: undefined }] });
    }),
  );
  return v.pipe(
    v.array(entry, 'Cần gửi danh sách các mục'),
    v.minLength(1, 'Danh sách cần ít nhất một mục đang dùng'),
    v.maxLength(REFERENCE_LIMITS.entries, `Danh sách tối đa ${REFERENCE_LIMITS.entries} mục`),
    uniqueBy('id', (e) => e.id, (first) => `Mã này trùng với mục thứ ${first + 1}`),
    uniqueBy('name', (e) => nameKey(e.name), (first) => `Tên này trùng với mục thứ ${first + 1}`),
  );
}

export type ReferenceListBody = v.InferOutput<ReturnType<typeof referenceListSchema>>;
