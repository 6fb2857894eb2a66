import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferOutput } from '@trpc/tanstack-react-query';
import { Check, X } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import { EmptyState } from '../pages/empty-state.tsx';
import { formatDateTime } from '../shared/format.ts';
import { ticketLink } from './ticket-origin.ts';

type ApprovalItem = inferOutput<ReturnType<typeof useTRPC>['approvals']['list']>[number];

/**
 * The approval queue: flow steps waiting for a person to approve or reject,
 * each with the question and the facts the flow gathered. Deciding resumes
 * the waiting execution on the server; the queue then drops the request.
 */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const approvals = useQuery({ ...trpc.approvals.list.queryOptions(), refetchInterval: 15_000 });
  const [decided, setDecided] = useState(false);

  return (
    <div className="approvals-page">
      <h1>{t('nav.approvals')}</h1>
      <p className="muted">{t('approvals.intro')}</p>
      <p role="status" className="approvals-status">
        {decided ? t('approvals.decided') : ''}
      </p>
      {approvals.isPending ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : approvals.error ? (
        <p role="alert" className="error-text">
          {t('common.failed')}
        </p>
      ) : approvals.data.length === 0 ? (
        <EmptyState title={t('approvals.empty')} />
      ) : (
        <ul className="approval-list">
          {approvals.data.map((item) => (
            <li key={item.id}>
              <ApprovalCard item={item} onDecided={() => setDecided(true)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ApprovalCard({ item, onDecided }: { item: ApprovalItem; onDecided: () => void }) {
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
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.approvals.list.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.approvals.count.queryKey() }),
        ]);
      },
      // Someone else decided first: the list is out of date either way.
      onError: () => queryClient.invalidateQueries({ queryKey: trpc.approvals.list.queryKey() }),
    }),
  );
  const decider =
    item.decider.kind === 'team'
      ? t('approvals.deciderTeam', { team: item.decider.teamId })
      : t('approvals.deciderSupervisors');
  const send = (decision: 'approved' | 'rejected') => decide.mutate({ id: item.id, decision, note });

  return (
    <article className="card approval-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="approval-question">
        {item.question}
      </h2>
      <dl className="approval-meta">
        <dt>{t('approvals.flow')}</dt>
        <dd>
          {item.flowName} <span className="muted">({t('approvals.version', { version: item.version })})</span>
        </dd>
        <dt>{t('approvals.ticket')}</dt>
        <dd>
          {item.ticketId ? (
            <Link {...ticketLink(item.ticketId, 'approvals')}>{item.ticketNumber ?? item.ticketId}</Link>
          ) : (
            t('approvals.noTicket')
          )}
        </dd>
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
