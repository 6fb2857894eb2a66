import { useTranslation } from 'react-i18next';
import { EmptyState } from './empty-state.tsx';

/** No templates endpoint exists yet: say so plainly instead of showing made-up cards. */
export function TemplatesPage() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('nav.templates')}</h1>
      <EmptyState title={t('templates.emptyTitle')}>
        <p>{t('templates.emptyBody')}</p>
      </EmptyState>
    </>
  );
}
