import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDates } from './calendar-draft.ts';

interface DateListEditorProps {
  id: string;
  label: string;
  help: string;
  dates: readonly string[];
  readOnly: boolean;
  onChange: (dates: string[]) => void;
}

/** A list of dates: pick one with the date input, or paste several at once; each can be removed. */
export function DateListEditor({ id, label, help, dates, readOnly, onChange }: DateListEditorProps) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState('');
  const [pasted, setPasted] = useState('');
  const [rejected, setRejected] = useState<string[]>([]);
  const add = (input: string, clear: () => void) => {
    const result = addDates(dates, input);
    setRejected(result.rejected);
    onChange(result.dates);
    if (result.rejected.length === 0) clear();
  };
  return (
    <fieldset className="form-group" data-testid={id}>
      <legend>{label}</legend>
      <p className="muted">{help}</p>
      {dates.length === 0 ? <p className="muted">{t('teamsSla.calendar.noDates')}</p> : null}
      <ul className="chip-list">
        {dates.map((date) => (
          <li key={date} className="chip">
            {date}
            {readOnly ? null : (
              <button
                type="button"
                className="chip-remove"
                aria-label={t('teamsSla.calendar.removeDate', { date })}
                onClick={() => onChange(dates.filter((entry) => entry !== date))}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {readOnly ? null : (
        <>
          <div className="inline-form">
            <label htmlFor={`${id}-date`} className="visually-hidden">
              {t('teamsSla.calendar.pickDate', { list: label })}
            </label>
            <input
              id={`${id}-date`}
              type="date"
              value={picked}
              onChange={(event) => setPicked(event.target.value)}
            />
            <button type="button" disabled={!picked} onClick={() => add(picked, () => setPicked(''))}>
              {t('teamsSla.calendar.addDate')}
            </button>
          </div>
          <div className="inline-form">
            <label htmlFor={`${id}-paste`} className="visually-hidden">
              {t('teamsSla.calendar.pasteDates', { list: label })}
            </label>
            <input
              id={`${id}-paste`}
              placeholder={t('teamsSla.calendar.pastePlaceholder')}
              value={pasted}
              onChange={(event) => setPasted(event.target.value)}
            />
            <button type="button" disabled={!pasted.trim()} onClick={() => add(pasted, () => setPasted(''))}>
              {t('teamsSla.calendar.addPasted')}
            </button>
          </div>
          {rejected.length > 0 ? (
            <p role="alert" className="error-text">
              {t('teamsSla.calendar.notDates', { values: rejected.join(', ') })}
            </p>
          ) : null}
        </>
      )}
    </fieldset>
  );
}
