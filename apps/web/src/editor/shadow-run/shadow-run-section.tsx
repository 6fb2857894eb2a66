import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../api/api-error.ts';
import { useTRPC } from '../../api/trpc.ts';
import { useSession } from '../../auth/use-session.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { ShadowReportView } from './shadow-report-view.tsx';
import { useNodeLabels } from './use-node-labels.ts';
import './shadow-run.css';

const MAX_REQUESTS = 5000;
const POLL_MS = 400;

type Mode = 'last' | 'range';

/** YYYY-MM-DD of a day `days` before today (the date inputs' format). */
const dayString = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * The publish dialog's shadow run: replay the draft over the flow's last N
 * past requests or a date range, watch it with a progress bar (and cancel
 * it), read the impact report, and attach it to the version being published.
 */
export function ShadowRunSection(props: {
  flowId: string;
  open: boolean;
  onAttach: (reportId: string | null) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const id = useId();
  const [mode, setMode] = useState<Mode>('last');
  const [last, setLast] = useState(500);
  const [from, setFrom] = useState(dayString(1));
  const [to, setTo] = useState(dayString(0));
  const [runId, setRunId] = useState<string | null>(null);
  const [attach, setAttach] = useState(true);
  const guard = useQuery({
    ...trpc.shadow.guard.queryOptions({ flowId: props.flowId }),
    enabled: props.open,
  });
  const nodeLabel = useNodeLabels(props.flowId, props.open);
  const isAdmin = useSession().data?.role === 'admin';
  const setCritical = useMutation(
    trpc.shadow.setCritical.mutationOptions({ onSuccess: () => guard.refetch() }),
  );
  const start = useMutation(trpc.shadow.start.mutationOptions({ onSuccess: (view) => setRunId(view.runId) }));
  const cancel = useMutation(trpc.shadow.cancel.mutationOptions());
  const progress = useQuery({
    ...trpc.shadow.progress.queryOptions({ runId: runId ?? '' }),
    enabled: runId !== null,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? POLL_MS : false),
  });
  const ended = progress.data && progress.data.status !== 'running' && progress.data.reportId;
  const report = useQuery({
    ...trpc.shadow.report.queryOptions({ runId: runId ?? '' }),
    enabled: Boolean(ended),
  });
  const attachable = Boolean(report.data?.current && !report.data.coverage.cancelled);
  const { onAttach } = props;
  useEffect(() => {
    onAttach(attachable && attach && runId ? runId : null);
  }, [attachable, attach, runId, onAttach]);

  const run = () => {
    setRunId(null);
    start.mutate(
      mode === 'last'
        ? { flowId: props.flowId, last }
        : {
            flowId: props.flowId,
            from: new Date(`${from}T00:00:00`).toISOString(),
            to: new Date(`${to}T00:00:00`).toISOString(),
          },
    );
  };
  const running = progress.data?.status === 'running';
  const error = start.error ?? progress.error ?? report.error ?? cancel.error ?? setCritical.error;
  return (
    <section className="shadow-run" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('shadow.title')}</h3>
      <p className="help">{t('shadow.help')}</p>
      {isAdmin && guard.data ? (
        <label className="shadow-attach">
          <input
            type="checkbox"
            checked={guard.data.critical}
            disabled={setCritical.isPending}
            onChange={(event) => setCritical.mutate({ flowId: props.flowId, critical: event.target.checked })}
          />
          {t('shadow.markCritical')}
        </label>
      ) : null}
      {guard.data?.critical ? (
        <p className="notice" role="note">
          {t('shadow.requiredCritical')}
        </p>
      ) : null}
      <fieldset className="shadow-run-choice">
        <legend>{t('shadow.whichRequests')}</legend>
        <label>
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode === 'last'}
            onChange={() => setMode('last')}
          />
          {t('shadow.modeLast')}
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode === 'range'}
            onChange={() => setMode('range')}
          />
          {t('shadow.modeRange')}
        </label>
        {mode === 'last' ? (
          <label className="shadow-run-field">
            {t('shadow.lastN', { max: MAX_REQUESTS })}
            <input
              type="number"
              min={1}
              max={MAX_REQUESTS}
              value={last}
              onChange={(event) => setLast(Number(event.target.value))}
            />
          </label>
        ) : (
          <>
            <label className="shadow-run-field">
              {t('shadow.from')}
              <input type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
            </label>
            <label className="shadow-run-field">
              {t('shadow.to')}
              <input type="date" value={to} onChange={(event) => setTo(event.target.value)} />
            </label>
          </>
        )}
      </fieldset>
      <div className="button-row">
        <button type="button" onClick={run} disabled={start.isPending || running}>
          {t('shadow.run')}
        </button>
      </div>
      {running && progress.data ? (
        <div className="shadow-run-progress">
          <label htmlFor={`${id}-progress`}>
            {t('shadow.progress', { done: progress.data.done, total: progress.data.total })}
          </label>
          <progress id={`${id}-progress`} value={progress.data.done} max={Math.max(progress.data.total, 1)} />
          <button type="button" onClick={() => runId && cancel.mutate({ runId })} disabled={cancel.isPending}>
            {t('shadow.cancel')}
          </button>
        </div>
      ) : null}
      {progress.data?.status === 'failed' ? (
        <p role="alert" className="error-text">
          {progress.data.error?.messages[locale] ?? t('common.failed')}
        </p>
      ) : null}
      {progress.data?.status === 'interrupted' ? (
        <p role="alert" className="error-text" data-testid="shadow-interrupted">
          {progress.data.error?.messages[locale] ?? t('shadow.interrupted')}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(error, locale, t('common.failed'))}
        </p>
      ) : null}
      {report.data ? (
        <>
          <ShadowReportView data={report.data} nodeLabel={nodeLabel} />
          {attachable ? (
            <label className="shadow-attach">
              <input type="checkbox" checked={attach} onChange={(event) => setAttach(event.target.checked)} />
              {t('shadow.attach')}
            </label>
          ) : (
            <p className="muted">{t('shadow.notAttachable')}</p>
          )}
        </>
      ) : null}
    </section>
  );
}
