import type { FlowGraph } from '@flowdesk/model';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorData, apiErrorMessage } from '../../api/api-error.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { LiveRunView } from './live-run-view.tsx';
import { SampleForm } from './sample-form.tsx';
import { SampleSourcePicker } from './sample-source-picker.tsx';
import type { SampleSourceProvider } from './sample-sources.ts';
import { type CaseVerdict, SavedCases } from './saved-cases.tsx';
import { loadTestCases, saveTestCases, type TestCase, withCase } from './test-cases.store.ts';
import { TestResultView } from './test-result-view.tsx';
import {
  type LiveRunOutcome,
  type RunLive,
  type RunTest,
  runLiveSample,
  runSample,
  type TestOutcome,
  type TestRunResult,
  type TestRunStep,
  testPassed,
} from './test-run-result.ts';
import {
  emptySample,
  type SampleProblem,
  sampleKindFor,
  type TestSample,
  triggerTypeOf,
} from './test-sample.ts';

export interface TestRunPanelProps {
  flowId: string;
  graph: FlowGraph;
  /** Runs the editor's current graph (unsaved edits included) in dry-run mode. */
  run: RunTest;
  selectedNodeIds: readonly string[];
  /** The latest result, for the canvas to highlight its path; undefined clears it. */
  onResult: (result: TestRunResult | undefined) => void;
  onSelectNode: (nodeId: string) => void;
  /** The request's arrival time; the clock is the caller's so tests can fix it. */
  now?: () => string;
  storage?: Storage;
  /** Past requests and template samples to start a sample from; absent hides the picker. */
  sampleSources?: SampleSourceProvider;
  /** Runs the sample against every live flow ("run all live flows"); absent hides the button. */
  runLive?: RunLive;
}

const PROBLEM_KEYS: Record<SampleProblem, string> = {
  message_required: 'testRun.messageRequired',
  invalid_json: 'testRun.invalidJson',
  not_object: 'testRun.notObject',
};

/** The editor's Test run tab: a sample, a run of the draft against it, and saved cases to re-run. */
export function TestRunPanel(props: TestRunPanelProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { flowId, graph, run, onResult } = props;
  const now = props.now ?? (() => new Date().toISOString());
  const storage = props.storage ?? window.localStorage;
  const triggerType = triggerTypeOf(graph);
  const [sample, setSample] = useState<TestSample>(() => emptySample(triggerType));
  // A trigger of another kind needs another form; the old sample no longer fits.
  const current = sample.kind === sampleKindFor(triggerType) ? sample : emptySample(triggerType);
  const [outcome, setOutcome] = useState<TestOutcome>();
  const [liveOutcome, setLiveOutcome] = useState<LiveRunOutcome>();
  const [busy, setBusy] = useState(false);
  const [pickedSeq, setPickedSeq] = useState<number>();
  const [cases, setCases] = useState<TestCase[]>(() => loadTestCases(storage, flowId));
  const [verdicts, setVerdicts] = useState<ReadonlyMap<string, CaseVerdict>>(() => new Map());

  const setVerdict = (name: string, verdict: CaseVerdict) =>
    setVerdicts((previous) => new Map(previous).set(name, verdict));
  const verdictOf = (result: TestOutcome): CaseVerdict =>
    result.kind === 'result' && testPassed(result.result) ? 'passed' : 'failed';

  const runOne = async (chosen: TestSample): Promise<TestOutcome> => {
    setBusy(true);
    try {
      const result = await runSample(run, chosen, now());
      setOutcome(result);
      setPickedSeq(undefined);
      onResult(result.kind === 'result' ? result.result : undefined);
      return result;
    } finally {
      setBusy(false);
    }
  };

  const runLive = async (runner: RunLive) => {
    setBusy(true);
    try {
      setLiveOutcome(await runLiveSample(runner, current, now()));
    } finally {
      setBusy(false);
    }
  };

  const runCase = async (testCase: TestCase) => {
    setSample(testCase.sample);
    setVerdict(testCase.name, 'running');
    setVerdict(testCase.name, verdictOf(await runOne(testCase.sample)));
  };

  const runAll = async () => {
    setBusy(true);
    try {
      setVerdicts(new Map(cases.map((entry) => [entry.name, 'running'])));
      // One after another: the server is shared and the order reads naturally in the list.
      for (const entry of cases) {
        setVerdict(entry.name, verdictOf(await runSample(run, entry.sample, now())));
      }
    } finally {
      setBusy(false);
    }
  };

  const updateCases = (next: TestCase[]) => {
    setCases(next);
    saveTestCases(storage, flowId, next);
  };

  const result = outcome?.kind === 'result' ? outcome.result : undefined;
  const selected = props.selectedNodeIds.length === 1 ? props.selectedNodeIds[0] : undefined;
  const shownStep: TestRunStep | undefined = result
    ? (result.steps.find((step) => step.seq === pickedSeq && step.nodeId === selected) ??
      result.steps.findLast((step) => step.nodeId === selected))
    : undefined;

  return (
    <div className="test-run-panel">
      <p className="help">{t('testRun.dryRunNote')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void runOne(current);
        }}
      >
        {props.sampleSources ? (
          <SampleSourcePicker provider={props.sampleSources} disabled={busy} onPick={setSample} />
        ) : null}
        <SampleForm sample={current} onChange={setSample} />
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('testRun.running') : t('testRun.run')}
          </button>
          {props.runLive ? (
            <button
              type="button"
              disabled={busy}
              title={t('testRun.runLiveHelp')}
              onClick={() => props.runLive && void runLive(props.runLive)}
            >
              {t('testRun.runLive')}
            </button>
          ) : null}
          {outcome || liveOutcome ? (
            <button
              type="button"
              onClick={() => {
                setOutcome(undefined);
                setLiveOutcome(undefined);
                onResult(undefined);
              }}
            >
              {t('testRun.clear')}
            </button>
          ) : null}
        </div>
      </form>
      {outcome?.kind === 'problem' ? (
        <p role="alert" className="error-text">
          {t(PROBLEM_KEYS[outcome.problem])}
        </p>
      ) : null}
      {outcome?.kind === 'error' ? (
        <div role="alert" className="error-text">
          <p>{apiErrorMessage(outcome.error, locale, t('common.failed'))}</p>
          <ul>
            {(apiErrorData(outcome.error).details ?? []).map((detail, index) =>
              detail.messages ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list from one answer
                <li key={index}>{detail.messages[locale]}</li>
              ) : null,
            )}
          </ul>
        </div>
      ) : null}
      {liveOutcome?.kind === 'problem' ? (
        <p role="alert" className="error-text">
          {t(PROBLEM_KEYS[liveOutcome.problem])}
        </p>
      ) : null}
      {liveOutcome?.kind === 'error' ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(liveOutcome.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {liveOutcome?.kind === 'result' ? <LiveRunView result={liveOutcome.result} /> : null}
      {result ? (
        <TestResultView
          result={result}
          graph={graph}
          shownStep={shownStep}
          onPickStep={(step) => {
            setPickedSeq(step.seq);
            props.onSelectNode(step.nodeId);
          }}
        />
      ) : null}
      <SavedCases
        cases={cases}
        verdicts={verdicts}
        busy={busy}
        onSave={(name) => updateCases(withCase(cases, { name, sample: current }))}
        onRun={(testCase) => void runCase(testCase)}
        onDelete={(name) => updateCases(cases.filter((entry) => entry.name !== name))}
        onRunAll={() => void runAll()}
      />
    </div>
  );
}
