import type { FlowGraph } from '@flowdesk/model';
import { useTranslation } from 'react-i18next';
import { apiErrorData, apiErrorMessage } from '../api/api-error.ts';
import { useLocale } from '../i18n/i18n.ts';
import { downloadJson, formatDateTime } from '../shared/format.ts';

/**
 * Someone else saved this flow since we loaded it. We say who and when, keep
 * the user's work on screen (and downloadable), and only reload when asked.
 */
export function ConflictBanner(props: {
  error: unknown;
  graph: FlowGraph;
  flowName: string;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const data = apiErrorData(props.error);
  return (
    <div className="banner banner-error" role="alert">
      <p>
        <strong>{t('conflict.title')}</strong> {apiErrorMessage(props.error, locale, t('conflict.body'))}
      </p>
      {data.updatedAt ? (
        <p className="small">{t('conflict.when', { at: formatDateTime(data.updatedAt, locale) })}</p>
      ) : null}
      <div className="button-row">
        <button type="button" className="primary" onClick={props.onReload}>
          {t('conflict.reload')}
        </button>
        <button
          type="button"
          onClick={() =>
            downloadJson(`${props.flowName}-mine.flow.json`, { name: props.flowName, ...props.graph })
          }
        >
          {t('conflict.downloadMine')}
        </button>
      </div>
    </div>
  );
}
