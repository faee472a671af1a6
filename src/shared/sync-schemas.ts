// The request bodies of the sync protocol as valibot schemas (the server validates with them).
import * as v from 'valibot';
import { CaseFieldsSchema } from './case-schema';

export const LoginRequestSchema = v.strictObject({
  username: v.pipe(v.string('Nhập tên đăng nhập'), v.trim(), v.nonEmpty('Nhập tên đăng nhập'), v.maxLength(64, 'Tên đăng nhập quá dài')),
  password: v.pipe(v.string('Nhập mật khẩu'), v.nonEmpty('Nhập mật khẩu'), v.maxLength(200, 'Mật khẩu quá dài')),
});

/** PUT /api/cases/{id}: the fields and the server revision the phone last saw (0 for a case never sent). */
export const CasePutSchema = v.strictObject({
  baseRevision: v.pipe(
    v.number('baseRevision phải là số'), v.integer('baseRevision phải là số nguyên'),
    v.minValue(0, 'baseRevision không được âm'), v.maxValue(2 ** 31 - 1, 'baseRevision quá lớn'),
  ),
  fields: CaseFieldsSchema,
});
