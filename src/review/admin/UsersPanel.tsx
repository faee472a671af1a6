// Accounts: filters, the table, and the forms to add an account or change one. After each action the list
// reloads (kept on screen meanwhile), the result is announced, and focus goes where the user will act next.
import { useRef, useState } from 'preact/hooks';
import { adminApi, USER_STATUSES, userStatusNames, type AdminUser, type AdminUserAnswer, type AdminUserList } from '../../shared/admin-protocol';
import { roleNames, type SessionUser } from '../../shared/sync-protocol';
import { choicesOf, SelectField } from '../../ui/fields';
import { messageOf, sendJson } from '../api';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useRemote } from '../ui/useRemote';
import { areaChoices, areaName, roleChoices } from './ui';
import { CreateUserForm, EditUser } from './UserForms';

interface Filters { role: string; area: string; status: string; q: string }
const NO_FILTERS: Filters = { role: '', area: '', status: '', q: '' };

const queryOf = (filters: Filters): string =>
  new URLSearchParams(Object.entries(filters).filter(([, value]) => value.trim() !== '')).toString();

const statusChoices = choicesOf(USER_STATUSES, userStatusNames);

function FilterBar({ filters, onApply }: { filters: Filters; onApply: (f: Filters) => void }) {
  const [draft, setDraft] = useState(filters);
  const set = (key: keyof Filters) => (value: string) => setDraft({ ...draft, [key]: value });
  return (
    <form class="section admin-filters" role="search" aria-label="Lọc tài khoản" onSubmit={(e) => { e.preventDefault(); onApply(draft); }}>
      <div class="admin-form__grid">
        <SelectField id="uf-role" label="Vai trò" emptyChoice="Tất cả" value={draft.role} choices={roleChoices} onChange={set('role')} />
        <SelectField id="uf-area" label="Địa bàn" emptyChoice="Tất cả" value={draft.area} choices={areaChoices} onChange={set('area')} />
        <SelectField id="uf-status" label="Trạng thái" emptyChoice="Tất cả" value={draft.status} choices={statusChoices} onChange={set('status')} />
        <div class="field">
          <label for="uf-q">Tên hoặc tên đăng nhập</label>
          <input id="uf-q" type="search" value={draft.q} onInput={(e) => set('q')((e.currentTarget as HTMLInputElement).value)} />
        </div>
      </div>
      <div class="form-actions">
        <button type="submit" class="button">Lọc</button>
      </div>
    </form>
  );
}

interface TableProps { users: readonly AdminUser[]; self: string; busy: string | null; onEdit: (u: AdminUser) => void; onToggle: (u: AdminUser) => void }

function UserTable({ users, self, busy, onEdit, onToggle }: TableProps) {
  return (
    <table class="review-table admin-table">
      <caption class="visually-hidden">Tài khoản, theo tên đăng nhập</caption>
      <thead>
        <tr>
          <th scope="col">Tên đăng nhập</th>
          <th scope="col">Họ tên</th>
          <th scope="col">Vai trò</th>
          <th scope="col">Địa bàn</th>
          <th scope="col">Trạng thái</th>
          <th scope="col">Thao tác</th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id} class={u.disabled ? 'admin-table__disabled' : undefined}>
            <th scope="row" data-label="Tên đăng nhập">{u.username}{u.id === self && ' (bạn)'}</th>
            <td data-label="Họ tên">{u.displayName}</td>
            <td data-label="Vai trò">{roleNames[u.role]}</td>
            <td data-label="Địa bàn">{areaName(u.area)}</td>
            <td data-label="Trạng thái">
              <span class={`badge ${u.disabled ? 'badge--parked' : 'badge--sent'}`}>{userStatusNames[u.disabled ? 'disabled' : 'active']}</span>
            </td>
            <td data-label="Thao tác">
              <div class="admin-inline-actions">
                <button type="button" class="button button--small" data-edit={u.id} aria-label={`Sửa tài khoản ${u.username}`} onClick={() => onEdit(u)}>
                  Sửa
                </button>
                {u.id !== self && (
                  // aria-disabled, not disabled: a disabled button drops the keyboard focus, which should stay here.
                  <button type="button" class={`button button--small${u.disabled ? '' : ' button--danger'}`} aria-disabled={busy === u.id || undefined}
                    aria-label={`${u.disabled ? 'Mở khoá' : 'Khoá'} tài khoản ${u.username}`} onClick={() => onToggle(u)}>
                    {u.disabled ? 'Mở khoá' : 'Khoá'}
                  </button>
                )}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function UsersPanel({ user }: { user: SessionUser }) {
  const [filters, setFilters] = useState(NO_FILTERS);
  const remote = useRemote<AdminUserList>(adminApi.users(queryOf(filters)));
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  const focusEditButton = (id: string) =>
    requestAnimationFrame(() => panel.current?.querySelector<HTMLElement>(`[data-edit="${CSS.escape(id)}"]`)?.focus());

  const toggle = async (u: AdminUser) => {
    if (busy) return;
    setBusy(u.id);
    try {
      await sendJson<AdminUserAnswer>('PATCH', adminApi.user(u.id), { disabled: !u.disabled });
      setNotice({ text: u.disabled
        ? `Đã mở khoá tài khoản ${u.username}.`
        : `Đã khoá tài khoản ${u.username}; mọi phiên đăng nhập của tài khoản này đã kết thúc.` });
      await remote.reload();
    } catch (error) {
      setNotice({ text: messageOf(error), error: true });
    }
    setBusy(null);
  };

  const users = remote.data?.users;
  return (
    <div ref={panel}>
      <div class="admin-live" role="status">
        {notice && !notice.error && <p class="notice notice--info">{notice.text}</p>}
      </div>
      {notice?.error && <p class="notice notice--error" role="alert">{notice.text}</p>}
      {creating ? (
        <CreateUserForm
          onCancel={() => { setCreating(false); requestAnimationFrame(() => addButton.current?.focus()); }}
          onCreated={(created) => {
            setCreating(false);
            setNotice({ text: `Đã tạo tài khoản ${created.username} (${roleNames[created.role]}, ${areaName(created.area)}).` });
            void remote.reload().then(() => focusEditButton(created.id));
          }}
        />
      ) : (
        <p><button ref={addButton} type="button" class="button button--primary" onClick={() => { setEditing(null); setCreating(true); }}>+ Thêm tài khoản</button></p>
      )}
      {editing && (
        <EditUser
          key={editing.id} user={editing} self={editing.id === user.id}
          onClose={() => { setEditing(null); focusEditButton(editing.id); }}
          onSaved={(saved, text) => { setEditing(saved); setNotice({ text }); void remote.reload(); }}
        />
      )}
      <FilterBar filters={filters} onApply={setFilters} />
      {remote.error !== undefined && <ErrorNotice error={remote.error} onRetry={() => void remote.reload()} />}
      {remote.loading && !users && <p role="status">Đang tải danh sách tài khoản…</p>}
      {users && users.length === 0 && <p class="empty">Không có tài khoản nào khớp bộ lọc.</p>}
      {users && users.length > 0 && (
        <UserTable users={users} self={user.id} busy={busy} onToggle={(u) => void toggle(u)}
          onEdit={(u) => { setCreating(false); setEditing(u); }} />
      )}
    </div>
  );
}
