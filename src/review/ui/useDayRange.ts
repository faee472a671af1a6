// Two days a reviewer types dd/mm/yyyy (a filter's or a report's period): their text, their messages, and on
// submit the checked range — or the messages shown and the first field to fix focused.
import { useState } from 'preact/hooks';
import { formatDmy, readDayRange, type TypedDayRange } from '../../shared/dates';
import { focusFirstInvalid } from '../../ui/fields';

type Check = (fromText: string, toText: string) => TypedDayRange;

export function useDayRange(from: string | undefined, to: string | undefined, check: Check = readDayRange) {
  const [fromText, setFromText] = useState(from ? formatDmy(from) : '');
  const [toText, setToText] = useState(to ? formatDmy(to) : '');
  const [errors, setErrors] = useState<TypedDayRange['errors']>({});
  return {
    fromText, toText, errors,
    /** DateField's onInput gives the ISO day once the text is one, else the text: both show as typed. */
    setFrom: (day: string) => setFromText(formatDmy(day)),
    setTo: (day: string) => setToText(formatDmy(day)),
    /** Shows another period (chosen elsewhere), without messages. */
    reset(nextFrom: string | undefined, nextTo: string | undefined) {
      setFromText(nextFrom ? formatDmy(nextFrom) : '');
      setToText(nextTo ? formatDmy(nextTo) : '');
      setErrors({});
    },
    /** The range to apply, or undefined once the messages are shown and the first field to fix has the focus. */
    read(form: HTMLFormElement | null): TypedDayRange | undefined {
      const days = check(fromText, toText);
      setErrors(days.errors);
      if (!days.errors.from && !days.errors.to) return days;
      focusFirstInvalid(form);
      return undefined;
    },
  };
}
