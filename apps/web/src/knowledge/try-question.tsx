import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import { articleTitle, type ListedArticle } from './knowledge-filter.ts';

/**
 * "Try a question": what the auto-reply step would find among the published
 * articles for a customer's question, ranked, with each match's confidence.
 */
export function TryQuestion(props: { articles: readonly ListedArticle[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const [typed, setTyped] = useState('');
  const [asked, setAsked] = useState('');
  const result = useQuery({
    ...trpc.knowledge.try.queryOptions({ question: asked }),
    enabled: asked !== '',
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked(typed.trim());
  };
  const titleOf = (id: string) => {
    const article = props.articles.find((candidate) => candidate.id === id);
    return article ? articleTitle(article, locale) : id;
  };

  return (
    <section className="card kb-try" aria-labelledby="kb-try-title">
      <h2 id="kb-try-title">{t('knowledge.tryTitle')}</h2>
      <p className="muted">{t('knowledge.tryHelp')}</p>
      <form className="inline-form" onSubmit={submit}>
        <label className="visually-hidden" htmlFor="kb-try-question">
          {t('knowledge.tryLabel')}
        </label>
        <input
          id="kb-try-question"
          type="search"
          value={typed}
          maxLength={2000}
          placeholder={t('knowledge.tryPlaceholder')}
          onChange={(event) => setTyped(event.target.value)}
        />
        <button type="submit" disabled={typed.trim() === ''}>
          {t('knowledge.tryButton')}
        </button>
      </form>
      {result.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(result.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {result.data ? (
        result.data.length === 0 ? (
          <p role="status">{t('knowledge.tryNone')}</p>
        ) : (
          <ol className="kb-try-results" aria-label={t('knowledge.tryResults')}>
            {result.data.map((hit) => (
              <li key={hit.articleId}>
                <button type="button" className="link-button" onClick={() => props.onOpen(hit.articleId)}>
                  {titleOf(hit.articleId)}
                </button>{' '}
                <span className="badge" data-testid="kb-try-confidence">
                  {t('knowledge.tryConfidence', { value: Math.round(hit.confidence * 100) })}
                </span>
                <div className="muted">{t('knowledge.tryMatched', { question: hit.question })}</div>
              </li>
            ))}
          </ol>
        )
      ) : null}
    </section>
  );
}
