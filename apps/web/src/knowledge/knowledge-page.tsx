import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession } from '../auth/use-session.ts';
import { useLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../shared/format.ts';
import { ArticleEditor } from './article-editor.tsx';
import { ArticleView } from './article-view.tsx';
import {
  articleTitle,
  filterArticles,
  type KnowledgeFilters,
  NO_FILTERS,
  tagsOf,
} from './knowledge-filter.ts';
import { mayEditKnowledge } from './knowledge-roles.ts';
import { TryQuestion } from './try-question.tsx';
import './knowledge.css';

/** Which article the panel shows; `key` changes only when someone opens another one, not when a new one is saved. */
interface Opened {
  key: number;
  id: string | null;
}

/**
 * The knowledge base (issue 13, item 7): articles in zh-CN and en with tags,
 * draft or published, searched and filtered here; editors also see how often
 * each answered requests and what customers thought, try questions, and write.
 * Ticket workers read the published articles.
 */
export function KnowledgePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useSession();
  const editing = mayEditKnowledge(session.data?.role);
  const list = useQuery(trpc.knowledge.list.queryOptions());
  const usage = useQuery({ ...trpc.knowledge.usage.queryOptions(), enabled: editing });
  const [filters, setFilters] = useState<KnowledgeFilters>(NO_FILTERS);
  const [opened, setOpened] = useState<Opened | null>(null);
  const open = (id: string | null) => setOpened((current) => ({ key: (current?.key ?? 0) + 1, id }));
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.knowledge.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.knowledge.usage.queryKey() }),
    ]);

  const articles = list.data ?? [];
  const shown = filterArticles(articles, filters);
  const usageOf = (id: string) => usage.data?.find((row) => row.articleId === id);
  const openedArticle = opened?.id ? (articles.find((article) => article.id === opened.id) ?? null) : null;
  const failed = list.error ?? usage.error;

  return (
    <div className="kb-page">
      <div className="page-header">
        <h1>{t('knowledge.title')}</h1>
        {editing ? (
          <button type="button" className="primary" onClick={() => open(null)}>
            <Plus size={16} aria-hidden="true" />
            {t('knowledge.newArticle')}
          </button>
        ) : null}
      </div>
      <p className="muted">{editing ? t('knowledge.intro') : t('knowledge.readOnly')}</p>
      {failed ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(failed, locale, t('common.failed'))}
        </p>
      ) : null}
      {editing ? <TryQuestion articles={articles} onOpen={(id) => open(id)} /> : null}
      <search className="filters" aria-label={t('knowledge.filtersLabel')}>
        <label>
          {t('knowledge.searchLabel')}
          <input
            type="search"
            className="search-input"
            value={filters.search}
            maxLength={200}
            placeholder={t('knowledge.searchPlaceholder')}
            onChange={(event) => setFilters({ ...filters, search: event.target.value })}
          />
        </label>
        <label>
          {t('knowledge.tagFilter')}
          <select
            value={filters.tag}
            onChange={(event) => setFilters({ ...filters, tag: event.target.value })}
          >
            <option value="">{t('knowledge.allTags')}</option>
            {tagsOf(articles).map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        </label>
        {editing ? (
          <label>
            {t('knowledge.statusFilter')}
            <select
              value={filters.status}
              onChange={(event) =>
                setFilters({ ...filters, status: event.target.value as KnowledgeFilters['status'] })
              }
            >
              <option value="all">{t('knowledge.statusAll')}</option>
              <option value="draft">{t('knowledge.statusDraft')}</option>
              <option value="published">{t('knowledge.statusPublished')}</option>
            </select>
          </label>
        ) : null}
      </search>
      {opened && editing ? (
        <ArticleEditor
          key={opened.key}
          article={openedArticle}
          latest={opened.id ? (usageOf(opened.id)?.latest ?? []) : []}
          onSaved={(id) => {
            setOpened((current) => (current ? { ...current, id } : current));
            void refresh();
          }}
          onDeleted={() => {
            setOpened(null);
            void refresh();
          }}
          onClose={() => setOpened(null)}
        />
      ) : null}
      {opened && !editing && openedArticle ? (
        <ArticleView article={openedArticle} onClose={() => setOpened(null)} />
      ) : null}
      {list.data && shown.length === 0 ? (
        <p className="muted" role="status">
          {articles.length === 0 ? t('knowledge.noArticles') : t('knowledge.empty')}
        </p>
      ) : null}
      {shown.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table kb-table">
            <caption className="visually-hidden">{t('knowledge.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('knowledge.colTitle')}</th>
                <th scope="col">{t('knowledge.colTags')}</th>
                {editing ? (
                  <>
                    <th scope="col">{t('knowledge.colStatus')}</th>
                    <th scope="col">{t('knowledge.colUses')}</th>
                    <th scope="col">{t('knowledge.colFeedback')}</th>
                    <th scope="col">{t('knowledge.colLastUsed')}</th>
                  </>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {shown.map((article) => {
                const row = usageOf(article.id);
                return (
                  <tr key={article.id} data-testid={`kb-row-${article.id}`}>
                    <th scope="row">
                      <button type="button" className="link-button" onClick={() => open(article.id)}>
                        {articleTitle(article, locale)}
                      </button>
                    </th>
                    <td>{article.tags.join(', ')}</td>
                    {editing ? (
                      <>
                        <td>
                          <span
                            className={`badge ${article.status === 'published' ? 'kb-published' : 'kb-draft'}`}
                          >
                            {article.status === 'published'
                              ? t('knowledge.statusPublished')
                              : t('knowledge.statusDraft')}
                          </span>
                        </td>
                        <td data-testid="kb-uses">
                          {t('knowledge.uses', {
                            recent: row?.usesLast30Days ?? 0,
                            total: row?.usesTotal ?? 0,
                          })}
                        </td>
                        <td>
                          {t('knowledge.feedback', {
                            helpful: row?.helpful ?? 0,
                            notHelpful: row?.notHelpful ?? 0,
                          })}
                        </td>
                        <td>
                          {row?.lastUsedAt ? formatDateTime(row.lastUsedAt, locale) : t('knowledge.never')}
                        </td>
                      </>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
