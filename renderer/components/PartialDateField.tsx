// Edits a partial date at the precision the user knows: unknown, a year, a month, a day, or a month and day
// without a year ("16 December"), optionally circa. The value is the stored form (`2024-11-08`, `--12-16`,
// `~1996`); the editor never fills in parts the user did not give.
import { useId, useState } from 'react';
import {
  Checkbox,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Button,
  TextField,
} from 'react-aria-components';
import { composePartialDate, MONTH_NAMES, parsePartialDate, type DatePrecision } from '../../shared/dates';

type Precision = DatePrecision | 'unknown';

const PRECISIONS: { id: Precision; label: string }[] = [
  { id: 'unknown', label: 'Not known' },
  { id: 'year', label: 'Year' },
  { id: 'month', label: 'Month and year' },
  { id: 'day', label: 'Day' },
  { id: 'month-day', label: 'Day and month, year unknown' },
];

interface Draft {
  precision: Precision;
  year: string;
  month: string;
  day: string;
  circa: boolean;
}

function draftOf(value: string | null): Draft {
  const parts = value ? parsePartialDate(value) : null;
  if (!parts) return { precision: 'unknown', year: '', month: '', day: '', circa: false };
  return {
    precision: parts.precision,
    year: parts.year === null ? '' : String(parts.year),
    month: parts.month === null ? '' : String(parts.month),
    day: parts.day === null ? '' : String(parts.day),
    circa: parts.circa,
  };
}

/** The stored value for a draft, or the reason it is not a date yet. */
export function valueOfDraft(draft: Draft): { value: string | null } | { error: string } {
  if (draft.precision === 'unknown') return { value: null };
  const number = (text: string) => (text.trim() === '' ? null : Number(text));
  return composePartialDate({
    precision: draft.precision,
    year: number(draft.year),
    month: number(draft.month),
    day: number(draft.day),
    circa: draft.circa,
  });
}

const MONTH_OPTIONS = MONTH_NAMES.map((name, i) => ({ id: String(i + 1), label: name }));

/** A drop-down choice among a few options, by React Aria (a labelled button and a listbox). */
function Choice({
  label,
  options,
  selected,
  onChange,
  ...aria
}: {
  label?: string;
  options: readonly { id: string; label: string }[];
  selected: string | null;
  onChange: (id: string) => void;
  'aria-label'?: string;
}) {
  return (
    <Select
      className={label ? 'date-part' : undefined}
      aria-label={aria['aria-label']}
      selectedKey={selected}
      onSelectionChange={(key) => onChange(String(key))}
    >
      {label && <Label>{label}</Label>}
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="menu-popover">
        <ListBox className="menu">
          {options.map((option) => (
            <ListBoxItem key={option.id} id={option.id} className="menu-option">
              {option.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

export function PartialDateField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | null;
  /** Called with the new stored value, or with an error while the fields do not make a date. */
  onChange: (result: { value: string | null } | { error: string }) => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(value));
  const groupId = useId();
  const update = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    onChange(valueOfDraft(next));
  };
  const { precision } = draft;
  return (
    <fieldset className="date-field" aria-labelledby={groupId}>
      <legend id={groupId} className="visually-hidden">
        {label}
      </legend>
      <div className="date-field-row">
        <Choice
          aria-label={`${label}: precision`}
          options={PRECISIONS}
          selected={precision}
          onChange={(precision) => update({ precision: precision as Precision })}
        />
        {(precision === 'day' || precision === 'month-day') && (
          <TextField className="date-part" value={draft.day} onChange={(day) => update({ day })}>
            <Label>Day</Label>
            <Input inputMode="numeric" size={3} />
          </TextField>
        )}
        {precision !== 'unknown' && precision !== 'year' && (
          <Choice
            label="Month"
            options={MONTH_OPTIONS}
            selected={draft.month || null}
            onChange={(month) => update({ month })}
          />
        )}
        {precision !== 'unknown' && precision !== 'month-day' && (
          <TextField className="date-part" value={draft.year} onChange={(year) => update({ year })}>
            <Label>Year</Label>
            <Input inputMode="numeric" size={5} />
          </TextField>
        )}
        {precision !== 'unknown' && (
          <Checkbox isSelected={draft.circa} onChange={(circa) => update({ circa })} className="checkbox">
            <span className="checkbox-box" aria-hidden="true" />
            Circa
          </Checkbox>
        )}
      </div>
    </fieldset>
  );
}
