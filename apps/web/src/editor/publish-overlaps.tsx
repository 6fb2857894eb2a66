import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/i18n.ts';
import { flowDisplayName, type NamedFlow } from '../shared/flow-name.ts';

export interface OverlapReportView {
  readonly hiddenBy: ({ readonly flowId: string } & NamedFlow) | null;
  readonly alsoStart: ReadonlyArray<
    NamedFlow & {
      readonly flowId: string;
      readonly order: 'before' | 'after';
      readonly exclusive: boolean;
    }
  >;
}

/**
 * In the publish dialog: the other live flows that would also start on the
 * requests this flow takes, so "one complaint, two tickets" shows up before
 * publishing rather than in the customer's inbox.
 */
export function PublishOverlaps(props: { report: OverlapReportView | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { report } = props;
  // Template flows carry both languages' names: the one of the interface, as the flow list shows it.
  const nameOf = (flow: NamedFlow) => flowDisplayName(flow, locale);
  return (
    <section aria-labelledby="publish-overlaps-title" className="publish-overlaps">
      <h3 id="publish-overlaps-title">{t('publish.overlapsTitle')}</h3>
      {props.loading ? <p role="status">{t('publish.overlapsChecking')}</p> : null}
      {report?.hiddenBy ? (
        <p role="alert" className="error-text">
          {t('publish.hiddenBy', { name: nameOf(report.hiddenBy) })}
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
                <strong>{nameOf(flow)}</strong> ·{' '}
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
