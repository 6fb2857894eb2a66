import { PRIORITIES, TICKET_STATUSES } from '@flowdesk/model';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../shared/format.ts';
import { ticketLink } from '../ticket-origin.ts';
import type { EscalationItem } from './supervisor-outputs.types.ts';

/** Open escalated tickets, newest escalation first, each with why, when and by whom. */
export function EscalationsList(props: { items: EscalationItem[]; teamName(id: string): string }) {
  const { items } = props;
  const { t } = useTranslation();
  const locale = useLocale();
  if (items.length === 0) return <p className="muted">{t('supervisor.noEscalations')}</p>;
  return (
    <ul className="escalation-list" data-testid="escalations">
      {items.map((item) => (
        <li key={item.id} className="escalation-item">
          <Link {...ticketLink(item.id, 'supervisor')}>
            <span className="ticket-number">{item.number}</span> {item.title}
          </Link>
          <div className="inbox-item-meta">
            <span className={`badge status-${item.status}`}>
              {TICKET_STATUSES.labels[item.status][locale]}
            </span>
            <span className={`badge priority-${item.priority}`}>
              {PRIORITIES.labels[item.priority][locale]}
            </span>
            <span>{t('supervisor.escalatedAt', { time: formatDateTime(item.escalatedAt, locale) })}</span>
            {item.by ? <span>{t(`supervisor.escalatedBy.${item.by.kind}`)}</span> : null}
            {item.team ? <span>{t('supervisor.queue', { queue: props.teamName(item.team) })}</span> : null}
          </div>
          <p className="escalation-reason">{item.reason ?? t('supervisor.noReason')}</p>
        </li>
      ))}
    </ul>
  );
}
