// The reference lists an administrator edits without a release. Unsaved edits of each list are kept while
// switching between lists; saving one list sends it alone, then the lists are read again from the server.
import { useState } from 'preact/hooks';
import {
  EDITABLE_LISTS, editableListNames, referenceApi, type EditableListName, type ReferenceLists,
} from '../../shared/reference-protocol';
import { messageOf, sendJson } from '../api';
import { announceLists } from '../ui/lists';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useRemote } from '../ui/useRemote';
import { ListEditor } from './ListEditor';
import { bodyOf, draftOf, sameDraft, type Draft } from './list-draft';

export function ListsPanel() {
  const remote = useRemote<ReferenceLists>(referenceApi.lists);
  const [current, setCurrent] = useState<EditableListName>('movements');
  const [drafts, setDrafts] = useState<Partial<Record<EditableListName, Draft>>>({});
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const lists = remote.data?.lists;
  if (!lists) {
    return remote.error !== undefined
      ? <ErrorNotice error={remote.error} onRetry={() => void remote.reload()} />
      : <p role="status">Đang tải danh mục…</p>;
  }
  const saved = (list: EditableListName) => draftOf(lists[list]);
  const draftFor = (list: EditableListName) => drafts[list] ?? saved(list);
  const dirty = (list: EditableListName) => drafts[list] !== undefined && !sameDraft(list, drafts[list]!, saved(list));

  const save = async () => {
    const list = current;
    setBusy(true);
    try {
      announceLists(await sendJson<ReferenceLists>('PUT', referenceApi.list(list), bodyOf(list, draftFor(list))));
      await remote.reload();
      setDrafts((all) => ({ ...all, [list]: undefined }));
      setNotice({ text: `Đã lưu danh mục ${editableListNames[list].title}. Điện thoại nhận danh mục mới ở lần đồng bộ tiếp theo.` });
    } catch (error) {
      setNotice({ text: messageOf(error), error: true });
      throw error;
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div class="filters" role="group" aria-label="Chọn danh mục">
        {EDITABLE_LISTS.map((list) => (
          <button key={list} type="button" class="chip" aria-pressed={list === current}
            onClick={() => { setCurrent(list); setNotice(null); }}>
            {editableListNames[list].title}{dirty(list) ? ' (chưa lưu)' : ''}
          </button>
        ))}
      </div>
      <div class="admin-live" role="status">
        {notice && !notice.error && <p class="notice notice--info">{notice.text}</p>}
      </div>
      {notice?.error && <p class="notice notice--error" role="alert">{notice.text}</p>}
      <ListEditor
        key={current} list={current} draft={draftFor(current)} dirty={dirty(current)} busy={busy} onSave={save}
        onChange={(draft, announcement) => {
          setDrafts((all) => ({ ...all, [current]: draft }));
          setNotice(announcement ? { text: announcement } : null);
        }}
      />
    </div>
  );
}
