import { CHANNELS, type Channel } from '@flowdesk/model';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../shared/format.ts';
import type { TicketTimeline, TimelineEntry } from '../desk-outputs.types.ts';
import { actorLabel, changeValue, entrySide } from './timeline-text.ts';

/** The ticket's timeline, oldest first: messages as bubbles, changes as one line each. */
export function TicketTimelineView(props: { timeline: TicketTimeline }) {
  const { t } = useTranslation();
  const { entries, total, truncated } = props.timeline;
  if (entries.length === 0) return <p className="muted">{t('ticketPage.timelineEmpty')}</p>;
  return (
    <>
      {truncated ? (
        <p className="muted">{t('ticketPage.timelineTruncated', { shown: entries.length, total })}</p>
      ) : null}
      <ol className="timeline" data-testid="timeline">
        {entries.map((entry, index) => (
          // Entries have no id of their own; their place in the list is stable between polls.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <TimelineItem key={`${entry.at}-${index}`} entry={entry} />
        ))}
      </ol>
    </>
  );
}

function TimelineItem({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const who = actorLabel(
    entry,
    {
      flow: t('ticketPage.theFlow'),
      customer: t('ticketPage.theCustomer'),
      someone: t('ticketPage.someone'),
    },
    locale,
  );
  const when = <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>;
  const channel = (value: string) => CHANNELS.labels[value as Channel]?.[locale] ?? value;
  const side = entrySide(entry);
  switch (entry.kind) {
    case 'change':
      return (
        <li className="timeline-item timeline-event" data-kind={entry.kind}>
          <span>
            {t('ticketPage.entry.change', {
              field: t(`ticketPage.field.${entry.field}`, { defaultValue: entry.field }),
              from: changeValue(entry.field, entry.from, locale),
              to: changeValue(entry.field, entry.to, locale),
            })}
          </span>{' '}
          <span className="muted">
            {t('ticketPage.by', { name: who })} · {when}
          </span>
        </li>
      );
    case 'survey_sent':
      return (
        <li className="timeline-item timeline-event" data-kind={entry.kind}>
          <span>{t('ticketPage.entry.survey_sent', { kind: entry.surveyKind.toUpperCase() })}</span>{' '}
          <span className="muted">
            {t('ticketPage.via', { channel: channel(entry.channel) })} · {when}
          </span>
        </li>
      );
    case 'survey_answer':
      return (
        <li className={`timeline-item timeline-${side}`} data-kind={entry.kind}>
          <div className="timeline-head">
            <strong>
              {t('ticketPage.entry.survey_answer', {
                kind: entry.surveyKind.toUpperCase(),
                score: entry.score,
              })}
            </strong>
            <span className="muted">{when}</span>
          </div>
          {entry.comment ? <p className="timeline-body">{entry.comment}</p> : null}
        </li>
      );
    case 'note':
      return (
        <li className="timeline-item timeline-desk timeline-note" data-kind={entry.kind}>
          <div className="timeline-head">
            <strong>{t('ticketPage.entry.note')}</strong>
            <span className="muted">
              {t('ticketPage.by', { name: who })} · {when}
            </span>
          </div>
          <p className="timeline-body">{entry.body}</p>
        </li>
      );
    default:
      return (
        <li className={`timeline-item timeline-${side}`} data-kind={entry.kind}>
          <div className="timeline-head">
            <strong>{t(`ticketPage.entry.${entry.kind}`)}</strong>
            <span className="muted">
              {side === 'desk' ? `${t('ticketPage.by', { name: who })} · ` : ''}
              {t('ticketPage.via', { channel: channel(entry.channel) })} · {when}
            </span>
          </div>
          <p className="timeline-body">{entry.body}</p>
        </li>
      );
  }
}
