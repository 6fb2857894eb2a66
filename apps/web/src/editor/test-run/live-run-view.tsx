import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n.ts';
import { shownEffect } from './effect-text.ts';
import type { LiveRunResult } from './test-run-result.ts';

/**
 * "Run all live flows": every live flow the sample's trigger reaches, in the
 * order intake tries them, with whether it would start and what it would send.
 */
export function LiveRunView(props: { result: LiveRunResult }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { flows } = props.result;
  return (
    <section aria-labelledby="live-run-title" className="live-run">
      <h3 id="live-run-title">{t('testRun.liveTitle')}</h3>
      {flows.length === 0 ? <p className="help">{t('testRun.liveNone')}</p> : null}
      <ol>
        {flows.map((flow) => (
          <li key={flow.flowId} data-started={flow.started}>
            <strong>{flow.name}</strong> (v{flow.version}) ·{' '}
            {flow.started
              ? t('testRun.liveStarted', { status: flow.outcome.status })
              : t(`testRun.liveSkipped.${flow.reason}`)}
            {flow.started && flow.outcome.effects.length > 0 ? (
              <ul>
                {flow.outcome.effects.map((effect, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list from one answer
                  <li key={index}>
                    {t(`testRun.effectKind.${effect.kind}`)}
                    {shownEffect(effect, locale).channel ? ` · ${shownEffect(effect, locale).channel}` : ''}:{' '}
                    {shownEffect(effect, locale).text}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
