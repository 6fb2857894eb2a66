import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
// Only the type crosses into the browser, like AppRouter's.
import type { TemplateSummary } from '../../../server/src/templates/template-catalog.ts';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';

/**
 * One template: what it automates, the flows it installs, and "use template"
 * with its settings (the order-system URL, a threshold…). Installing twice is
 * harmless: the server reports what already existed.
 */
export function TemplateCard({ template }: { template: TemplateSummary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(template.settings.map((setting) => [setting.key, String(setting.default)])),
  );
  const [publish, setPublish] = useState(false);
  const install = useMutation(
    trpc.templates.install.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() }),
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    install.mutate({ id: template.id, settings: values, publish });
  };
  const result = install.data?.ok ? install.data : undefined;

  return (
    <article className="card template-card" aria-labelledby={`${id}-name`} data-testid="template-card">
      <h2 id={`${id}-name`}>{template.name[locale]}</h2>
      <p>{template.description[locale]}</p>
      <p className="muted small">
        {t('templates.counts', {
          flows: template.flows.length,
          teams: template.counts.teams,
          messages: template.counts.messageTemplates,
          articles: template.counts.articles,
          samples: template.counts.samples,
        })}
      </p>
      <h3>{t('templates.flows')}</h3>
      <ul className="template-flows">
        {template.flows.map((flow) => (
          <li key={flow.key}>
            <strong>{flow.name[locale]}</strong>
            <span className="muted small"> — {flow.description[locale]}</span>
          </li>
        ))}
      </ul>
      {open ? (
        <form onSubmit={submit} aria-label={t('templates.useNamed', { name: template.name[locale] })}>
          {template.settings.length > 0 ? <h3>{t('templates.settings')}</h3> : null}
          {template.settings.map((setting) => (
            <div className="form-group" key={setting.key}>
              <label htmlFor={`${id}-${setting.key}`}>{setting.label[locale]}</label>
              <input
                id={`${id}-${setting.key}`}
                type={setting.kind === 'number' ? 'number' : setting.kind === 'url' ? 'url' : 'text'}
                value={values[setting.key] ?? ''}
                maxLength={2000}
                onChange={(event) => setValues({ ...values, [setting.key]: event.target.value })}
              />
            </div>
          ))}
          <label className="checkbox-row">
            <input type="checkbox" checked={publish} onChange={(event) => setPublish(event.target.checked)} />
            {t('templates.publishNow')}
          </label>
          <p className="muted small">{t('templates.publishHelp')}</p>
          <div className="button-row">
            <button type="submit" className="primary" disabled={install.isPending}>
              {install.isPending ? t('templates.installing') : t('templates.install')}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="primary"
            aria-label={t('templates.useNamed', { name: template.name[locale] })}
            onClick={() => setOpen(true)}
          >
            {t('templates.use')}
          </button>
        </div>
      )}
      {install.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(install.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {result ? (
        <p role="status" className="notice">
          {result.alreadyApplied
            ? t('templates.alreadyApplied')
            : t('templates.installed', {
                flows: result.created.flows,
                teams: result.created.teams,
                messages: result.created.messageTemplates,
                articles: result.created.articles,
                published: result.published,
              })}{' '}
          <Link to="/flows">{t('templates.openFlows')}</Link>
        </p>
      ) : null}
    </article>
  );
}
