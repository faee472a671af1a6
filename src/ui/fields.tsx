// Labelled inputs: every control has a visible Vietnamese label tied to it, and its error message beside it
// (aria-invalid + aria-describedby), so a field worker and a screen reader both know what to fix.
import type { ComponentChildren } from 'preact';
import { formatDmy, maskDmy, parseDmy } from '../shared/dates';

interface FieldShell {
  id: string; label: string; error?: string | undefined; hint?: string | undefined; required?: boolean;
  /** Added to the field's box ("field--narrow"). */
  class?: string;
}

export function describedBy(id: string, error?: string, hint?: string): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

export function FieldFrame(props: FieldShell & { children: ComponentChildren }) {
  return (
    <div class={['field', props.class, props.error && 'field--invalid'].filter(Boolean).join(' ')}>
      <label for={props.id}>
        {props.label}
        {props.required && <span class="required" aria-hidden="true"> *</span>}
      </label>
      {props.hint && <p id={`${props.id}-hint`} class="hint">{props.hint}</p>}
      {props.children}
      <FieldError id={props.id} error={props.error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? <p id={`${id}-error`} class="error" role="alert">{error}</p> : null;
}

type TextProps = FieldShell & {
  value: string | undefined;
  onInput: (value: string) => void;
  maxLength?: number;
  inputMode?: 'text' | 'numeric' | 'tel';
  autoComplete?: string;
  placeholder?: string;
  multiline?: boolean;
  rows?: number;
};

export function TextField(props: TextProps) {
  const common = {
    id: props.id,
    name: props.id,
    value: props.value ?? '',
    maxLength: props.maxLength,
    'aria-invalid': props.error ? true : undefined,
    'aria-required': props.required ? true : undefined,
    'aria-describedby': describedBy(props.id, props.error, props.hint),
    onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <FieldFrame {...props}>
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 4} />
      ) : (
        <input {...common} type="text" inputMode={props.inputMode} autoComplete={props.autoComplete ?? 'off'} placeholder={props.placeholder} />
      )}
    </FieldFrame>
  );
}

/**
 * A day typed as dd/mm/yyyy (slashes inserted while typing), never the browser's locale-dependent date picker.
 * The value is the ISO day (yyyy-mm-dd) once the text is a real day, else the text as typed: a half-typed or
 * impossible day stays on screen, for its error message. A form that checks the typed text on submit keeps
 * formatDmy(value).
 */
export function DateField(props: FieldShell & { value: string | undefined; onInput: (value: string) => void }) {
  return (
    <TextField {...props} inputMode="numeric" maxLength={10} placeholder="dd/mm/yyyy" value={props.value && formatDmy(props.value)}
      onInput={(typed) => { const masked = maskDmy(typed); props.onInput(parseDmy(masked) ?? masked); }} />
  );
}

export interface Choice<T extends string = string> { value: T; label: string }

/** Choices from a fixed list of values and their Vietnamese names (roles, statuses, kinds…). */
export const choicesOf = <T extends string>(values: readonly T[], names: Readonly<Record<T, string>>): Choice<T>[] =>
  values.map((value) => ({ value, label: names[value] }));

/**
 * `emptyChoice` labels a first option with the value '' ("— Chọn —" unless given: "Tất cả" for a filter); null
 * leaves it out, and then a value is always chosen.
 */
type Selection<T extends string> =
  | { emptyChoice: null; value: T; onChange: (value: T) => void }
  | { emptyChoice?: string; value: T | '' | undefined; onChange: (value: T | '') => void };

type SelectProps<T extends string> = Selection<T> & {
  choices: readonly Choice<T>[];
  id?: string;
  /** The accessible name when no visible label is tied to the select (a table cell's control). */
  ariaLabel?: string;
  invalid?: boolean;
  required?: boolean;
  describedBy?: string | undefined;
};

/** A bare <select>; SelectField is the same with its label, hint and error. */
export function Select<T extends string>(props: SelectProps<T>) {
  return (
    <select
      id={props.id}
      name={props.id}
      value={props.value ?? ''}
      aria-label={props.ariaLabel}
      aria-invalid={props.invalid ? true : undefined}
      aria-required={props.required ? true : undefined}
      aria-describedby={props.describedBy}
      // The options' values are the choices' (T) and '' for the empty one: what onChange's type says.
      onChange={(e) => (props.onChange as (value: string) => void)((e.currentTarget as HTMLSelectElement).value)}
    >
      {props.emptyChoice !== null && <option value="">{props.emptyChoice ?? '— Chọn —'}</option>}
      {props.choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
    </select>
  );
}

export function SelectField<T extends string>(props: FieldShell & Selection<T> & { choices: readonly Choice<T>[] }) {
  return (
    <FieldFrame {...props}>
      <Select {...props} invalid={!!props.error} describedBy={describedBy(props.id, props.error, props.hint)} />
    </FieldFrame>
  );
}

export function RadioGroup<T extends string>(props: FieldShell & { value: T | undefined; choices: readonly Choice<T>[]; onChange: (value: T) => void }) {
  return (
    <fieldset
      class={`field radio-group${props.error ? ' field--invalid' : ''}`}
      id={props.id}
      tabIndex={-1}
      data-to-fix={props.error ? true : undefined}
      aria-describedby={describedBy(props.id, props.error, props.hint)}
    >
      <legend>
        {props.label}
        {props.required && <span class="required" aria-hidden="true"> *</span>}
      </legend>
      <div class="radio-row">
        {props.choices.map((c) => (
          <label key={c.value} class="radio">
            <input type="radio" name={props.id} value={c.value} checked={props.value === c.value} onChange={() => props.onChange(c.value)} />
            {c.label}
          </label>
        ))}
      </div>
      <FieldError id={props.id} error={props.error} />
    </fieldset>
  );
}

export function CheckboxField(props: FieldShell & { checked: boolean; onChange: (checked: boolean) => void; children?: ComponentChildren }) {
  return (
    <div class={`field checkbox${props.error ? ' field--invalid' : ''}`}>
      <input
        type="checkbox"
        id={props.id}
        name={props.id}
        checked={props.checked}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.id, props.error, props.hint)}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={props.id}>{props.label}</label>
      {props.hint && <p id={`${props.id}-hint`} class="hint">{props.hint}</p>}
      <FieldError id={props.id} error={props.error} />
    </div>
  );
}

/** Field messages from a list of issues (a 422's, or a schema's): the first message for each path. */
export function fieldErrors(issues: Iterable<{ path: string; message: string }>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path] ??= issue.message;
  return errors;
}

/** A field to fix: an invalid control, or a group or message that takes the focus for it (tabIndex -1). */
const TO_FIX = '[aria-invalid="true"], [data-to-fix]';

/** After a refused submit: the first field to fix inside `root` gets the focus (once the messages rendered). */
export function focusFirstInvalid(root: HTMLElement | null): void {
  requestAnimationFrame(() => root?.querySelector<HTMLElement>(TO_FIX)?.focus());
}
