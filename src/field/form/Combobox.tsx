// A searchable picker (ARIA 1.2 combobox + listbox) for long lists: communes and ethnic groups. Matching ignores
// diacritics ("muong te" finds "Mường Tè") and may use aliases that are never displayed (old names like "Mèo").
import { Fragment } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import { matchesQuery } from '../../shared/text';
import { describedBy, FieldFrame } from '../../ui/fields';

export interface ComboOption { value: string; label: string; aliases?: readonly string[]; group?: string }

interface Props {
  id: string; label: string; error?: string; hint?: string; required?: boolean;
  value: string | undefined;
  options: readonly ComboOption[];
  onChange: (value: string) => void;
  placeholder?: string;
}

export function Combobox(props: Props) {
  const selected = props.options.find((o) => o.value === props.value);
  const [query, setQuery] = useState<string | null>(null); // null: not typing, show the selected label
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const listId = `${props.id}-list`;

  // The options are drawn only while the list is open: closed, the form's two pickers would add some 95 hidden
  // elements to the form's first render and layout.
  const matches = useMemo(
    () => (open ? props.options.filter((o) => matchesQuery(query ?? '', o.label, ...(o.aliases ?? []))) : []),
    [props.options, query, open],
  );

  const choose = (option: ComboOption) => {
    props.onChange(option.value);
    setQuery(null);
    setOpen(false);
  };

  const move = (delta: number) => {
    setOpen(true);
    const next = Math.max(0, Math.min(matches.length - 1, active + delta));
    setActive(next);
    listRef.current?.querySelector(`#${listId}-${next}`)?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); move(open ? 1 : 0); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); move(-1); }
    else if (e.key === 'Enter' && open && matches[active]) { e.preventDefault(); choose(matches[active]); }
    else if (e.key === 'Escape') { setOpen(false); setQuery(null); }
  };

  let lastGroup: string | undefined;
  return (
    <FieldFrame {...props}>
      <div class="combobox">
        <input
          id={props.id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
          aria-invalid={props.error ? true : undefined}
          aria-required={props.required ? true : undefined}
          aria-describedby={describedBy(props.id, props.error, props.hint)}
          placeholder={props.placeholder ?? 'Gõ để tìm, không cần dấu'}
          value={query ?? selected?.label ?? ''}
          onInput={(e) => { setQuery((e.currentTarget as HTMLInputElement).value); setActive(0); setOpen(true); }}
          onFocus={() => setOpen(true)}
          onBlur={() => { setOpen(false); setQuery(null); }}
          onKeyDown={onKeyDown}
        />
        {/* Pressing in the list (an option, a group header, the scrollbar) never takes the focus from the input. */}
        <ul
          id={listId} ref={listRef} role="listbox" aria-label={props.label} class="combobox__list" hidden={!open}
          onMouseDown={(e) => e.preventDefault()}
        >
          {open && matches.length === 0 && <li class="combobox__empty" role="presentation">Không tìm thấy</li>}
          {matches.map((o, i) => {
            const header = query ? undefined : o.group !== lastGroup ? o.group : undefined;
            lastGroup = o.group;
            return (
              <Fragment key={o.value}>
                {header && <li class="combobox__group" role="presentation">{header}</li>}
                <li
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={o.value === props.value}
                  class={i === active ? 'is-active' : undefined}
                  onMouseDown={() => choose(o)}
                >
                  {o.label}
                </li>
              </Fragment>
            );
          })}
        </ul>
      </div>
    </FieldFrame>
  );
}
