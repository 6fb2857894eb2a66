import { CHANNELS, PRIORITIES, type Priority } from '@flowdesk/model';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n.ts';
import type { InboxItem, InboxQueue } from '../desk-outputs.types.ts';
import { useCategoryNames } from '../use-category-names.ts';

/** The inbox's filters; every queue and its count is filtered alike, on the server. */
export interface InboxFilterValues {
  search: string;
  customer: string;
  category: string;
  channel: string;
  priority: '' | Priority;
  slaState: '' | InboxItem['slaState'];
}

export const EMPTY_FILTERS: InboxFilterValues = {
  search: '',
  customer: '',
  category: '',
  channel: '',
  priority: '',
  slaState: '',
};

export const SLA_STATE_VALUES: readonly InboxItem['slaState'][] = [
  'none',
  'running',
  'warning',
  'paused',
  'met',
  'breached',
];

/** The query input: blank filters are left out, so the server sees only what the agent set. */
export function queueInput(queue: InboxQueue, filters: InboxFilterValues) {
  const text = (value: string) => (value.trim() ? value.trim() : undefined);
  return {
    queue,
    search: text(filters.search),
    customer: text(filters.customer),
    category: text(filters.category),
    channel: text(filters.channel),
    priority: filters.priority || undefined,
    slaState: filters.slaState || undefined,
  };
}

export function InboxFilters(props: { value: InboxFilterValues; onChange(next: InboxFilterValues): void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { value, onChange } = props;
  const categories = useCategoryNames();
  // A category from the address that no live flow has any more stays choosable, so the filter shows what it holds.
  const categoryOptions =
    value.category && !categories.options.some((category) => category.id === value.category)
      ? [...categories.options, { id: value.category, name: value.category }]
      : categories.options;
  const set = <K extends keyof InboxFilterValues>(key: K, next: InboxFilterValues[K]) =>
    onChange({ ...value, [key]: next });
  return (
    <form
      className="filters inbox-filters"
      aria-label={t('inbox.filters')}
      onSubmit={(event) => event.preventDefault()}
    >
      <label>
        {t('inbox.search')}
        <input
          type="search"
          maxLength={200}
          value={value.search}
          onChange={(event) => set('search', event.target.value)}
        />
      </label>
      <label>
        {t('inbox.customer')}
        <input
          type="search"
          maxLength={200}
          placeholder={t('inbox.customerPlaceholder')}
          value={value.customer}
          onChange={(event) => set('customer', event.target.value)}
        />
      </label>
      <label>
        {t('inbox.category')}
        <select value={value.category} onChange={(event) => set('category', event.target.value)}>
          <option value="">{t('inbox.anyCategory')}</option>
          {categoryOptions.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('inbox.channel')}
        <select value={value.channel} onChange={(event) => set('channel', event.target.value)}>
          <option value="">{t('inbox.anyChannel')}</option>
          {CHANNELS.values.map((channel) => (
            <option key={channel} value={channel}>
              {CHANNELS.labels[channel][locale]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('inbox.priority')}
        <select
          value={value.priority}
          onChange={(event) => set('priority', event.target.value as Priority | '')}
        >
          <option value="">{t('inbox.anyPriority')}</option>
          {PRIORITIES.values.map((priority) => (
            <option key={priority} value={priority}>
              {PRIORITIES.labels[priority][locale]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('inbox.slaState')}
        <select
          value={value.slaState}
          onChange={(event) => set('slaState', event.target.value as InboxFilterValues['slaState'])}
        >
          <option value="">{t('inbox.anySla')}</option>
          {SLA_STATE_VALUES.map((state) => (
            <option key={state} value={state}>
              {t(`inbox.sla.${state}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => onChange(EMPTY_FILTERS)}>
        {t('inbox.clear')}
      </button>
    </form>
  );
}
