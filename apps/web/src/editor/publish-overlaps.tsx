import { useTranslation } from 'react-i18next';

export interface OverlapReportView {
  readonly hiddenBy: { readonly flowId: string; readonly name: string } | null;
  readonly alsoStart: ReadonlyArray<{
    readonly flowId: string;
    readonly name: string;
    readonly order: 'before' | 'after';
    readonly exclusive: boolean;
  }>;
}

/**
 * In the publish dialog: the other live flows that would also start on the
 * requests this flow takes, so "one complaint, two tickets" shows up before
 * publishing rather than in the customer's inbox.
 */
export function PublishOverlaps(props: { report: OverlapReportView | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const { report } = props;
  return (
    <section aria-labelledby="publish-overlaps-title" className="publish-overlaps">
      <h3 id="publish-overlaps-title">{t('publish.overlapsTitle')}</h3>
      {props.loading ? <p role="status">{t('publish.overlapsChecking')}</p> : null}
      {report?.hiddenBy ? (
        <p role="alert" className="error-text">
          {t('publish.hiddenBy', { name: report.hiddenBy.name })}
        </p>
      ) : null}
      {report && !report.hiddenBy && report.alsoStart.length === 0 ? (
        <p className="help">{t('publish.overlapsNone')}</p>
      ) : null}
      {report && report.alsoStart.length > 0 ? (
        <>
          <p>{t('publish.overlapsIntro')}</p>
          <ul>
            {report.alsoStart.map((flow) => (
              <li key={flow.flowId}>
                <strong>{flow.name}</strong> ·{' '}
                {flow.order === 'before' ? t('publish.overlapBefore') : t('publish.overlapAfter')}
                {flow.exclusive ? ` · ${t('publish.overlapExclusive')}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report && (report.hiddenBy || report.alsoStart.length > 0) ? (
        <p className="help">{t('publish.overlapsHint')}</p>
      ) : null}
    </section>
  );
}
