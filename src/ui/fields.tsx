// Labelled inputs: every control has a visible Vietnamese label tied to it, and its error message beside it
// (aria-invalid + aria-describedby), so a field worker and a screen reader both know what to fix.
import type { ComponentChildren } from 'preact';

interface FieldShell { id: string; label: string; error?: string; hint?: string; required?: boolean }

export function describedBy(id: string, error?: string, hint?: string): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

export function FieldFrame(props: FieldShell & { children: ComponentChildren }) {
  return (
    <div class={`field${props.error ? ' field--invalid' : ''}`}>
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

export interface Choice { value: string; label: string }

export function SelectField(props: FieldShell & { value: string | undefined; choices: readonly Choice[]; onChange: (value: string) => void }) {
  return (
    <FieldFrame {...props}>
      <select
        id={props.id}
        name={props.id}
        value={props.value ?? ''}
        aria-invalid={props.error ? true : undefined}
        aria-required={props.required ? true : undefined}
        aria-describedby={describedBy(props.id, props.error, props.hint)}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        <option value="">— Chọn —</option>
        {props.choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
      </select>
    </FieldFrame>
  );
}

export function RadioGroup(props: FieldShell & { value: string | undefined; choices: readonly Choice[]; onChange: (value: string) => void }) {
  return (
    <fieldset
      class={`field radio-group${props.error ? ' field--invalid' : ''}`}
      id={props.id}
      tabIndex={-1}
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
