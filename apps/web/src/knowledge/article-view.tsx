import { LOCALES } from '@flowdesk/model';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/i18n.ts';
import { articleTitle, type ListedArticle } from './knowledge-filter.ts';

/** A published article as agents read it: both languages, questions and answer. */
export function ArticleView(props: { article: ListedArticle; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { article } = props;
  return (
    <section className="card kb-editor" aria-labelledby="kb-view-title">
      <div className="page-header">
        <h2 id="kb-view-title">{articleTitle(article, locale)}</h2>
        <button type="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
      {LOCALES.map((language) => (
        <div key={language} lang={language} className="kb-view-language">
          <h3>{language === 'zh-CN' ? t('knowledge.langZh') : t('knowledge.langEn')}</h3>
          <p>
            <strong>{article.title[language] || t('common.notSet')}</strong>
          </p>
          <ul>
            {article.questions[language].map((question) => (
              <li key={question}>{question}</li>
            ))}
          </ul>
          <p className="kb-answer">{article.answer[language] || t('common.notSet')}</p>
        </div>
      ))}
      {article.tags.length > 0 ? (
        <ul className="chip-list" aria-label={t('knowledge.fieldTags')}>
          {article.tags.map((tag) => (
            <li key={tag} className="chip">
              {tag}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
