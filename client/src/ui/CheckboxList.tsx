import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Fieldset } from './Field';

export interface Choice<T> {
  value: T;
  label: string;
  note?: string;
}

interface CheckboxListProps<T> {
  legend: string;
  choices: readonly Choice<T>[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
  error?: string | undefined;
  name?: string;
}

/** Many checkboxes with one "select all" on top, which shows a dash when only some are ticked. */
export function CheckboxList<T extends string | number>({ legend, choices, selected, onChange, error, name }: CheckboxListProps<T>) {
  const { t } = useTranslation();
  const chosen = new Set(selected);
  const all = choices.length > 0 && choices.every((choice) => chosen.has(choice.value));
  const some = choices.some((choice) => chosen.has(choice.value));
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = some && !all;
  }, [some, all]);

  const toggle = (value: T, on: boolean) =>
    onChange(choices.map((choice) => choice.value).filter((candidate) => (candidate === value ? on : chosen.has(candidate))));

  return (
    <Fieldset legend={legend} error={error}>
      <div className="checkbox-list">
        <label className="check check-all">
          <input ref={selectAll} type="checkbox" checked={all} onChange={(event) => onChange(event.target.checked ? choices.map((c) => c.value) : [])} />
          <span>{t('common.selectAll', { count: choices.length })}</span>
        </label>
        {choices.map((choice) => (
          <label className="check" key={choice.value}>
            <input
              type="checkbox"
              name={name}
              value={choice.value}
              checked={chosen.has(choice.value)}
              onChange={(event) => toggle(choice.value, event.target.checked)}
            />
            <span>
              {choice.label}
              {choice.note && <span className="check-note"> — {choice.note}</span>}
            </span>
          </label>
        ))}
      </div>
    </Fieldset>
  );
}
