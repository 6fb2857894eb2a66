import { CHANNELS, type LocalizedText } from '@flowdesk/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession } from '../auth/use-session.ts';
import { useLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../shared/format.ts';
import { AUTO_REFRESH } from './dashboard-refresh.ts';

/** Who may acknowledge (the server's ROLES.supervisors); others only read. */
const ACKNOWLEDGING_ROLES: readonly string[] = ['admin', 'supervisor'];

/** Shares (negative sentiment, SLA breaches) are 0–1; the other series count tickets. */
const isShare = (seriesKind: string) => seriesKind.endsWith('_share');

/**
 * The anomaly early warning's open findings (anomalies.list, issue 14 item 5):
 * which series surged in which hour against its usual level. Nothing shows
 * while none is open, so a quiet week keeps the dashboard quiet.
 */
export function DashboardAnomalies() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const role = useSession().data?.role ?? '';
  const headingId = useId();
  const anomalies = useQuery({
    ...trpc.anomalies.list.queryOptions({ status: 'open', limit: 20 }),
    ...AUTO_REFRESH,
    retry: false,
  });
  const acknowledge = useMutation(
    trpc.anomalies.acknowledge.mutationOptions({
      // A conflict (acknowledged by someone else meanwhile) also refreshes: the line leaves the open list.
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.anomalies.list.queryKey() }),
    }),
  );
  const items = anomalies.data?.items ?? [];
  if (items.length === 0) return null;

  const number = (value: number, seriesKind: string) =>
    new Intl.NumberFormat(
      locale,
      isShare(seriesKind) ? { style: 'percent', maximumFractionDigits: 1 } : { maximumFractionDigits: 1 },
    ).format(value);
  const keyLabel = (seriesKind: string, key: string) => {
    if (key === 'all') return '';
    if (seriesKind === 'channel') {
      return (CHANNELS.labels as Record<string, LocalizedText | undefined>)[key]?.[locale] ?? key;
    }
    return key;
  };

  return (
    <section className="dashboard-anomalies" aria-labelledby={headingId} data-testid="dashboard-anomalies">
      <h2 id={headingId}>
        <TriangleAlert size={18} aria-hidden="true" /> {t('dashboard.anomaliesTitle')}
      </h2>
      <ul>
        {items.map((anomaly) => {
          const key = keyLabel(anomaly.seriesKind, anomaly.seriesKey);
          return (
            <li key={anomaly.id} data-testid="dashboard-anomaly">
              <span>
                {t('dashboard.anomalyLine', {
                  series: key ? `${anomaly.seriesLabel[locale]} · ${key}` : anomaly.seriesLabel[locale],
                  value: number(anomaly.value, anomaly.seriesKind),
                  baseline: number(anomaly.baseline, anomaly.seriesKind),
                  hour: formatDateTime(anomaly.hour, locale),
                })}
              </span>
              {ACKNOWLEDGING_ROLES.includes(role) ? (
                <button
                  type="button"
                  disabled={acknowledge.isPending}
                  onClick={() => acknowledge.mutate({ id: anomaly.id })}
                >
                  {t('dashboard.anomalyAcknowledge')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {acknowledge.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(acknowledge.error, locale, t('common.failed'))}
        </p>
      ) : null}
    </section>
  );
}
