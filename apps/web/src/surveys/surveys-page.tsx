import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/use-session.ts';
import { QualityReviewTab } from './quality-review-tab.tsx';
import { SurveyResultsTab } from './survey-results-tab.tsx';

/** Who sees the quality review; the server's policy (ROLES.supervisors) decides, this only hides the tab. */
const REVIEWING_ROLES: readonly string[] = ['admin', 'supervisor'];

type SurveysTab = 'results' | 'review';

/**
 * Surveys: the results per flow, team and agent with their comments, and for
 * supervisors the quality review of CSAT answers below 4. The tab is in the
 * address (`?tab=review`), so the supervisor page links straight to the queue
 * and a ticket's back link returns to it.
 */
export function SurveysPage() {
  const { t } = useTranslation();
  const role = useSession().data?.role ?? '';
  const mayReview = REVIEWING_ROLES.includes(role);
  const [params, setParams] = useSearchParams();
  const tab: SurveysTab = mayReview && params.get('tab') === 'review' ? 'review' : 'results';
  const tabs: SurveysTab[] = mayReview ? ['results', 'review'] : ['results'];
  const select = (next: SurveysTab) =>
    setParams(next === 'review' ? { tab: 'review' } : {}, { replace: true });

  return (
    <div className="surveys-page">
      <h1>{t('surveys.title')}</h1>
      <p className="muted">{t('surveys.intro')}</p>
      <div className="tabs surveys-tabs" role="tablist" aria-label={t('surveys.title')}>
        {tabs.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`surveys-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`surveys-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => select(id)}
            onKeyDown={(event) => {
              if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
              const next = tabs[(tabs.indexOf(id) + 1) % tabs.length] ?? 'results';
              select(next);
              document.getElementById(`surveys-tab-${next}`)?.focus();
            }}
          >
            {t(id === 'results' ? 'surveys.tabResults' : 'surveys.tabReview')}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`surveys-panel-${tab}`}
        aria-labelledby={`surveys-tab-${tab}`}
        className="surveys-panel"
      >
        {tab === 'results' ? <SurveyResultsTab /> : <QualityReviewTab />}
      </div>
    </div>
  );
}
