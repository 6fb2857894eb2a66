import { CHANNELS, type Channel } from '@flowdesk/model';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import { flowDisplayName } from '../shared/flow-name.ts';
import { type DashboardFilters, RANGE_PRESETS, type RangePreset, withPreset } from './dashboard-filters.ts';

const PRESET_KEYS: Record<RangePreset, string> = {
  today: 'dashboard.rangeToday',
  '7d': 'dashboard.range7d',
  '30d': 'dashboard.range30d',
  custom: 'dashboard.rangeCustom',
};

/** Period (today, 7 or 30 days, or chosen days), team, channel and flow. */
export function DashboardFiltersForm({
  filters,
  onChange,
}: {
  filters: DashboardFilters;
  onChange: (next: DashboardFilters) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const teams = useQuery(trpc.teams.list.queryOptions());
  // Names only, for every analytics reader: supervisors filter by flow without reading flows.
  const flows = useQuery(trpc.analytics.flows.queryOptions());
  const ids = { range: useId(), from: useId(), to: useId(), team: useId(), channel: useId(), flow: useId() };

  return (
    <form
      className="filters dashboard-filters"
      aria-label={t('dashboard.filters')}
      onSubmit={(event) => event.preventDefault()}
    >
      <label htmlFor={ids.range}>
        {t('dashboard.range')}
        <select
          id={ids.range}
          value={filters.preset}
          onChange={(event) => onChange(withPreset(filters, event.target.value as RangePreset, new Date()))}
        >
          {RANGE_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {t(PRESET_KEYS[preset])}
            </option>
          ))}
        </select>
      </label>
      {filters.preset === 'custom' ? (
        <>
          <label htmlFor={ids.from}>
            {t('dashboard.from')}
            <input
              id={ids.from}
              type="date"
              value={filters.days.from}
              onChange={(event) =>
                onChange({ ...filters, days: { ...filters.days, from: event.target.value } })
              }
            />
          </label>
          <label htmlFor={ids.to}>
            {t('dashboard.to')}
            <input
              id={ids.to}
              type="date"
              value={filters.days.to}
              onChange={(event) =>
                onChange({ ...filters, days: { ...filters.days, to: event.target.value } })
              }
            />
          </label>
        </>
      ) : null}
      <label htmlFor={ids.team}>
        {t('dashboard.team')}
        <select
          id={ids.team}
          value={filters.team ?? ''}
          onChange={(event) => onChange({ ...filters, team: event.target.value || undefined })}
        >
          <option value="">{t('dashboard.allTeams')}</option>
          {(teams.data ?? []).map((team) => (
            <option key={team.id} value={team.id}>
              {team.name[locale]}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={ids.channel}>
        {t('dashboard.channel')}
        <select
          id={ids.channel}
          value={filters.channel ?? ''}
          onChange={(event) =>
            onChange({ ...filters, channel: (event.target.value || undefined) as Channel | undefined })
          }
        >
          <option value="">{t('dashboard.allChannels')}</option>
          {CHANNELS.values.map((channel) => (
            <option key={channel} value={channel}>
              {CHANNELS.labels[channel][locale]}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={filters.businessHours}
          onChange={(event) => onChange({ ...filters, businessHours: event.target.checked })}
        />
        {t('dashboard.businessHours')}
      </label>
      <label htmlFor={ids.flow}>
        {t('dashboard.flow')}
        <select
          id={ids.flow}
          value={filters.flowId ?? ''}
          onChange={(event) => onChange({ ...filters, flowId: event.target.value || undefined })}
        >
          <option value="">{t('dashboard.allFlows')}</option>
          {(flows.data ?? []).map((flow) => (
            <option key={flow.id} value={flow.id}>
              {flowDisplayName(flow, locale)}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
