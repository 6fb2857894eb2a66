import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../api/api-error.ts';
import { useTRPC } from '../../api/trpc.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { MergeCustomer } from './merge-customer.tsx';
import { NoteComposer } from './note-composer.tsx';
import { ReplyComposer } from './reply-composer.tsx';
import { TicketChanges } from './ticket-changes.tsx';

/**
 * What an agent can do on a ticket (reply, note, change, resolve). The ticket
 * page mounts it beside the timeline; `onChanged` lets the page reload what
 * an action changed.
 */
export interface TicketWorkPanelProps {
  ticketId: string;
  onChanged?: () => void;
}

export function TicketWorkPanel(props: TicketWorkPanelProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [changesSaved, setChangesSaved] = useState(false);
  const detail = useQuery(trpc.tickets.get.queryOptions({ id: props.ticketId }));
  const options = useQuery(trpc.tickets.workOptions.queryOptions({ id: props.ticketId }));
  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() });
    props.onChanged?.();
  };

  const error = detail.error ?? options.error;
  if (error) {
    return (
      <p role="alert" className="error-text">
        {apiErrorMessage(error, locale, t('common.failed'))}
      </p>
    );
  }
  if (!detail.data || !options.data) return <p role="status">{t('common.loading')}</p>;
  const { ticket, allowedTransitions, customer } = detail.data;
  const work = options.data;

  return (
    <section className="ticket-work" aria-label={t('ticketWork.title')}>
      <ReplyComposer
        ticketId={ticket.id}
        channel={ticket.channel}
        templates={work.templates}
        onSent={changed}
      />
      <NoteComposer
        ticketId={ticket.id}
        members={work.mentionable.map((member) => ({ id: member.id, name: member.name[locale] }))}
        onAdded={changed}
      />
      <TicketChanges
        // A reloaded ticket starts the form again from what the server now holds.
        key={ticket.updatedAt}
        ticket={ticket}
        allowedTransitions={allowedTransitions}
        categories={work.categories}
        teams={work.teams}
        agents={work.agents}
        saved={changesSaved}
        onSaved={setChangesSaved}
        onChanged={changed}
      />
      <MergeCustomer ticketId={ticket.id} customer={customer} onMerged={changed} />
    </section>
  );
}
