import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../api/api-error.ts';
import { useTRPC } from '../../api/trpc.ts';
import { useLocale } from '../../i18n/i18n.ts';

/**
 * The agent's own available/away switch in the inbox header. Away, the routing
 * hands them no new tickets; back to available, they take waiting ones at once.
 * Readers without an agent profile (an admin) see nothing.
 */
export function MyStatusToggle() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery({ ...trpc.inbox.myStatus.queryOptions(), retry: false });
  const change = useMutation(
    trpc.inbox.setMyStatus.mutationOptions({
      onSuccess: (answer) => queryClient.setQueryData(trpc.inbox.myStatus.queryKey(), answer),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.inbox.queues.pathKey() }),
    }),
  );
  if (!status.data) return null;
  const away = status.data.status === 'away';
  return (
    <span className="my-status">
      <span className={`badge agent-${status.data.status}`}>
        {t(`supervisor.statusValue.${status.data.status}`)}
      </span>
      <button
        type="button"
        aria-pressed={away}
        disabled={change.isPending}
        onClick={() => change.mutate({ status: away ? 'available' : 'away' })}
      >
        {t(away ? 'inbox.backAvailable' : 'inbox.goAway')}
      </button>
      {change.error ? (
        <span role="alert" className="error-text">
          {apiErrorMessage(change.error, locale, t('common.failed'))}
        </span>
      ) : null}
    </span>
  );
}
