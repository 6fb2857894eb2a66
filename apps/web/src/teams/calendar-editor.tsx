import { WEEKDAYS } from '@flowdesk/model';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/i18n.ts';
import { type CalendarDraft, type DayRow, timezoneOptions } from './calendar-draft.ts';
import { DateListEditor } from './date-list-editor.tsx';

interface CalendarEditorProps {
  /** Prefix of the control ids, so a page can hold two editors. */
  id: string;
  value: CalendarDraft;
  readOnly: boolean;
  onChange: (value: CalendarDraft) => void;
}

/**
 * A business calendar: time zone, opening hours per weekday, holidays and make-up
 * workdays (调休). Teams and SLA policies both edit their calendar with it.
 */
export function CalendarEditor({ id, value, readOnly, onChange }: CalendarEditorProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const setDay = (day: DayRow['day'], patch: Partial<DayRow>) =>
    onChange({ ...value, days: value.days.map((row) => (row.day === day ? { ...row, ...patch } : row)) });
  return (
    <div className="calendar-editor">
      <div className="form-group">
        <label htmlFor={`${id}-timezone`}>{t('teamsSla.calendar.timezone')}</label>
        <select
          id={`${id}-timezone`}
          value={value.timezone}
          disabled={readOnly}
          onChange={(event) => onChange({ ...value, timezone: event.target.value })}
        >
          {timezoneOptions(value.timezone).map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="form-group">
        <legend>{t('teamsSla.calendar.hours')}</legend>
        {value.splitDays && !readOnly ? (
          <p className="notice" role="status">
            {t('teamsSla.calendar.splitDays')}
          </p>
        ) : null}
        <div className="table-scroll">
          <table className="data-table calendar-hours">
            <thead>
              <tr>
                <th scope="col">{t('teamsSla.calendar.day')}</th>
                <th scope="col">{t('teamsSla.calendar.open')}</th>
                <th scope="col">{t('teamsSla.calendar.from')}</th>
                <th scope="col">{t('teamsSla.calendar.to')}</th>
              </tr>
            </thead>
            <tbody>
              {value.days.map((row) => {
                const dayName = WEEKDAYS.labels[row.day][locale];
                return (
                  <tr key={row.day}>
                    <th scope="row">{dayName}</th>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t('teamsSla.calendar.openOn', { day: dayName })}
                        checked={row.open}
                        disabled={readOnly}
                        onChange={(event) => setDay(row.day, { open: event.target.checked })}
                      />
                    </td>
                    <td>
                      <input
                        type="time"
                        aria-label={t('teamsSla.calendar.fromOn', { day: dayName })}
                        value={row.from}
                        disabled={readOnly || !row.open}
                        onChange={(event) => setDay(row.day, { from: event.target.value })}
                      />
                    </td>
                    <td>
                      <input
                        type="time"
                        aria-label={t('teamsSla.calendar.toOn', { day: dayName })}
                        value={row.to}
                        disabled={readOnly || !row.open}
                        onChange={(event) => setDay(row.day, { to: event.target.value })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>
      <DateListEditor
        id={`${id}-holidays`}
        label={t('teamsSla.calendar.holidays')}
        help={t('teamsSla.calendar.holidaysHelp')}
        dates={value.holidays}
        readOnly={readOnly}
        onChange={(holidays) => onChange({ ...value, holidays })}
      />
      <DateListEditor
        id={`${id}-workdays`}
        label={t('teamsSla.calendar.workdays')}
        help={t('teamsSla.calendar.workdaysHelp')}
        dates={value.workdays}
        readOnly={readOnly}
        onChange={(workdays) => onChange({ ...value, workdays })}
      />
    </div>
  );
}
