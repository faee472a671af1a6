// The report's period (a quick choice, or two days typed dd/mm/yyyy) and, for province accounts, the commune.
import { useEffect, useRef, useState } from 'preact/hooks';
import { periodProblem } from '../../shared/dashboard-protocol';
import { formatDmy, readDayRange } from '../../shared/dates';
import { communeChoices } from '../ui/format';
import { DateField, focusFirstInvalid, SelectField } from '../../ui/fields';
import { presets, type Selection } from './periods';

interface Errors { from?: string | undefined; to?: string | undefined }

function check(fromText: string, toText: string): { from: string | undefined; to: string | undefined; errors: Errors } {
  const days = readDayRange(fromText, toText, { from: 'Nhập ngày bắt đầu', to: 'Nhập ngày kết thúc' });
  const errors: Errors = { ...days.errors };
  if (days.from && days.to && !errors.to) errors.to = periodProblem(days.from, days.to);
  return { from: days.from, to: days.to, errors };
}

interface Props { selection: Selection; choosesCommune: boolean; onApply: (s: Selection) => void }

export function PeriodForm({ selection, choosesCommune, onApply }: Props) {
  const [fromText, setFromText] = useState(formatDmy(selection.from));
  const [toText, setToText] = useState(formatDmy(selection.to));
  const [commune, setCommune] = useState(selection.commune);
  const [errors, setErrors] = useState<Errors>({});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    setFromText(formatDmy(selection.from));
    setToText(formatDmy(selection.to));
    setCommune(selection.commune);
    setErrors({});
  }, [selection.from, selection.to, selection.commune]);

  const submit = (event: Event) => {
    event.preventDefault();
    const days = check(fromText, toText);
    setErrors(days.errors);
    if (days.errors.from || days.errors.to) {
      focusFirstInvalid(form.current);
      return;
    }
    onApply({ from: days.from!, to: days.to!, commune });
  };

  return (
    <form ref={form} class="section dash-period no-print" aria-label="Chọn kỳ báo cáo" noValidate onSubmit={submit}>
      <fieldset class="dash-presets">
        <legend>Kỳ báo cáo</legend>
        {presets().map((p) => {
          const current = p.period.from === selection.from && p.period.to === selection.to;
          return (
            <button key={p.id} type="button" class="chip" aria-pressed={current}
              onClick={() => onApply({ ...p.period, commune })}>{p.label}</button>
          );
        })}
      </fieldset>
      <div class="dash-period__grid">
        <DateField id="d-from" label="Từ ngày" hint="dd/mm/yyyy" required value={fromText} error={errors.from}
          onInput={(day) => setFromText(formatDmy(day))} />
        <DateField id="d-to" label="Đến ngày" hint="dd/mm/yyyy" required value={toText} error={errors.to}
          onInput={(day) => setToText(formatDmy(day))} />
        {choosesCommune && (
          <SelectField id="d-commune" label="Xã, phường" emptyChoice="Toàn tỉnh" value={commune} choices={communeChoices} onChange={setCommune} />
        )}
      </div>
      <div class="form-actions">
        <button type="submit" class="button button--primary">Xem báo cáo</button>
      </div>
    </form>
  );
}
