import { ArrowDown, ArrowUp, Minus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/i18n.ts';
import { formatKpiValue, type KpiChange, type KpiNumbers, kpiChange, targetMet } from './kpi-format.ts';
import { kpiLabelKey, type TileKpi, tileKpis } from './kpi-labels.ts';

export interface KpiTileData extends KpiNumbers {
  readonly id: string;
}

/**
 * The KPI tiles: value, change against the previous period (arrow, amount,
 * green when it is good news for this KPI, red when bad) and the target.
 * The number is a button: it opens the tickets behind it.
 */
export function KpiTiles({
  kpis,
  shown = tileKpis(false),
  onDrill,
}: {
  kpis: readonly KpiTileData[];
  /** Which KPIs, in order (calendar or business hours). */
  shown?: readonly TileKpi[];
  onDrill: (kpi: TileKpi) => void;
}) {
  const { t } = useTranslation();
  const byId = new Map(kpis.map((kpi) => [kpi.id, kpi]));
  return (
    <ul className="kpi-tiles" aria-label={t('dashboard.tilesLabel')}>
      {shown.map((id) => {
        const kpi = byId.get(id);
        return kpi ? <KpiTile key={id} id={id} kpi={kpi} onDrill={onDrill} /> : null;
      })}
    </ul>
  );
}

function KpiTile({ id, kpi, onDrill }: { id: TileKpi; kpi: KpiNumbers; onDrill: (kpi: TileKpi) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const noData = t('dashboard.noData');
  const name = t(kpiLabelKey(id));
  const value = formatKpiValue(kpi.value, kpi.unit, locale, noData);
  const change = kpiChange(kpi, locale);
  const met = targetMet(kpi);
  return (
    <li className="kpi-tile" data-kpi={id}>
      <span className="kpi-name" id={`kpi-name-${id}`}>
        {name}
      </span>
      <button
        type="button"
        className="kpi-value"
        data-testid={`kpi-value-${id}`}
        title={t('dashboard.showTickets', { kpi: name })}
        aria-label={t('dashboard.valueButton', { kpi: name, value })}
        onClick={() => onDrill(id)}
      >
        {value}
      </button>
      <ChangeLine change={change} previous={formatKpiValue(kpi.previous, kpi.unit, locale, noData)} />
      {kpi.target !== null ? (
        <span
          className={`kpi-target ${met === null ? '' : met ? 'good' : 'bad'}`}
          data-testid={`kpi-target-${id}`}
        >
          {t('dashboard.target', { value: formatKpiValue(kpi.target, kpi.unit, locale, noData) })}
          {met === null ? null : ` · ${t(met ? 'dashboard.targetMet' : 'dashboard.targetMissed')}`}
        </span>
      ) : null}
    </li>
  );
}

function ChangeLine({ change, previous }: { change: KpiChange | null; previous: string }) {
  const { t } = useTranslation();
  if (!change) {
    return <span className="kpi-change neutral">{t('dashboard.noPrevious')}</span>;
  }
  const Icon = change.direction === 'up' ? ArrowUp : change.direction === 'down' ? ArrowDown : Minus;
  const amount =
    change.amount.kind === 'points'
      ? t('dashboard.changePoints', { amount: change.amount.text })
      : change.amount.text;
  const said =
    change.direction === 'flat'
      ? t('dashboard.changeFlat')
      : t(change.direction === 'up' ? 'dashboard.changeUp' : 'dashboard.changeDown', { amount });
  const mood =
    change.mood === 'neutral' ? '' : t(change.mood === 'good' ? 'dashboard.moodGood' : 'dashboard.moodBad');
  return (
    <span
      className={`kpi-change ${change.mood}`}
      data-mood={change.mood}
      title={t('dashboard.previous', { value: previous })}
    >
      <Icon size={14} aria-hidden="true" />
      <span className="visually-hidden">{`${said}${mood ? `, ${mood}` : ''}. `}</span>
      <span aria-hidden="true">{change.direction === 'flat' ? t('dashboard.changeFlat') : amount}</span>
      <span className="muted kpi-previous"> {t('dashboard.previous', { value: previous })}</span>
    </span>
  );
}
