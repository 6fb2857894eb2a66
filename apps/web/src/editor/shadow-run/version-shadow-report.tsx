import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../api/api-error.ts';
import { useTRPC } from '../../api/trpc.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../shared/format.ts';
import { ShadowReportView } from './shadow-report-view.tsx';
import './shadow-run.css';

/** On a version of the history: the shadow-run report it was published with, read when opened. */
export function VersionShadowReport(props: { flowId: string; version: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const report = useQuery({
    ...trpc.shadow.forVersion.queryOptions({ flowId: props.flowId, version: props.version }),
    enabled: open,
  });
  return (
    <details className="version-shadow" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('shadow.versionReport')}</summary>
      {report.isPending && open ? <p className="muted">{t('common.loading')}</p> : null}
      {report.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(report.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {report.data === null ? <p className="muted">{t('shadow.versionNoReport')}</p> : null}
      {report.data ? (
        <>
          <p className="muted small">
            {t('shadow.versionReportMeta', {
              live: report.data.liveVersion,
              when: formatDateTime(report.data.createdAt, locale),
            })}
          </p>
          <ShadowReportView data={report.data} />
        </>
      ) : null}
    </details>
  );
}
