import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { inferOutput } from '@trpc/tanstack-react-query';
import { Check, X } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../shared/format.ts';
import { ticketLink } from './ticket-origin.ts';

export type ApprovalItem = inferOutput<ReturnType<typeof useTRPC>['approvals']['list']>[number];

/**
 * One approval request: the question, the facts the flow gathered and, for
 * those who may decide, Approve and Reject with a note. Shown in the approval
 * queue and on the ticket it is about (`onTicketPage`: no link to itself).
 */
export function ApprovalCard({
  item,
  onDecided,
  onTicketPage = false,
}: {
  item: ApprovalItem;
  onDecided: () => void;
  onTicketPage?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const headingId = useId();
  const noteId = useId();
  const decide = useMutation(
    trpc.approvals.decide.mutationOptions({
      onSuccess: async () => {
        onDecided();
        // The queue, its count and the ticket page's banner all drop the request.
        await queryClient.invalidateQueries({ queryKey: trpc.approvals.pathKey() });
      },
      // Someone else decided first: the lists are out of date either way.
      onError: () => queryClient.invalidateQueries({ queryKey: trpc.approvals.pathKey() }),
    }),
  );
  const decider =
    item.decider.kind === 'team'
      ? t('approvals.deciderTeam', { team: item.decider.teamId })
      : t('approvals.deciderSupervisors');
  const send = (decision: 'approved' | 'rejected') => decide.mutate({ id: item.id, decision, note });
  // On the ticket page the card sits under the banner's own heading.
  const Heading = onTicketPage ? 'h3' : 'h2';

  return (
    <article className="card approval-card" aria-labelledby={headingId}>
      <Heading id={headingId} className="approval-question">
        {item.question}
      </Heading>
      <dl className="approval-meta">
        <dt>{t('approvals.flow')}</dt>
        <dd>
          {item.flowName} <span className="muted">({t('approvals.version', { version: item.version })})</span>
        </dd>
        {onTicketPage ? null : (
          <>
            <dt>{t('approvals.ticket')}</dt>
            <dd>
              {item.ticketId ? (
                <Link {...ticketLink(item.ticketId, 'approvals')}>{item.ticketNumber ?? item.ticketId}</Link>
              ) : (
                t('approvals.noTicket')
              )}
            </dd>
          </>
        )}
        <dt>{t('approvals.decider')}</dt>
        <dd>{decider}</dd>
        <dt>{t('approvals.asked')}</dt>
        <dd>{formatDateTime(item.createdAt, locale)}</dd>
        {item.timeoutAt ? (
          <>
            <dt>{t('approvals.timeoutAt')}</dt>
            <dd>{formatDateTime(item.timeoutAt, locale)}</dd>
          </>
        ) : null}
      </dl>
      <h3 className="approval-facts-title">{t('approvals.facts')}</h3>
      {item.facts.length === 0 ? (
        <p className="muted small">{t('approvals.noFacts')}</p>
      ) : (
        <dl className="approval-facts">
          {item.facts.map((fact) => (
            <div key={fact.path}>
              <dt>
                <code>{fact.path}</code>
              </dt>
              <dd>{fact.value === null ? t('common.notSet') : String(fact.value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {item.mayDecide ? (
        <>
          <label htmlFor={noteId}>{t('approvals.note')}</label>
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
              disabled={decide.isPending}
              onClick={() => send('approved')}
            >
              <Check size={16} aria-hidden="true" />
              {t('approvals.approve')}
            </button>
            <button
              type="button"
              className="danger"
              disabled={decide.isPending}
              onClick={() => send('rejected')}
            >
              <X size={16} aria-hidden="true" />
              {t('approvals.reject')}
            </button>
            {decide.isPending ? <span className="muted">{t('approvals.deciding')}</span> : null}
          </div>
        </>
      ) : (
        <p className="muted small">{t('approvals.notYours')}</p>
      )}
      {decide.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(decide.error, locale, t('approvals.failed'))}
        </p>
      ) : null}
    </article>
  );
}
