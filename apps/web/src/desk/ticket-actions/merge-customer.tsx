import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../api/api-error.ts';
import { useTRPC } from '../../api/trpc.ts';
import { useLocale } from '../../i18n/i18n.ts';

interface CustomerSummary {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  channelIds: Record<string, string>;
}

function describe(customer: CustomerSummary, unnamed: string): string {
  const contacts = [customer.phone, customer.email, ...Object.values(customer.channelIds)].filter(Boolean);
  return [customer.name ?? unnamed, ...contacts].join(' · ');
}

/**
 * The same person wrote from two places (say WeChat and email) and became two
 * profiles: find the other one and fold it into the ticket's customer. The
 * contacts shown are masked as the server masks them for the role.
 */
export function MergeCustomer(props: {
  ticketId: string;
  customer: CustomerSummary | null;
  onMerged: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<CustomerSummary>();
  const found = useQuery({
    ...trpc.tickets.findCustomers.queryOptions({ query }),
    enabled: query.length > 0,
  });
  const merge = useMutation(
    trpc.tickets.mergeCustomer.mutationOptions({
      onSuccess: () => {
        setPicked(undefined);
        setQuery('');
        setDraft('');
        props.onMerged();
      },
    }),
  );
  if (!props.customer) return null;
  const current = props.customer;
  const others = (found.data ?? []).filter((customer) => customer.id !== current.id);
  const unnamed = t('ticketWork.merge.unnamed');

  const search = (event: FormEvent) => {
    event.preventDefault();
    setPicked(undefined);
    setQuery(draft.trim());
  };

  return (
    <section className="ticket-work-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('ticketWork.merge.title')}</h3>
      <p className="muted small">{t('ticketWork.merge.current', { customer: describe(current, unnamed) })}</p>
      <form className="ticket-work-row" onSubmit={search} aria-label={t('ticketWork.merge.search')}>
        <label htmlFor={`${id}-query`}>{t('ticketWork.merge.find')}</label>
        <input
          id={`${id}-query`}
          value={draft}
          maxLength={100}
          placeholder={t('ticketWork.merge.placeholder')}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="button" disabled={!draft.trim()}>
          {t('ticketWork.merge.search')}
        </button>
      </form>
      {found.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(found.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {query && found.data && others.length === 0 ? (
        <p className="muted small" role="status">
          {t('ticketWork.merge.noneFound')}
        </p>
      ) : null}
      {others.length > 0 ? (
        <fieldset className="merge-results">
          <legend>{t('ticketWork.merge.results')}</legend>
          {others.map((customer) => (
            <label key={customer.id} className="checkbox-row">
              <input
                type="radio"
                name={`${id}-other`}
                checked={picked?.id === customer.id}
                onChange={() => setPicked(customer)}
              />
              {describe(customer, unnamed)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {merge.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(merge.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {merge.data ? (
        <p role="status" className="notice">
          {t('ticketWork.merge.done')}
        </p>
      ) : null}
      {picked ? (
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={merge.isPending}
            onClick={() => merge.mutate({ id: props.ticketId, otherCustomerId: picked.id })}
          >
            {t('ticketWork.merge.confirm', {
              other: describe(picked, unnamed),
              customer: current.name ?? unnamed,
            })}
          </button>
        </div>
      ) : null}
    </section>
  );
}
