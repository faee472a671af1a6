// The report's period (a quick choice, or two days typed dd/mm/yyyy) and, for province accounts, the commune.
import { useEffect, useRef, useState } from 'preact/hooks';
import { periodProblem } from '../../shared/dashboard-protocol';
import { readDayRange, type TypedDayRange } from '../../shared/dates';
import { communeChoices } from '../ui/format';
import { useDayRange } from '../ui/useDayRange';
import { DateField, SelectField } from '../../ui/fields';
import { presets, type Selection } from './periods';

function check(fromText: string, toText: string): TypedDayRange {
  const days = readDayRange(fromText, toText, { from: 'Nhập ngày bắt đầu', to: 'Nhập ngày kết thúc' });
  const errors = { ...days.errors };
  if (days.from && days.to && !errors.to) errors.to = periodProblem(days.from, days.to);
  return { from: days.from, to: days.to, errors };
}

interface Props { selection: Selection; choosesCommune: boolean; onApply: (s: Selection) => void }

export function PeriodForm({ selection, choosesCommune, onApply }: Props) {
  const period = useDayRange(selection.from, selection.to, check);
  const [commune, setCommune] = useState(selection.commune);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    period.reset(selection.from, selection.to);
    setCommune(selection.commune);
  }, [selection.from, selection.to, selection.commune]);

  const submit = (event: Event) => {
    event.preventDefault();
    const days = period.read(form.current);
    // check() requires both days: a range without messages has them.
    if (days) onApply({ from: days.from!, to: days.to!, commune });
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
        <DateField id="d-from" label="Từ ngày" hint="dd/mm/yyyy" required value={period.fromText} error={period.errors.from}
          onInput={period.setFrom} />
        <DateField id="d-to" label="Đến ngày" hint="dd/mm/yyyy" required value={period.toText} error={period.errors.to}
          onInput={period.setTo} />
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
