import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import { EmptyState } from './empty-state.tsx';
import { TemplateCard } from './template-card.tsx';

/** The template gallery: one card per industry template the server ships. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const templates = useQuery(trpc.templates.list.queryOptions());
  return (
    <>
      <div className="page-header">
        <h1>{t('nav.templates')}</h1>
      </div>
      <p className="muted">{t('templates.intro')}</p>
      {templates.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {templates.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(templates.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {templates.data?.length === 0 ? (
        <EmptyState title={t('templates.emptyTitle')}>
          <p>{t('templates.emptyBody')}</p>
        </EmptyState>
      ) : null}
      {templates.data && templates.data.length > 0 ? (
        <div className="template-grid">
          {templates.data.map((template) => (
            <TemplateCard key={template.id} template={template} />
          ))}
        </div>
      ) : null}
    </>
  );
}
