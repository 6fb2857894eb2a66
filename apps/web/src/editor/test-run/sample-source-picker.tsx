import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SampleSourceOption, SampleSourceProvider } from './sample-sources.ts';
import type { TestCustomerInput } from './test-customer.ts';
import type { TestSample } from './test-sample.ts';

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; options: SampleSourceOption[] }
  | { kind: 'failed' };

/**
 * "Start from…": fills the sample form from a past request of this flow or a
 * template's sample. The list is fetched when the admin asks for it, not on
 * every visit to the tab.
 */
export function SampleSourcePicker(props: {
  provider: SampleSourceProvider;
  disabled: boolean;
  onPick: (sample: TestSample, customer?: TestCustomerInput) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [chosen, setChosen] = useState('');
  const [notice, setNotice] = useState<string>();

  const open = async () => {
    setState({ kind: 'loading' });
    try {
      const options = await props.provider();
      setState({ kind: 'ready', options });
      setChosen(options[0]?.id ?? '');
    } catch {
      setState({ kind: 'failed' });
    }
  };

  const load = async () => {
    if (state.kind !== 'ready') return;
    const option = state.options.find((entry) => entry.id === chosen);
    if (!option) return;
    setNotice(undefined);
    try {
      const sample = await option.load();
      if (sample) props.onPick(sample, option.customer);
      else setNotice(t('testRun.sourceUnusable'));
    } catch {
      setNotice(t('testRun.sourceFailed'));
    }
  };

  if (state.kind !== 'ready') {
    return (
      <div className="button-row">
        <button
          type="button"
          disabled={props.disabled || state.kind === 'loading'}
          onClick={() => void open()}
        >
          {state.kind === 'loading' ? t('testRun.sourceLoading') : t('testRun.startFrom')}
        </button>
        {state.kind === 'failed' ? (
          <span role="alert" className="error-text">
            {t('testRun.sourceFailed')}
          </span>
        ) : null}
      </div>
    );
  }
  const groups = (['past', 'template'] as const)
    .map((group) => ({ group, options: state.options.filter((entry) => entry.group === group) }))
    .filter((entry) => entry.options.length > 0);
  return (
    <div className="record-row">
      {groups.length === 0 ? (
        <p className="muted small">{t('testRun.noSources')}</p>
      ) : (
        <>
          <label htmlFor={`${id}-source`}>{t('testRun.startFrom')}</label>
          <select id={`${id}-source`} value={chosen} onChange={(event) => setChosen(event.target.value)}>
            {groups.map((entry) => (
              <optgroup key={entry.group} label={t(`testRun.sourceGroup.${entry.group}`)}>
                {entry.options.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <button type="button" disabled={props.disabled || !chosen} onClick={() => void load()}>
            {t('testRun.useSource')}
          </button>
        </>
      )}
      {notice ? (
        <span role="alert" className="error-text">
          {notice}
        </span>
      ) : null}
    </div>
  );
}
