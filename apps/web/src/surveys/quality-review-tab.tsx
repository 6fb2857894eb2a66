import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferOutput } from '@trpc/tanstack-react-query';
import { Check } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { ticketLink } from '../desk/ticket-origin.ts';
import { useLocale } from '../i18n/i18n.ts';
import { EmptyState } from '../pages/empty-state.tsx';
import { formatDateTime } from '../shared/format.ts';

type ReviewItem = inferOutput<ReturnType<typeof useTRPC>['surveys']['qualityReview']>['items'][number];
type Status = 'waiting' | 'reviewed';

/**
 * The quality review: CSAT answers below 4 with the comment and the ticket
 * (whose timeline shows the answer), newest first; a supervisor notes what
 * was done and marks each reviewed, once.
 */
export function QualityReviewTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const [status, setStatus] = useState<Status>('waiting');
  const [done, setDone] = useState(false);
  const queue = useQuery({
    ...trpc.surveys.qualityReview.queryOptions({ status, limit: 100 }),
    refetchInterval: 30_000,
  });
  const statusId = useId();

  return (
    <>
      <div className="filters survey-filters">
        <label htmlFor={statusId}>
          {t('surveys.reviewStatus')}
          <select id={statusId} value={status} onChange={(event) => setStatus(event.target.value as Status)}>
            <option value="waiting">{t('surveys.reviewWaiting')}</option>
            <option value="reviewed">{t('surveys.reviewDone')}</option>
          </select>
        </label>
      </div>
      <p role="status" className="survey-review-status">
        {done ? t('surveys.markedReviewed') : ''}
      </p>
      {queue.isPending ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : queue.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(queue.error, locale, t('common.failed'))}
        </p>
      ) : queue.data.items.length === 0 ? (
        <EmptyState title={t(status === 'waiting' ? 'surveys.reviewEmpty' : 'surveys.reviewedEmpty')} />
      ) : (
        <ul className="quality-review-list">
          {queue.data.items.map((item) => (
            <li key={item.surveyId}>
              <ReviewCard item={item} onReviewed={() => setDone(true)} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function ReviewCard({ item, onReviewed }: { item: ReviewItem; onReviewed: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const headingId = useId();
  const noteId = useId();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.surveys.qualityReview.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.surveys.qualityReviewCount.queryKey() }),
    ]);
  const mark = useMutation(
    trpc.surveys.markReviewed.mutationOptions({
      onSuccess: async () => {
        onReviewed();
        await refresh();
      },
    }),
  );

  return (
    <article
      className="card quality-review-card"
      aria-labelledby={headingId}
      data-testid="quality-review-item"
    >
      <h2 id={headingId} className="quality-review-score">
        {t('surveys.csatScore', { score: item.score })}
      </h2>
      <p className="quality-review-comment">
        {item.comment ? <q>{item.comment}</q> : <span className="muted">{t('surveys.noComment')}</span>}
      </p>
      <dl className="approval-meta">
        <dt>{t('surveys.ticket')}</dt>
        <dd>
          {item.ticket ? (
            <Link {...ticketLink(item.ticket.id, 'surveys', '?tab=review')}>
              {item.ticket.number} · {item.ticket.title}
            </Link>
          ) : (
            t('surveys.noTicket')
          )}
        </dd>
        <dt>{t('surveys.team')}</dt>
        <dd>{item.ticket?.team?.[locale] ?? t('surveys.noTeam')}</dd>
        <dt>{t('surveys.agent')}</dt>
        <dd>{item.ticket?.assignee ?? t('surveys.noAgent')}</dd>
        <dt>{t('surveys.answeredAt')}</dt>
        <dd>{formatDateTime(item.answeredAt, locale)}</dd>
        {item.reviewedAt ? (
          <>
            <dt>{t('surveys.reviewedBy')}</dt>
            <dd>
              {item.reviewedBy} · {formatDateTime(item.reviewedAt, locale)}
            </dd>
            <dt>{t('surveys.reviewNote')}</dt>
            <dd>{item.reviewNote || t('surveys.noNote')}</dd>
          </>
        ) : null}
      </dl>
      {item.reviewedAt ? null : (
        <>
          <label htmlFor={noteId}>{t('surveys.reviewNote')}</label>
          <textarea
            id={noteId}
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
          <div className="button-row">
            <button
              type="button"
              className="primary"
              disabled={mark.isPending}
              onClick={() => mark.mutate({ id: item.surveyId, note })}
            >
              <Check size={16} aria-hidden="true" />
              {t('surveys.markReviewed')}
            </button>
          </div>
        </>
      )}
      {mark.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(mark.error, locale, t('common.failed'))}
        </p>
      ) : null}
    </article>
  );
}
