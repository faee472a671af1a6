// Creating an account, and changing one (name, role, area; a new password). Each form checks its input with the
// shared schemas before sending, and shows the server's messages beside the fields when it still refuses.
import { useRef, useState } from 'preact/hooks';
import {
  adminApi, areaProblem, NewUserSchema, PasswordResetSchema, roleNeedsProvince, UserPatchSchema,
  type AdminUser, type AdminUserAnswer, type NewUserRequest,
} from '../../shared/admin-protocol';
import { PROVINCE_AREA, type Role } from '../../shared/sync-protocol';
import { fieldErrors, focusFirstInvalid, SelectField, TextField } from '../../ui/fields';
import { ReviewError, issuesOf, messageOf, postJson, sendJson } from '../api';
import { areaChoices, PasswordField, roleChoices, schemaErrors, useFocusOnMount, type Errors } from './ui';

/** The role as the form holds it: '' while none is chosen (the schemas say so before anything is sent). */
type RoleChoice = Role | '';
type NewUserValues = Omit<NewUserRequest, 'role'> & { role: RoleChoice };
interface UserValues { displayName: string; role: RoleChoice; area: string }

/** A role change moves the area along when the old one cannot suit the new role. */
function areaForRole(role: RoleChoice, area: string): string {
  if (role && roleNeedsProvince(role)) return PROVINCE_AREA;
  return area === PROVINCE_AREA ? '' : area;
}

/** Errors of the role and area taken together (once each is valid on its own). */
function withAreaProblem(errors: Errors, role: RoleChoice, area: string): Errors {
  if (errors.role || errors.area || !role || !area) return errors;
  const problem = areaProblem(role, area);
  return problem ? { ...errors, area: problem } : errors;
}

/** What a refused request means for the form: field messages (422, a taken username) or one message. */
function refusal(error: unknown, conflictField?: string): { fields: Errors; message: string } {
  const fields = fieldErrors(issuesOf(error));
  if (conflictField && error instanceof ReviewError && error.status === 409) fields[conflictField] = error.message;
  const message = fields[''] ?? (Object.keys(fields).length > 0 ? 'Chưa lưu: xem các mục cần sửa.' : messageOf(error));
  return { fields, message };
}

function FormError({ message }: { message: string }) {
  return message ? <p class="notice notice--error" role="alert">{message}</p> : null;
}

const EMPTY: NewUserValues = { username: '', displayName: '', role: 'reporter', area: '', password: '' };

export function CreateUserForm({ onCreated, onCancel }: { onCreated: (user: AdminUser) => void; onCancel: () => void }) {
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const set = (key: keyof NewUserValues) => (value: string) => setValues({ ...values, [key]: value });

  // Buttons are aria-disabled while a request runs (a disabled button would drop the keyboard focus).
  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found = withAreaProblem(schemaErrors(NewUserSchema, values), values.role, values.area);
    setErrors(found);
    setFailure('');
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    setBusy(true);
    try {
      const { user } = await postJson<AdminUserAnswer>(adminApi.users(), values);
      onCreated(user);
    } catch (error) {
      const { fields, message } = refusal(error, 'username');
      setErrors(fields);
      setFailure(message);
      focusFirstInvalid(form.current);
    }
    setBusy(false);
  };

  return (
    <form ref={form} class="section admin-form" aria-labelledby="new-user-title" noValidate onSubmit={submit}>
      <h2 id="new-user-title" ref={heading} tabIndex={-1}>Thêm tài khoản</h2>
      <div class="admin-form__grid">
        <TextField id="new-username" label="Tên đăng nhập" required value={values.username} onInput={set('username')} error={errors.username}
          hint="3–32 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới" autoComplete="off" />
        <TextField id="new-name" label="Họ tên" required value={values.displayName} onInput={set('displayName')} error={errors.displayName} />
        <SelectField id="new-role" label="Vai trò" required value={values.role} choices={roleChoices} error={errors.role}
          onChange={(role) => setValues({ ...values, role, area: areaForRole(role, values.area) })} />
        <SelectField id="new-area" label="Địa bàn" required value={values.area} choices={areaChoices} error={errors.area} onChange={set('area')}
          hint="Người báo cáo và thẩm định cấp xã: một xã, phường. Thẩm định cấp tỉnh và quản trị: toàn tỉnh." />
        <PasswordField id="new-password" label="Mật khẩu" value={values.password} onInput={set('password')} error={errors.password} />
      </div>
      <FormError message={failure} />
      <div class="form-actions">
        <button type="submit" class="button button--primary" aria-disabled={busy || undefined}>{busy ? 'Đang tạo…' : 'Tạo tài khoản'}</button>
        <button type="button" class="button" onClick={onCancel}>Huỷ</button>
      </div>
    </form>
  );
}

interface EditProps { user: AdminUser; self: boolean; onSaved: (user: AdminUser, note: string) => void; onClose: () => void }

export function EditUser({ user, self, onSaved, onClose }: EditProps) {
  const [values, setValues] = useState<UserValues>({ displayName: user.displayName, role: user.role, area: user.area });
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState('');
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string>();
  const [passwordFailure, setPasswordFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const passwordForm = useRef<HTMLFormElement>(null);
  const heading = useFocusOnMount<HTMLHeadingElement>();

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const patch: Partial<UserValues> = {};
    if (values.displayName.trim() !== user.displayName) patch.displayName = values.displayName;
    if (values.role !== user.role) patch.role = values.role;
    if (values.area !== user.area) patch.area = values.area;
    let found = schemaErrors(UserPatchSchema, patch);
    if (patch.role || patch.area) found = withAreaProblem(found, values.role, values.area);
    setErrors(found);
    setFailure(found[''] ?? '');
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    setBusy(true);
    try {
      const answer = await sendJson<AdminUserAnswer>('PATCH', adminApi.user(user.id), patch);
      const signedOut = patch.role || patch.area ? ` ${user.username} cần đăng nhập lại.` : '';
      onSaved(answer.user, `Đã lưu tài khoản ${user.username}.${signedOut}`);
    } catch (error) {
      const { fields, message } = refusal(error);
      setErrors(fields);
      setFailure(message);
      focusFirstInvalid(form.current);
    }
    setBusy(false);
  };

  const reset = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found = schemaErrors(PasswordResetSchema, { password });
    setPasswordError(found.password);
    setPasswordFailure('');
    if (found.password) return focusFirstInvalid(passwordForm.current);
    setBusy(true);
    try {
      const answer = await postJson<AdminUserAnswer>(adminApi.password(user.id), { password });
      setPassword('');
      onSaved(answer.user, `Đã đặt lại mật khẩu của ${user.username}; mọi phiên đăng nhập cũ đã kết thúc.`);
    } catch (error) {
      const { fields, message } = refusal(error);
      setPasswordError(fields.password);
      setPasswordFailure(message);
      focusFirstInvalid(passwordForm.current);
    }
    setBusy(false);
  };

  return (
    <section class="section admin-form" aria-labelledby="edit-user-title">
      <h2 id="edit-user-title" ref={heading} tabIndex={-1}>Sửa tài khoản {user.username}</h2>
      <form ref={form} noValidate onSubmit={save} aria-label={`Thông tin tài khoản ${user.username}`}>
        <div class="admin-form__grid">
          <TextField id="edit-name" label="Họ tên" required value={values.displayName} error={errors.displayName}
            onInput={(displayName) => setValues({ ...values, displayName })} />
          {self ? (
            <p class="hint">Vai trò: quản trị. Bạn không thể tự đổi vai trò của chính mình.</p>
          ) : (
            <SelectField id="edit-role" label="Vai trò" required value={values.role} choices={roleChoices} error={errors.role}
              onChange={(role) => setValues({ ...values, role, area: areaForRole(role, values.area) })} />
          )}
          <SelectField id="edit-area" label="Địa bàn" required value={values.area} choices={areaChoices} error={errors.area}
            onChange={(area) => setValues({ ...values, area })} hint="Đổi vai trò hoặc địa bàn sẽ đăng xuất người dùng này." />
        </div>
        <FormError message={failure} />
        <div class="form-actions">
          <button type="submit" class="button button--primary" aria-disabled={busy || undefined}>Lưu thay đổi</button>
          <button type="button" class="button" onClick={onClose}>Đóng</button>
        </div>
      </form>
      <form ref={passwordForm} class="admin-form__password" noValidate onSubmit={reset} aria-labelledby="reset-title">
        <h3 id="reset-title">Đặt lại mật khẩu</h3>
        <PasswordField id="reset-password" label="Mật khẩu mới" value={password} onInput={setPassword} error={passwordError} />
        <FormError message={passwordFailure} />
        <div class="form-actions">
          <button type="submit" class="button" aria-disabled={busy || undefined}>Đặt lại mật khẩu</button>
        </div>
      </form>
    </section>
  );
}
