import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../api/api-error.ts';
import { useTRPC } from '../../api/trpc.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../shared/format.ts';
import { AgentLoadTable } from './agent-load-table.tsx';
import { EscalationsList } from './escalations-list.tsx';
import { QualityReviewTile } from './quality-review-tile.tsx';
import { ReassignTickets } from './reassign-tickets.tsx';
import { teamLabel } from './supervisor-format.ts';
import { TeamBacklogTable } from './team-backlog-table.tsx';

/**
 * The supervisor view (issue 13, item 5): backlog and overdue per team, each
 * agent's load and status (with the away/available toggle), open tickets to
 * reassign in bulk, the escalations, and the way to the quality-review queue.
 * Refreshed every 15 s by polling, like the inbox.
 */

export const SUPERVISOR_POLL_MS = 15_000;

type Notice = { kind: 'done' | 'error'; text: string } | null;

export function SupervisorPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<Notice>(null);
  const overview = useQuery({
    ...trpc.supervisor.overview.queryOptions(),
    refetchInterval: SUPERVISOR_POLL_MS,
  });
  const escalations = useQuery({
    ...trpc.supervisor.escalations.queryOptions(),
    refetchInterval: SUPERVISOR_POLL_MS,
  });
  const setStatus = useMutation(
    trpc.supervisor.setAgentStatus.mutationOptions({
      onSuccess: (answer) => {
        const name = overview.data?.agents.find((agent) => agent.id === answer.id)?.name ?? answer.id;
        setNotice({ kind: 'done', text: t(`supervisor.statusSet.${answer.status}`, { name }) });
      },
      onError: (error) =>
        setNotice({ kind: 'error', text: apiErrorMessage(error, locale, t('common.failed')) }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.supervisor.pathKey() }),
    }),
  );
  const data = overview.data;
  const teamName = (id: string) => {
    const team = data?.teams.find((entry) => entry.id === id);
    return team ? teamLabel(team, locale, t) : id;
  };

  return (
    <div className="supervisor-page">
      <div className="page-header">
        <h1>{t('supervisor.title')}</h1>
        <QualityReviewTile />
      </div>
      <p className="muted" role="status">
        {data ? t('supervisor.asOf', { time: formatDateTime(data.at, locale) }) : t('common.loading')}
      </p>
      {notice ? (
        <p
          role={notice.kind === 'error' ? 'alert' : 'status'}
          className={notice.kind === 'error' ? 'error-text' : 'notice'}
        >
          {notice.text}
        </p>
      ) : null}
      {overview.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(overview.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {data ? (
        <>
          <section aria-labelledby="supervisor-teams">
            <h2 id="supervisor-teams">{t('supervisor.teams')}</h2>
            <TeamBacklogTable teams={data.teams} at={data.at} />
          </section>
          <section aria-labelledby="supervisor-agents">
            <h2 id="supervisor-agents">{t('supervisor.agents')}</h2>
            <AgentLoadTable
              agents={data.agents}
              busy={setStatus.isPending}
              onSetStatus={(agent, status) => {
                setNotice(null);
                setStatus.mutate({ agentId: agent.id, status });
              }}
            />
          </section>
          <section aria-labelledby="supervisor-reassign">
            <h2 id="supervisor-reassign">{t('supervisor.reassign')}</h2>
            <ReassignTickets teams={data.teams} agents={data.agents} />
          </section>
        </>
      ) : null}
      <section aria-labelledby="supervisor-escalations">
        <h2 id="supervisor-escalations">{t('supervisor.escalations')}</h2>
        {escalations.data ? <EscalationsList items={escalations.data} teamName={teamName} /> : null}
      </section>
    </div>
  );
}
