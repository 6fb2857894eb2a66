import { CHANNELS, type Channel, PRIORITIES, TICKET_STATUSES } from '@flowdesk/model';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../i18n/i18n.ts';
import { EmptyState } from '../../pages/empty-state.tsx';
import { formatDateTime } from '../../shared/format.ts';
import type { InboxItem } from '../desk-outputs.types.ts';
import { ticketLink } from '../ticket-origin.ts';
import { useCategoryNames } from '../use-category-names.ts';

/** The tickets of one queue as cards: they stack on a phone, where the agent taps through to the ticket. */
export function InboxList(props: {
  items: InboxItem[];
  /** The inbox's query string (queue, filters), for the ticket page's way back. */
  listSearch?: string;
  agentId: string | null;
  busy: boolean;
  onClaim(item: InboxItem): void;
  onRelease(item: InboxItem): void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const categories = useCategoryNames();
  if (props.items.length === 0) {
    return (
      <EmptyState title={t('inbox.empty')}>
        <p>{t('inbox.emptyBody')}</p>
      </EmptyState>
    );
  }
  return (
    <ul className="inbox-list">
      {props.items.map((item) => {
        const mine = props.agentId !== null && item.assignee === props.agentId;
        const link = ticketLink(item.id, 'inbox', props.listSearch);
        const due = item.firstRespondedAt
          ? item.resolutionDueAt
          : (item.firstResponseDueAt ?? item.resolutionDueAt);
        return (
          <li key={item.id} className="inbox-item" data-testid="inbox-item">
            <div className="inbox-item-main">
              <Link to={link.to} state={link.state} className="inbox-item-title">
                <span className="ticket-number">{item.number}</span> {item.title}
              </Link>
              <div className="inbox-item-meta">
                <span className={`badge status-${item.status}`}>
                  {TICKET_STATUSES.labels[item.status][locale]}
                </span>
                <span className={`badge priority-${item.priority}`}>
                  {PRIORITIES.labels[item.priority][locale]}
                </span>
                {item.vipLevel > 0 ? (
                  <span className="badge vip">{t('inbox.vip', { level: item.vipLevel })}</span>
                ) : null}
                <span className={`badge sla-${item.slaState}`}>{t(`inbox.sla.${item.slaState}`)}</span>
                <span>{CHANNELS.labels[item.channel as Channel]?.[locale] ?? item.channel}</span>
                {item.category ? <span>{categories.nameOf(item.category)}</span> : null}
              </div>
              <div className="inbox-item-meta muted">
                <span>
                  {item.customer
                    ? [item.customer.name, item.customer.contact].filter(Boolean).join(' · ')
                    : t('inbox.noCustomer')}
                </span>
                <span>
                  {item.assigneeName
                    ? t('inbox.assignee', { name: item.assigneeName })
                    : t('inbox.unassigned')}
                </span>
                {due ? <span>{t('inbox.due', { time: formatDateTime(due, locale) })}</span> : null}
              </div>
            </div>
            <div className="inbox-item-actions">
              {mine ? (
                <button type="button" disabled={props.busy} onClick={() => props.onRelease(item)}>
                  {t('inbox.release')}
                  <span className="visually-hidden"> {item.number}</span>
                </button>
              ) : (
                <button type="button" disabled={props.busy} onClick={() => props.onClaim(item)}>
                  {t('inbox.claim')}
                  <span className="visually-hidden"> {item.number}</span>
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
