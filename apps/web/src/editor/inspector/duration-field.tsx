import { DURATION_UNITS, type Duration, type DurationUnit } from '@flowdesk/model';
import { useId } from 'react';
import { useLocale } from '../../i18n/i18n.ts';

/** "24 hours" as a number and a unit, never milliseconds. */
export function DurationField(props: {
  label: string;
  help?: string;
  value: Partial<Duration> | undefined;
  onChange: (value: Duration) => void;
  dataField: string;
}) {
  const locale = useLocale();
  const id = useId();
  const amount = props.value?.amount ?? 1;
  const unit = props.value?.unit ?? 'hours';
  return (
    <fieldset className="form-group duration-field" data-field={props.dataField}>
      <legend>{props.label}</legend>
      {props.help ? <p className="help">{props.help}</p> : null}
      <label htmlFor={`${id}-amount`} className="visually-hidden">
        {props.label}
      </label>
      <input
        id={`${id}-amount`}
        type="number"
        min={1}
        max={100_000}
        value={amount}
        data-field={`${props.dataField}.amount`}
        onChange={(event) =>
          props.onChange({ amount: Math.max(1, Math.trunc(Number(event.target.value) || 1)), unit })
        }
      />
      <label htmlFor={`${id}-unit`} className="visually-hidden">
        {DURATION_UNITS.labels[unit][locale]}
      </label>
      <select
        id={`${id}-unit`}
        value={unit}
        data-field={`${props.dataField}.unit`}
        onChange={(event) => props.onChange({ amount, unit: event.target.value as DurationUnit })}
      >
        {DURATION_UNITS.values.map((value) => (
          <option key={value} value={value}>
            {DURATION_UNITS.labels[value][locale]}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
