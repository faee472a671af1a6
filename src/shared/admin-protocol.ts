// Managing accounts (administrators only): paths, answers, and the valibot schemas the server validates with and
// the admin screen checks before sending. The command line (npm run user) applies the same rules.
import * as v from 'valibot';
import { isCommuneCode } from './reference';
import { PROVINCE_AREA, ROLES, roleNames, type Role } from './sync-protocol';

export const adminApi = {
  users: (query = '') => `/api/admin/users${query ? `?${query}` : ''}`,
  user: (id: string) => `/api/admin/users/${encodeURIComponent(id)}`,
  password: (id: string) => `/api/admin/users/${encodeURIComponent(id)}/password`,
} as const;

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
export const MAX_DISPLAY_NAME_LENGTH = 100;

/** An account as the administrator sees it (never the password hash). */
export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  area: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/admin/users: sorted by username. */
export interface AdminUserList { users: AdminUser[] }
/** POST /api/admin/users (201), PATCH /api/admin/users/{id}, POST /api/admin/users/{id}/password. */
export interface AdminUserAnswer { user: AdminUser }

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export const userStatusNames: Record<UserStatus, string> = { active: 'Đang dùng', disabled: 'Đã khoá' };

export const isValidArea = (area: string): boolean => area === PROVINCE_AREA || isCommuneCode(area);

/** Province reviewers and administrators work on the whole province; reporters and commune reviewers in one commune. */
export const roleNeedsProvince = (role: Role): boolean => role === 'province-reviewer' || role === 'admin';

/**
 * Why this area does not suit this role, or null when it does. Checked after the schemas (a PATCH may change only
 * one of the two), and reported on the path `area`.
 */
export function areaProblem(role: Role, area: string): string | null {
  if (!isValidArea(area)) return 'Chọn một xã, phường của Lai Châu hoặc toàn tỉnh';
  if (roleNeedsProvince(role)) return area === PROVINCE_AREA ? null : `Vai trò ${roleNames[role]} cần địa bàn toàn tỉnh`;
  return area === PROVINCE_AREA ? `Vai trò ${roleNames[role]} cần địa bàn là một xã, phường` : null;
}

/** A password to hand over once: 16 characters, no look-alikes (0/O, 1/l/I). Web Crypto: browsers and Node alike. */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  while (out.length < 16) {
    for (const b of crypto.getRandomValues(new Uint8Array(32))) {
      if (b >= alphabet.length * 4) continue; // rejection sampling: no bias
      out += alphabet[b % alphabet.length];
      if (out.length === 16) break;
    }
  }
  return out;
}

const codePoints = (text: string): number => [...text.normalize('NFC')].length;

export const UsernameSchema = v.pipe(
  v.string('Nhập tên đăng nhập'), v.trim(), v.toLowerCase(), v.nonEmpty('Nhập tên đăng nhập'),
  v.regex(USERNAME_PATTERN, 'Tên đăng nhập: 3–32 ký tự a-z, 0-9, dấu chấm, gạch ngang, gạch dưới (không dấu, không cách)'),
);
export const DisplayNameSchema = v.pipe(
  v.string('Nhập họ tên'), v.trim(), v.nonEmpty('Nhập họ tên'),
  v.maxLength(MAX_DISPLAY_NAME_LENGTH, `Họ tên tối đa ${MAX_DISPLAY_NAME_LENGTH} ký tự`),
);
export const RoleSchema = v.picklist(ROLES, 'Chọn một vai trò');
export const AreaSchema = v.pipe(v.string('Chọn địa bàn'), v.check(isValidArea, 'Chọn một xã, phường của Lai Châu hoặc toàn tỉnh'));
export const PasswordSchema = v.pipe(
  v.string('Nhập mật khẩu'),
  v.check((p) => codePoints(p) >= MIN_PASSWORD_LENGTH, `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự`),
  v.check((p) => codePoints(p) <= MAX_PASSWORD_LENGTH, `Mật khẩu tối đa ${MAX_PASSWORD_LENGTH} ký tự`),
);

/** An account's details without the password (the command line asks for it separately); then areaProblem. */
export const UserDetailsSchema = v.strictObject({
  username: UsernameSchema, displayName: DisplayNameSchema, role: RoleSchema, area: AreaSchema,
});

/** POST /api/admin/users; then areaProblem. */
export const NewUserSchema = v.strictObject({ ...UserDetailsSchema.entries, password: PasswordSchema });
export type NewUserRequest = v.InferInput<typeof NewUserSchema>;

/** PATCH /api/admin/users/{id}: what changes. Role and area are checked together with the account's current ones. */
export const UserPatchSchema = v.pipe(
  v.strictObject({
    displayName: v.optional(DisplayNameSchema),
    role: v.optional(RoleSchema),
    area: v.optional(AreaSchema),
    disabled: v.optional(v.boolean('Trạng thái khoá phải là true hoặc false')),
  }),
  v.check((patch) => Object.values(patch).some((value) => value !== undefined), 'Không có thay đổi nào để lưu'),
);
export type UserPatch = v.InferInput<typeof UserPatchSchema>;

/** POST /api/admin/users/{id}/password: the new password; every session of that user ends. */
export const PasswordResetSchema = v.strictObject({ password: PasswordSchema });

/** GET /api/admin/users query (all optional): role, area, status, q (name or username, diacritics ignored). */
export const UserQuerySchema = v.strictObject({
  role: v.optional(RoleSchema),
  area: v.optional(AreaSchema),
  status: v.optional(v.picklist(USER_STATUSES, 'Trạng thái không hợp lệ')),
  q: v.optional(v.pipe(v.string(), v.maxLength(100, 'Từ khoá tối đa 100 ký tự'))),
});
export type UserQuery = v.InferOutput<typeof UserQuerySchema>;
