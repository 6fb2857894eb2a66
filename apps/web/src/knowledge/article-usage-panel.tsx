import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../shared/format.ts';

export interface ArticleUse {
  source: 'flow' | 'agent';
  executionId: string | null;
  requestId: string | null;
  ticketId: string | null;
  locale: string;
  at: string;
}

/** The latest requests an article answered (with their execution trace) and replies agents put it into. */
export function ArticleUsagePanel(props: { latest: readonly ArticleUse[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="kb-usage" aria-labelledby="kb-usage-title">
      <h3 id="kb-usage-title">{t('knowledge.usageTitle')}</h3>
      {props.latest.length === 0 ? (
        <p className="muted">{t('knowledge.usageNone')}</p>
      ) : (
        <ul className="kb-usage-list">
          {props.latest.map((use) => (
            <li key={`${use.at}-${use.executionId ?? use.ticketId ?? ''}`}>
              <span>{formatDateTime(use.at, locale)}</span>{' '}
              <span>{use.source === 'flow' ? t('knowledge.usageFlow') : t('knowledge.usageAgent')}</span>{' '}
              <span className="muted">({use.locale})</span>{' '}
              {use.executionId ? (
                <Link to={`/executions/${encodeURIComponent(use.executionId)}`}>
                  {t('knowledge.openExecution')}
                </Link>
              ) : null}
              {use.ticketId ? (
                <>
                  {' '}
                  <Link to={`/tickets/${encodeURIComponent(use.ticketId)}`}>{t('knowledge.openTicket')}</Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
