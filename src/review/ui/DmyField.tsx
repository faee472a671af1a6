// A day typed as dd/mm/yyyy (slashes inserted while typing), never the browser's locale-dependent date picker.
import { maskDmy } from '../../shared/dates';
import { FieldFrame } from '../../ui/fields';

interface Props { id: string; label: string; value: string; onInput: (text: string) => void; error?: string | undefined; required?: boolean }

export function DmyField(props: Props) {
  const described = [`${props.id}-hint`, props.error && `${props.id}-error`].filter(Boolean).join(' ');
  return (
    <FieldFrame id={props.id} label={props.label} hint="dd/mm/yyyy" error={props.error} required={props.required}>
      <input id={props.id} name={props.id} type="text" inputMode="numeric" autoComplete="off" maxLength={10}
        placeholder="dd/mm/yyyy" value={props.value}
        aria-invalid={props.error ? true : undefined} aria-required={props.required ? true : undefined} aria-describedby={described}
        onInput={(e) => props.onInput(maskDmy((e.currentTarget as HTMLInputElement).value))} />
    </FieldFrame>
  );
}
