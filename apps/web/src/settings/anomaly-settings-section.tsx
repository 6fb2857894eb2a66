import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';

interface Draft {
  enabled: boolean;
  minScore: number;
  minVolume: number;
  baselineWeeks: number;
  productFields: string;
  negativeMarkers: string;
}

const list = (value: string) =>
  value
    .split(/[,，\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');

/**
 * Admins set the anomaly early warning's thresholds (anomalies.settings):
 * whether the hourly check runs, how unusual an hour must be, how many
 * tickets it needs, how many weeks make the baseline, which custom fields
 * name the product and which categories or tags count as negative.
 */
export function AnomalySettingsSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.anomalies.settings.queryOptions());
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (settings.data) {
      setDraft({
        ...settings.data,
        productFields: settings.data.productFields.join(', '),
        negativeMarkers: settings.data.negativeMarkers.join(', '),
      });
    }
  }, [settings.data]);
  const save = useMutation(
    trpc.anomalies.saveSettings.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.anomalies.settings.queryKey(), saved),
    }),
  );
  const change = (patch: Partial<Draft>) =>
    setDraft((current) => (current ? { ...current, ...patch } : current));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    save.mutate({
      enabled: draft.enabled,
      minScore: draft.minScore,
      minVolume: draft.minVolume,
      baselineWeeks: draft.baselineWeeks,
      productFields: list(draft.productFields),
      negativeMarkers: list(draft.negativeMarkers),
    });
  };
  const error = settings.error ?? save.error;
  return (
    <section className="card" aria-labelledby="settings-anomalies">
      <h2 id="settings-anomalies">{t('anomalies.settingsTitle')}</h2>
      <p className="muted">{t('anomalies.settingsHelp')}</p>
      {draft ? (
        <form className="stacked-form" onSubmit={submit}>
          <label className="checkbox-label">
            <input
              type="checkbox"
              checked={draft.enabled}
              onChange={(event) => change({ enabled: event.target.checked })}
            />
            {t('anomalies.enabled')}
          </label>
          <label htmlFor="anomaly-score">{t('anomalies.minScore')}</label>
          <input
            id="anomaly-score"
            type="number"
            min={1}
            max={50}
            step={0.1}
            required
            aria-describedby="anomaly-score-help"
            value={draft.minScore}
            onChange={(event) => change({ minScore: Number(event.target.value) })}
          />
          <p id="anomaly-score-help" className="muted">
            {t('anomalies.minScoreHelp')}
          </p>
          <label htmlFor="anomaly-volume">{t('anomalies.minVolume')}</label>
          <input
            id="anomaly-volume"
            type="number"
            min={1}
            max={100000}
            required
            aria-describedby="anomaly-volume-help"
            value={draft.minVolume}
            onChange={(event) => change({ minVolume: Number(event.target.value) })}
          />
          <p id="anomaly-volume-help" className="muted">
            {t('anomalies.minVolumeHelp')}
          </p>
          <label htmlFor="anomaly-weeks">{t('anomalies.baselineWeeks')}</label>
          <input
            id="anomaly-weeks"
            type="number"
            min={2}
            max={12}
            required
            value={draft.baselineWeeks}
            onChange={(event) => change({ baselineWeeks: Number(event.target.value) })}
          />
          <label htmlFor="anomaly-products">{t('anomalies.productFields')}</label>
          <input
            id="anomaly-products"
            aria-describedby="anomaly-products-help"
            value={draft.productFields}
            onChange={(event) => change({ productFields: event.target.value })}
          />
          <p id="anomaly-products-help" className="muted">
            {t('anomalies.productFieldsHelp')}
          </p>
          <label htmlFor="anomaly-negative">{t('anomalies.negativeMarkers')}</label>
          <input
            id="anomaly-negative"
            aria-describedby="anomaly-negative-help"
            value={draft.negativeMarkers}
            onChange={(event) => change({ negativeMarkers: event.target.value })}
          />
          <p id="anomaly-negative-help" className="muted">
            {t('anomalies.negativeMarkersHelp')}
          </p>
          {error ? (
            <p role="alert" className="error-text">
              {apiErrorMessage(error, locale, t('common.failed'))}
            </p>
          ) : null}
          {save.isSuccess ? <p role="status">{t('anomalies.saved')}</p> : null}
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('anomalies.save')}
          </button>
        </form>
      ) : error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(error, locale, t('common.failed'))}
        </p>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </section>
  );
}
