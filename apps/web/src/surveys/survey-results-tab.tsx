import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { inferOutput } from '@trpc/tanstack-react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { ticketLink } from '../desk/ticket-origin.ts';
import { useLocale } from '../i18n/i18n.ts';
import { EmptyState } from '../pages/empty-state.tsx';
import { formatDateTime } from '../shared/format.ts';
import { barWidth, formatMean, formatNps, formatShare } from './survey-numbers.ts';
import { type DayRange, lastDays, rangeInstants } from './survey-range.ts';

type Results = inferOutput<ReturnType<typeof useTRPC>['surveys']['results']>;
type Group = Results['groups'][number];
type Comment = Results['comments'][number];
type GroupBy = 'flow' | 'team' | 'agent';
type Kind = 'csat' | 'nps';

/** The results tab: a date range, group by flow, team or agent, CSAT or NPS; a table with bars and the latest comments. */
export function SurveyResultsTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const [range, setRange] = useState<DayRange>(() => lastDays(new Date(), 30));
  const [groupBy, setGroupBy] = useState<GroupBy>('team');
  const [kind, setKind] = useState<Kind>('csat');
  const ids = { from: useId(), to: useId(), groupBy: useId(), kind: useId() };
  const instants = rangeInstants(range);
  const results = useQuery({
    ...trpc.surveys.results.queryOptions(
      { from: instants?.from ?? '', to: instants?.to ?? '', groupBy, kind },
      { enabled: instants !== null },
    ),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const data = results.data;
  const noData = t('surveys.noData');

  return (
    <>
      <form
        className="filters survey-filters"
        aria-label={t('surveys.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <label htmlFor={ids.from}>
          {t('surveys.from')}
          <input
            id={ids.from}
            type="date"
            value={range.from}
            onChange={(event) => setRange({ ...range, from: event.target.value })}
          />
        </label>
        <label htmlFor={ids.to}>
          {t('surveys.to')}
          <input
            id={ids.to}
            type="date"
            value={range.to}
            onChange={(event) => setRange({ ...range, to: event.target.value })}
          />
        </label>
        <label htmlFor={ids.groupBy}>
          {t('surveys.groupBy')}
          <select
            id={ids.groupBy}
            value={groupBy}
            onChange={(event) => setGroupBy(event.target.value as GroupBy)}
          >
            <option value="team">{t('surveys.byTeam')}</option>
            <option value="agent">{t('surveys.byAgent')}</option>
            <option value="flow">{t('surveys.byFlow')}</option>
          </select>
        </label>
        <label htmlFor={ids.kind}>
          {t('surveys.kind')}
          <select id={ids.kind} value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
            <option value="csat">{t('surveys.kindCsat')}</option>
            <option value="nps">{t('surveys.kindNps')}</option>
          </select>
        </label>
      </form>
      {results.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(results.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {results.isPending && instants ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : null}
      {data && !results.error ? (
        <>
          <Totals data={data} noData={noData} />
          {data.groups.length === 0 ? (
            <EmptyState title={t('surveys.emptyTitle')}>
              <p>{t('surveys.emptyBody')}</p>
            </EmptyState>
          ) : (
            <GroupTable data={data} noData={noData} />
          )}
          <CommentList comments={data.comments} title={t('surveys.latestComments')} />
        </>
      ) : null}
    </>
  );
}

function Totals({ data, noData }: { data: Results; noData: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <dl className="survey-totals" data-testid="survey-totals">
      <div>
        <dt>{t('surveys.answers')}</dt>
        <dd>{data.total.answers}</dd>
      </div>
      {data.kind === 'csat' ? (
        <div>
          <dt>{t('surveys.satisfied')}</dt>
          <dd>{formatShare(data.total.satisfiedShare, locale, noData)}</dd>
        </div>
      ) : (
        <div>
          <dt>{t('surveys.nps')}</dt>
          <dd>{formatNps(data.total.nps, locale, noData)}</dd>
        </div>
      )}
      <div>
        <dt>{t('surveys.mean')}</dt>
        <dd>{formatMean(data.total.mean, locale, noData)}</dd>
      </div>
    </dl>
  );
}

function useGroupName() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (group: Group, groupBy: GroupBy): string => {
    if (group.id === null) {
      return t(
        groupBy === 'flow' ? 'surveys.noFlow' : groupBy === 'team' ? 'surveys.noTeam' : 'surveys.noAgent',
      );
    }
    const name = group.name?.[locale] ?? group.id;
    return group.version === null ? name : t('surveys.flowVersion', { name, version: group.version });
  };
}

function GroupTable({ data, noData }: { data: Results; noData: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const groupName = useGroupName();
  const headline = data.kind === 'csat' ? t('surveys.satisfied') : t('surveys.nps');
  return (
    <div className="table-scroll">
      <table className="data-table survey-table">
        <caption className="visually-hidden">{t('surveys.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">
              {t(
                data.groupBy === 'flow'
                  ? 'surveys.byFlow'
                  : data.groupBy === 'team'
                    ? 'surveys.byTeam'
                    : 'surveys.byAgent',
              )}
            </th>
            <th scope="col">{t('surveys.answers')}</th>
            <th scope="col">{headline}</th>
            <th scope="col">{t('surveys.mean')}</th>
          </tr>
        </thead>
        <tbody>
          {data.groups.map((group) => {
            const name = groupName(group, data.groupBy);
            const value =
              data.kind === 'csat'
                ? formatShare(group.summary.satisfiedShare, locale, noData)
                : formatNps(group.summary.nps, locale, noData);
            return (
              <tr key={`${group.id ?? ''}@${group.version ?? ''}`}>
                <th scope="row">
                  {name}
                  {group.comments.length > 0 ? (
                    <details className="survey-group-comments">
                      <summary>{t('surveys.groupComments', { count: group.comments.length })}</summary>
                      <CommentItems comments={group.comments} />
                    </details>
                  ) : null}
                </th>
                <td>{group.summary.answers}</td>
                <td>
                  <div className="survey-bar-cell">
                    <span className="survey-bar" aria-hidden="true">
                      <span style={{ width: `${barWidth(group.summary)}%` }} />
                    </span>
                    <span>{value}</span>
                  </div>
                </td>
                <td>{formatMean(group.summary.mean, locale, noData)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function CommentList({ comments, title }: { comments: Comment[]; title: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="survey-comments" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {comments.length === 0 ? (
        <p className="muted">{t('surveys.noComments')}</p>
      ) : (
        <CommentItems comments={comments} />
      )}
    </section>
  );
}

function CommentItems({ comments }: { comments: Comment[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ul className="survey-comment-list">
      {comments.map((comment) => (
        <li key={comment.surveyId}>
          <span className="survey-score">{t('surveys.score', { score: comment.score })}</span>
          <q>{comment.comment}</q>
          <span className="muted small">
            {formatDateTime(comment.answeredAt, locale)}
            {comment.ticketId ? (
              <>
                {' · '}
                <Link {...ticketLink(comment.ticketId, 'surveys')}>
                  {comment.ticketNumber ?? comment.ticketId}
                </Link>
              </>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
