import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../shared/format.ts';
import { localTimeToIso, TimeRangeFields } from '../shared/time-range-fields.tsx';
import { AUDIT_ACTIONS, auditActionKey } from './audit-actions.ts';

interface Filters {
  action: string;
  actor: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { action: '', actor: '', from: '', to: '' };

function queryOf(filters: Filters) {
  const from = localTimeToIso(filters.from);
  const to = localTimeToIso(filters.to);
  const actor = filters.actor.trim();
  return {
    limit: 50,
    ...(filters.action ? { action: filters.action } : {}),
    ...(actor ? { actor } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** `{ version: 2, fields: ['token'] }` → `version: 2 · fields: token`. */
function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join(' · ');
}

/** Settings → Audit log (admins): who signed in, changed settings, published or exported, newest first. */
export function AuditLogSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const entries = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(queryOf(filters), {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  );
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  const set = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));

  return (
    <section className="card" aria-labelledby="settings-audit">
      <h2 id="settings-audit">{t('audit.title')}</h2>
      <p className="muted">{t('audit.help')}</p>
      <fieldset className="filters">
        <legend>{t('audit.filters')}</legend>
        <label>
          {t('audit.actionColumn')}
          <select value={filters.action} onChange={(event) => set({ action: event.target.value })}>
            <option value="">{t('audit.allActions')}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(auditActionKey(action))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.actor')}
          <input
            value={filters.actor}
            maxLength={320}
            placeholder={t('audit.actorPlaceholder')}
            onChange={(event) => set({ actor: event.target.value })}
          />
        </label>
        <TimeRangeFields
          labels={{ from: t('audit.from'), to: t('audit.to') }}
          value={filters}
          onChange={set}
        />
        <button type="button" onClick={() => setFilters(NO_FILTERS)}>
          {t('audit.clearFilters')}
        </button>
      </fieldset>
      {entries.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(entries.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {entries.data && items.length === 0 ? <p className="muted">{t('audit.empty')}</p> : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table" aria-labelledby="settings-audit">
            <thead>
              <tr>
                <th scope="col">{t('audit.time')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.actionColumn')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.outcomeColumn')}</th>
                <th scope="col">{t('audit.ip')}</th>
                <th scope="col">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.at, locale)}</td>
                  <td>
                    {entry.actor.label ?? entry.actor.id}
                    {entry.actor.kind === 'user' ? null : (
                      <span className="muted"> ({t(`audit.actorKind.${entry.actor.kind}`)})</span>
                    )}
                  </td>
                  <td>{t(auditActionKey(entry.action), { defaultValue: entry.action })}</td>
                  <td>
                    <code>{entry.target ?? '—'}</code>
                  </td>
                  <td>
                    <span className={`status audit-${entry.outcome}`}>
                      {t(`audit.outcome.${entry.outcome}`)}
                    </span>
                  </td>
                  <td>{entry.ip ?? '—'}</td>
                  <td>{detailsText(entry.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {entries.hasNextPage ? (
        <button
          type="button"
          onClick={() => void entries.fetchNextPage()}
          disabled={entries.isFetchingNextPage}
        >
          {t('audit.more')}
        </button>
      ) : null}
    </section>
  );
}
