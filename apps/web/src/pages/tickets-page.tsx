import { useTranslation } from 'react-i18next';
import { EmptyState } from './empty-state.tsx';

/** The tickets list needs a tickets endpoint, which the server does not offer yet. */
export function TicketsPage() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('nav.tickets')}</h1>
      <EmptyState title={t('tickets.emptyTitle')}>
        <p>{t('tickets.emptyBody')}</p>
      </EmptyState>
    </>
  );
}
