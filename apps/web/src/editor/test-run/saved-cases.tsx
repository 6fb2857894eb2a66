import { type FlowGraph, getNodeType } from '@flowdesk/model';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n.ts';
import { portsOf } from '../node-type-info.ts';
import type { CaseResult, PathStep, TestCase } from './test-cases.store.ts';

export type CaseVerdict =
  | { kind: 'running' }
  | { kind: 'passed' }
  | { kind: 'failed'; divergence?: CaseResult['divergence'] | 'status'; problem?: CaseResult['problem'] };

/**
 * The flow's saved cases, shared by the team on the server: save the current
 * sample (with its customer) under a name, run one, or run them all against
 * the draft on screen; a failed one says where it left the saved path.
 */
export function SavedCases(props: {
  graph: FlowGraph;
  cases: readonly TestCase[];
  verdicts: ReadonlyMap<string, CaseVerdict>;
  busy: boolean;
  /** The list could not be loaded or changed; the server's words. */
  error?: string | undefined;
  onSave: (name: string) => void;
  onRun: (testCase: TestCase) => void;
  onDelete: (testCase: TestCase) => void;
  onRunAll: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const [name, setName] = useState('');
  const finished = props.cases.filter((entry) => {
    const verdict = props.verdicts.get(entry.id);
    return verdict?.kind === 'passed' || verdict?.kind === 'failed';
  });
  const passed = finished.filter((entry) => props.verdicts.get(entry.id)?.kind === 'passed').length;
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    props.onSave(name.trim());
    setName('');
  };
  const stepName = (step: PathStep | null) => {
    if (!step) return t('testRun.divergence.end');
    const node = props.graph.nodes.find((candidate) => candidate.id === step.nodeId);
    const title = node?.label || (node ? getNodeType(node.type)?.label[locale] : undefined) || step.nodeId;
    const port = step.port
      ? ((node ? portsOf(node.type, node.config) : []).find((candidate) => candidate.id === step.port)?.label[
          locale
        ] ?? step.port)
      : undefined;
    return port ? `${title} → ${port}` : title;
  };
  const explain = (verdict: CaseVerdict) => {
    if (verdict.kind !== 'failed') return null;
    if (verdict.problem) return t(`testRun.caseProblem.${verdict.problem}`);
    if (verdict.divergence === 'status') return t('testRun.divergence.status');
    if (!verdict.divergence) return null;
    return t('testRun.divergence.at', {
      step: verdict.divergence.index + 1,
      expected: stepName(verdict.divergence.expected),
      actual: stepName(verdict.divergence.actual),
    });
  };

  return (
    <section className="saved-cases" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('testRun.savedCases')}</h3>
      <p className="help">{t('testRun.savedCasesHelp')}</p>
      <form className="record-row" onSubmit={save}>
        <input
          aria-label={t('testRun.caseName')}
          placeholder={t('testRun.caseName')}
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" disabled={!name.trim() || props.busy}>
          {t('testRun.saveCase')}
        </button>
      </form>
      {props.error ? (
        <p role="alert" className="error-text">
          {props.error}
        </p>
      ) : null}
      {props.cases.length === 0 ? (
        <p className="muted small">{t('testRun.noCases')}</p>
      ) : (
        <>
          <ul className="case-list" aria-label={t('testRun.savedCases')}>
            {props.cases.map((entry) => {
              const verdict = props.verdicts.get(entry.id);
              const why = verdict ? explain(verdict) : null;
              return (
                <li key={entry.id} className="case-item" data-testid="test-case">
                  <span className="case-name">{entry.name}</span>
                  {verdict ? (
                    <span className={`badge case-${verdict.kind}`} data-testid="case-verdict">
                      {t(`testRun.verdict.${verdict.kind}`)}
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
                    onClick={() => props.onDelete(entry)}
                  >
                    {t('testRun.delete')}
                  </button>
                  {why ? (
                    <p className="small error-text case-why" data-testid="case-divergence">
                      {why}
                    </p>
                  ) : null}
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
