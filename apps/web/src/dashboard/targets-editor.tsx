import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import type { KpiUnit } from './kpi-format.ts';
import { kpiLabelKey, TILE_KPIS, type TileKpi } from './kpi-labels.ts';
import { inputToTarget, TARGET_INPUT_RANGE, TARGET_INPUT_UNIT, targetToInput } from './target-units.ts';

type Targets = Partial<Record<string, number>>;

/**
 * The workspace's KPI targets (admins; analytics.saveTargets replaces them all,
 * so targets of KPIs not shown here are sent back as they were). Each is typed
 * in the unit people read: a percentage, minutes, a count, a score.
 */
export function TargetsEditor({ units }: { units: ReadonlyMap<string, KpiUnit> }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const targets = useQuery(trpc.analytics.targets.queryOptions());
  return (
    <details className="targets-editor">
      <summary>{t('dashboard.targetsTitle')}</summary>
      <p className="muted small">{t('dashboard.targetsIntro')}</p>
      {targets.data ? <TargetsForm stored={targets.data} units={units} /> : null}
      {targets.error ? (
        <p role="alert" className="error-text">
          {t('common.failed')}
        </p>
      ) : null}
    </details>
  );
}

function TargetsForm({ stored, units }: { stored: Targets; units: ReadonlyMap<string, KpiUnit> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const shown = TILE_KPIS.filter((id) => units.has(id));
  const [typed, setTyped] = useState<Record<string, string>>(() =>
    Object.fromEntries(shown.map((id) => [id, targetToInput(stored[id], units.get(id) ?? 'count')])),
  );
  const [invalid, setInvalid] = useState<TileKpi[]>([]);
  const save = useMutation(
    trpc.analytics.saveTargets.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.analytics.pathKey() }),
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Targets = { ...stored };
    const wrong: TileKpi[] = [];
    for (const id of shown) {
      const value = inputToTarget(typed[id] ?? '', units.get(id) ?? 'count');
      if (value === null) wrong.push(id);
      else if (value === undefined) delete next[id];
      else next[id] = value;
    }
    setInvalid(wrong);
    if (wrong.length === 0) save.mutate(next);
  };

  return (
    <form className="targets-form" onSubmit={submit} noValidate>
      <div className="targets-grid">
        {shown.map((id) => {
          const inputUnit = TARGET_INPUT_UNIT[units.get(id) ?? 'count'];
          const range = TARGET_INPUT_RANGE[inputUnit];
          const wrong = invalid.includes(id);
          return (
            <label key={id}>
              <span>
                {t(kpiLabelKey(id))} <span className="muted">({t(`dashboard.targetUnit.${inputUnit}`)})</span>
              </span>
              <input
                type="number"
                inputMode="decimal"
                min={range.min}
                max={range.max}
                step={range.step}
                value={typed[id] ?? ''}
                aria-invalid={wrong || undefined}
                onChange={(event) => setTyped({ ...typed, [id]: event.target.value })}
              />
              {wrong ? (
                <span className="error-text small">
                  {t('dashboard.targetInvalid', { min: range.min, max: range.max })}
                </span>
              ) : null}
            </label>
          );
        })}
      </div>
      <div className="targets-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('dashboard.targetsSave')}
        </button>
        {save.isSuccess && !save.isPending ? <span role="status">{t('dashboard.targetsSaved')}</span> : null}
        {save.error ? (
          <span role="alert" className="error-text">
            {apiErrorMessage(save.error, locale, t('common.failed'))}
          </span>
        ) : null}
      </div>
    </form>
  );
}
