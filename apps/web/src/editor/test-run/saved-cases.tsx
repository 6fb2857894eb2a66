import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TestCase } from './test-cases.store.ts';

export type CaseVerdict = 'running' | 'passed' | 'failed';

/** Samples saved under a name for this flow: save the current one, run one, or run them all. */
export function SavedCases(props: {
  cases: readonly TestCase[];
  verdicts: ReadonlyMap<string, CaseVerdict>;
  busy: boolean;
  onSave: (name: string) => void;
  onRun: (testCase: TestCase) => void;
  onDelete: (name: string) => void;
  onRunAll: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const finished = props.cases.filter((entry) => {
    const verdict = props.verdicts.get(entry.name);
    return verdict === 'passed' || verdict === 'failed';
  });
  const passed = finished.filter((entry) => props.verdicts.get(entry.name) === 'passed').length;
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    props.onSave(name.trim());
    setName('');
  };

  return (
    <section className="saved-cases" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('testRun.savedCases')}</h3>
      <form className="record-row" onSubmit={save}>
        <input
          aria-label={t('testRun.caseName')}
          placeholder={t('testRun.caseName')}
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" disabled={!name.trim()}>
          {t('testRun.saveCase')}
        </button>
      </form>
      {props.cases.length === 0 ? (
        <p className="muted small">{t('testRun.noCases')}</p>
      ) : (
        <>
          <ul className="case-list" aria-label={t('testRun.savedCases')}>
            {props.cases.map((entry) => {
              const verdict = props.verdicts.get(entry.name);
              return (
                <li key={entry.name} className="case-item" data-testid="test-case">
                  <span className="case-name">{entry.name}</span>
                  {verdict ? (
                    <span className={`badge case-${verdict}`} data-testid="case-verdict">
                      {t(`testRun.verdict.${verdict}`)}
                    </span>
                  ) : null}
                  <button
                    type="button"
                    disabled={props.busy}
                    aria-label={t('testRun.runCase', { name: entry.name })}
                    onClick={() => props.onRun(entry)}
                  >
                    {t('testRun.run')}
                  </button>
                  <button
                    type="button"
                    disabled={props.busy}
                    aria-label={t('testRun.deleteCase', { name: entry.name })}
                    onClick={() => props.onDelete(entry.name)}
                  >
                    {t('testRun.delete')}
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="button-row">
            <button type="button" disabled={props.busy} onClick={props.onRunAll}>
              {t('testRun.runAll')}
            </button>
            {finished.length > 0 ? (
              <span role="status" data-testid="run-all-summary">
                {t('testRun.summary', { passed, total: finished.length })}
              </span>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}
