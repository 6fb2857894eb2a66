import { LOCALES, type Locale } from '@flowdesk/model';
import { useMutation } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { type KeyboardEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import { type ArticleDraft, articleInput, draftOf, EMPTY_DRAFT } from './article-draft.ts';
import { ArticleUsagePanel, type ArticleUse } from './article-usage-panel.tsx';
import { articleTitle, type ListedArticle } from './knowledge-filter.ts';
import { TagChips } from './tag-chips.tsx';

type Outcome = 'saved' | 'published' | 'unpublished';

/**
 * Writes one article: a tab per language (title, the questions customers ask,
 * the answer), tags, and Save draft / Publish / Unpublish / Delete. A new
 * article is saved as a draft; Publish saves first, so what goes live is what
 * is on screen.
 */
export function ArticleEditor(props: {
  article: ListedArticle | null;
  latest: readonly ArticleUse[];
  onSaved: (id: string) => void;
  onDeleted: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const { article } = props;
  const [draft, setDraft] = useState<ArticleDraft>(() => (article ? draftOf(article) : EMPTY_DRAFT));
  const [tab, setTab] = useState<Locale>(locale);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const focusWhenShown = useCallback((element: HTMLButtonElement | null) => element?.focus(), []);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const create = useMutation(trpc.knowledge.create.mutationOptions());
  const update = useMutation(trpc.knowledge.update.mutationOptions());
  const publish = useMutation(trpc.knowledge.publish.mutationOptions());
  const unpublish = useMutation(trpc.knowledge.unpublish.mutationOptions());
  const remove = useMutation(trpc.knowledge.delete.mutationOptions());
  const busy = [create, update, publish, unpublish, remove].some((mutation) => mutation.isPending);
  const [failure, setFailure] = useState<unknown>(null);
  // Set once a new article was created, so a failed publish after it does not create it again.
  const [createdId, setCreatedId] = useState<string | null>(null);

  const save = async (): Promise<string> => {
    const input = articleInput(draft);
    const id = article?.id ?? createdId;
    if (id) return (await update.mutateAsync({ id, article: input })).id;
    const created = await create.mutateAsync(input);
    setCreatedId(created.id);
    props.onSaved(created.id);
    return created.id;
  };
  const run = async (work: () => Promise<string>, done: Outcome) => {
    setFailure(null);
    setOutcome(null);
    try {
      const id = await work();
      setOutcome(done);
      props.onSaved(id);
    } catch (error) {
      setFailure(error);
    }
  };
  const onSave = () => run(save, 'saved');
  const onPublish = () =>
    run(async () => {
      const id = await save();
      await publish.mutateAsync({ id });
      return id;
    }, 'published');
  const onUnpublish = () =>
    run(async () => {
      const id = await save();
      await unpublish.mutateAsync({ id });
      return id;
    }, 'unpublished');
  const onDelete = async () => {
    if (!article) return;
    setFailure(null);
    try {
      await remove.mutateAsync({ id: article.id });
      props.onDeleted();
    } catch (error) {
      setFailure(error);
    }
  };

  const setText = (field: 'title' | 'answer', value: string) =>
    setDraft((current) => ({ ...current, [field]: { ...current[field], [tab]: value } }));
  const setQuestions = (questions: string[]) =>
    setDraft((current) => ({ ...current, questions: { ...current.questions, [tab]: questions } }));
  const questions = draft.questions[tab];
  // Arrow keys move between the language tabs, as in any tab list; Tab goes on to the fields.
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, from: Locale) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const step = event.key === 'ArrowRight' ? 1 : LOCALES.length - 1;
    const next = LOCALES[(LOCALES.indexOf(from) + step) % LOCALES.length] as Locale;
    setTab(next);
    document.getElementById(`kb-tab-${next}`)?.focus();
  };

  const published = article?.status === 'published';
  const heading = article ? articleTitle(article, locale) : t('knowledge.newTitle');

  return (
    <section className="card kb-editor" aria-labelledby="kb-editor-title">
      <div className="page-header">
        <h2 id="kb-editor-title">{heading}</h2>
        <span className={`badge ${published ? 'kb-published' : 'kb-draft'}`}>
          {published ? t('knowledge.statusPublished') : t('knowledge.statusDraft')}
        </span>
      </div>
      <div className="tabs kb-tabs" role="tablist" aria-label={t('knowledge.languages')}>
        {LOCALES.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`kb-tab-${id}`}
            aria-selected={tab === id}
            aria-controls="kb-tab-panel"
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={(event) => onTabKey(event, id)}
          >
            {id === 'zh-CN' ? t('knowledge.langZh') : t('knowledge.langEn')}
          </button>
        ))}
      </div>
      <div id="kb-tab-panel" role="tabpanel" aria-labelledby={`kb-tab-${tab}`} className="kb-fields">
        <label>
          {t('knowledge.fieldTitle')}
          <input
            value={draft.title[tab]}
            maxLength={200}
            lang={tab}
            onChange={(event) => setText('title', event.target.value)}
          />
        </label>
        <fieldset>
          <legend>{t('knowledge.fieldQuestions')}</legend>
          <p className="muted">{t('knowledge.questionsHelp')}</p>
          <ol className="kb-questions">
            {questions.map((question, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions; their text changes as it is typed
              <li key={index}>
                <label className="visually-hidden" htmlFor={`kb-question-${tab}-${index}`}>
                  {t('knowledge.questionLabel', { n: index + 1 })}
                </label>
                <input
                  id={`kb-question-${tab}-${index}`}
                  value={question}
                  maxLength={500}
                  lang={tab}
                  onChange={(event) =>
                    setQuestions(questions.map((other, at) => (at === index ? event.target.value : other)))
                  }
                />
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('knowledge.removeQuestion', { n: index + 1 })}
                  onClick={() => setQuestions(questions.filter((_, at) => at !== index))}
                >
                  <Trash2 size={14} aria-hidden="true" />
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            onClick={() => setQuestions([...questions, ''])}
            disabled={questions.length >= 50}
          >
            <Plus size={14} aria-hidden="true" />
            {t('knowledge.addQuestion')}
          </button>
        </fieldset>
        <label>
          {t('knowledge.fieldAnswer')}
          <textarea
            rows={5}
            value={draft.answer[tab]}
            maxLength={5000}
            lang={tab}
            onChange={(event) => setText('answer', event.target.value)}
          />
        </label>
      </div>
      <TagChips tags={draft.tags} onChange={(tags) => setDraft((current) => ({ ...current, tags }))} />
      {failure ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(failure, locale, t('common.failed'))}
        </p>
      ) : null}
      {outcome ? (
        <p role="status">
          {outcome === 'saved'
            ? t('knowledge.saved')
            : outcome === 'published'
              ? t('knowledge.published')
              : t('knowledge.unpublished')}
        </p>
      ) : null}
      <div className="kb-actions">
        <button type="button" onClick={onSave} disabled={busy}>
          {published ? t('knowledge.save') : t('knowledge.saveDraft')}
        </button>
        {published ? (
          <button type="button" onClick={onUnpublish} disabled={busy}>
            {t('knowledge.unpublish')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={onPublish} disabled={busy}>
            {t('knowledge.publish')}
          </button>
        )}
        {article ? (
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)} disabled={busy}>
            {t('knowledge.delete')}
          </button>
        ) : null}
        <button type="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
      {confirmDelete && article ? (
        <div className="notice" role="alertdialog" aria-labelledby="kb-confirm-delete">
          <p id="kb-confirm-delete">{t('knowledge.confirmDelete', { title: heading })}</p>
          <div className="kb-actions">
            <button
              type="button"
              className="danger"
              onClick={onDelete}
              disabled={busy}
              // The person just asked to delete: the confirmation takes the focus once, when it appears.
              ref={focusWhenShown}
            >
              {t('knowledge.confirmDeleteYes')}
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {article ? <ArticleUsagePanel latest={props.latest} /> : null}
    </section>
  );
}
