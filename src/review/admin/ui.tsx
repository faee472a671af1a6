// Small pieces the two administration panels share: field errors from a valibot schema, a password field that
// can make up a password, focus on mount, and the choices of role and area.
import { useEffect, useRef, useState } from 'preact/hooks';
import type * as v from 'valibot';
import { generatePassword } from '../../shared/admin-protocol';
import { areaLabel } from '../../shared/reference';
import { capitalised } from '../../shared/text';
import { communeChoices } from '../ui/format';
import { PROVINCE_AREA, ROLES, roleNames, type Role } from '../../shared/sync-protocol';
import { choicesOf, describedBy, FieldFrame, fieldErrors, type Choice } from '../../ui/fields';
import { schemaIssues } from '../ui/schema-issues';

export type Errors = Record<string, string>;

/** The first message for each field path ('' for the whole object), or {} when the input is valid. */
export function schemaErrors(schema: v.GenericSchema, input: unknown): Errors {
  return fieldErrors(schemaIssues(schema, input));
}

/** A ref whose element gets focus when it first renders (a heading given tabIndex -1). */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

export const roleChoices: Choice<Role>[] = choicesOf(ROLES, roleNames);
export const areaChoices: Choice[] = [
  { value: PROVINCE_AREA, label: 'Toàn tỉnh Lai Châu' },
  ...communeChoices,
];
export const areaName = (area: string): string => capitalised(areaLabel(area));

export function PasswordField(props: { id: string; label: string; value: string; error?: string | undefined; onInput: (value: string) => void }) {
  const [visible, setVisible] = useState(false);
  const hint = 'Ít nhất 10 ký tự. Chuyển mật khẩu cho người dùng qua kênh an toàn.';
  // Same element either way (Preact patches the type), so showing the password keeps the caret where it was.
  const input = {
    id: props.id, name: props.id, value: props.value, autoComplete: 'new-password',
    'aria-invalid': props.error ? true : undefined, 'aria-required': true, 'aria-describedby': describedBy(props.id, props.error, hint),
    onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value),
  } as const;
  return (
    <FieldFrame id={props.id} label={props.label} error={props.error} hint={hint} required>
      {visible ? <input type="text" {...input} /> : <input type="password" {...input} />}
      <span class="admin-inline-actions">
        <button type="button" class="button button--small" onClick={() => { props.onInput(generatePassword()); setVisible(true); }}>
          Tạo mật khẩu ngẫu nhiên
        </button>
        <button type="button" class="button button--small" aria-pressed={visible} onClick={() => setVisible(!visible)}>
          Hiện mật khẩu
        </button>
      </span>
    </FieldFrame>
  );
}
