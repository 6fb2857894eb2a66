import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferOutput } from '@trpc/tanstack-react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';

type ScheduleAnswer = inferOutput<ReturnType<typeof useTRPC>['reports']['schedule']>;

/**
 * Which reports are emailed to whom (admins; reports.saveSchedule, audited).
 * The server refuses a cadence without recipients; its reason shows here.
 */
export function ReportScheduleForm() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const schedule = useQuery(trpc.reports.schedule.queryOptions());
  return (
    <section className="report-schedule reports-no-print" aria-labelledby="report-schedule-title">
      <h2 id="report-schedule-title">{t('reports.scheduleTitle')}</h2>
      <p className="muted small">{t('reports.scheduleIntro')}</p>
      {schedule.data ? <ScheduleForm answer={schedule.data} /> : null}
      {schedule.error ? (
        <p role="alert" className="error-text">
          {t('reports.loadFailed')}
        </p>
      ) : null}
    </section>
  );
}

function ScheduleForm({ answer }: { answer: ScheduleAnswer }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [weekly, setWeekly] = useState(answer.schedule.weekly);
  const [monthly, setMonthly] = useState(answer.schedule.monthly);
  const [recipients, setRecipients] = useState<string[]>(answer.schedule.recipients);
  const save = useMutation(
    trpc.reports.saveSchedule.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.reports.schedule.queryKey() }),
    }),
  );
  const toggle = (id: string, on: boolean) =>
    setRecipients((current) => (on ? [...current, id] : current.filter((entry) => entry !== id)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ weekly, monthly, recipients });
  };

  return (
    <form className="report-schedule-form" onSubmit={submit}>
      <fieldset>
        <legend>{t('reports.scheduleWhich')}</legend>
        <label className="checkbox-row">
          <input type="checkbox" checked={weekly} onChange={(event) => setWeekly(event.target.checked)} />
          {t('reports.scheduleWeekly')}
        </label>
        <label className="checkbox-row">
          <input type="checkbox" checked={monthly} onChange={(event) => setMonthly(event.target.checked)} />
          {t('reports.scheduleMonthly')}
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('reports.scheduleRecipients')}</legend>
        {answer.candidates.map((user) => (
          <label key={user.id} className="checkbox-row">
            <input
              type="checkbox"
              checked={recipients.includes(user.id)}
              onChange={(event) => toggle(user.id, event.target.checked)}
            />
            {user.name} <span className="muted small">{user.email}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={save.isPending}>
        {t('reports.scheduleSave')}
      </button>
      {save.isSuccess ? (
        <p role="status" className="muted">
          {t('reports.scheduleSaved')}
        </p>
      ) : null}
      {save.isError ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(save.error, locale, t('reports.loadFailed'))}
        </p>
      ) : null}
    </form>
  );
}
