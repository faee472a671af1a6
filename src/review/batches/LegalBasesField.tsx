// The batch's legal bases ("Căn cứ …"), an editable list: edit each line, move it, remove it, add one. The
// server's messages land beside the line they are about ("legalBases.2").
import { useRef } from 'preact/hooks';
import { describedBy, FieldError } from '../../ui/fields';

interface Props { bases: readonly string[]; errors: Record<string, string>; onChange: (bases: string[]) => void }

export function LegalBasesField({ bases, errors, onChange }: Props) {
  const root = useRef<HTMLFieldSetElement>(null);
  const focusLine = (index: number) => requestAnimationFrame(() => root.current?.querySelector<HTMLElement>(`#basis-${index}`)?.focus());
  const replace = (index: number, value: string) => onChange(bases.map((b, i) => (i === index ? value : b)));
  const move = (index: number, delta: -1 | 1) => {
    const next = [...bases];
    const [line] = next.splice(index, 1);
    next.splice(index + delta, 0, line ?? '');
    onChange(next);
    focusLine(index + delta);
  };
  const remove = (index: number) => {
    onChange(bases.filter((_, i) => i !== index));
    focusLine(Math.max(0, index - 1));
  };
  const add = () => {
    onChange([...bases, '']);
    focusLine(bases.length);
  };
  const listError = errors.legalBases;

  return (
    <fieldset ref={root} class="review-batch-bases-edit" id="legalBases" tabIndex={-1} data-to-fix={listError ? true : undefined}
      aria-describedby={listError ? 'legalBases-error' : undefined}>
      <legend>Căn cứ pháp lý <span class="required" aria-hidden="true">*</span></legend>
      <ol>
        {bases.map((basis, index) => {
          const id = `basis-${index}`;
          const error = errors[`legalBases.${index}`];
          return (
            <li key={index}>
              <label for={id} class="visually-hidden">Căn cứ {index + 1}</label>
              <textarea id={id} rows={2} maxLength={500} value={basis} aria-invalid={error ? true : undefined}
                aria-describedby={describedBy(id, error)} onInput={(e) => replace(index, (e.currentTarget as HTMLTextAreaElement).value)} />
              <FieldError id={id} error={error} />
              <span class="review-inline-actions">
                <button type="button" class="button button--small" disabled={index === 0} aria-label={`Chuyển lên: căn cứ ${index + 1}`}
                  onClick={() => move(index, -1)}>Lên</button>
                <button type="button" class="button button--small" disabled={index === bases.length - 1}
                  aria-label={`Chuyển xuống: căn cứ ${index + 1}`} onClick={() => move(index, 1)}>Xuống</button>
                <button type="button" class="button button--small button--danger" aria-label={`Xoá căn cứ ${index + 1}`}
                  onClick={() => remove(index)}>Xoá</button>
              </span>
            </li>
          );
        })}
      </ol>
      <FieldError id="legalBases" error={listError} />
      <button type="button" class="button button--small" onClick={add}>Thêm căn cứ</button>
    </fieldset>
  );
}
