import type { FlowGraph } from '@flowdesk/model';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorData, apiErrorMessage } from '../../api/api-error.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { ApprovalOutcomeField, hasApprovalStep } from './approval-outcome-field.tsx';
import { CustomerSection } from './customer-section.tsx';
import { LiveRunView } from './live-run-view.tsx';
import { SampleForm } from './sample-form.tsx';
import { SampleSourcePicker } from './sample-source-picker.tsx';
import { type SampleSourceProvider, sampleFromExecutionData } from './sample-sources.ts';
import { type CaseVerdict, SavedCases } from './saved-cases.tsx';
import { compareRun, type TestCase, type TestCaseApi } from './test-cases.store.ts';
import {
  type CustomerForm,
  customerFromInput,
  customerToInput,
  EMPTY_CUSTOMER,
  type SearchCustomers,
  type TestCustomerInput,
} from './test-customer.ts';
import { TestResultView } from './test-result-view.tsx';
import {
  type ApprovalOutcome,
  type LiveRunOutcome,
  type RunLive,
  type RunTest,
  runLiveSample,
  runSample,
  type TestOutcome,
  type TestRunResult,
  type TestRunStep,
} from './test-run-result.ts';
import {
  emptySample,
  type SampleProblem,
  sampleKindFor,
  sampleToData,
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
  /** The flow's saved cases on the server; absent hides them. */
  testCases?: TestCaseApi | undefined;
  /** Finds existing customers for the customer section; absent leaves only the fields set by hand. */
  searchCustomers?: SearchCustomers | undefined;
  /** Past requests and template samples to start a sample from; absent hides the picker. */
  sampleSources?: SampleSourceProvider;
  /** Runs the sample against every live flow ("run all live flows"); absent hides the button. */
  runLive?: RunLive;
}

type PanelProblem = SampleProblem | 'invalid_customer';

const PROBLEM_KEYS: Record<PanelProblem, string> = {
  message_required: 'testRun.messageRequired',
  invalid_json: 'testRun.invalidJson',
  not_object: 'testRun.notObject',
  invalid_customer: 'testRun.customer.invalid',
};

const pathOf = (result: TestRunResult) => ({
  path: result.steps.map((step) => ({ nodeId: step.nodeId, port: step.port ?? undefined })),
  status: result.status,
});

/** The editor's Test run tab: a sample and who sends it, a run of the draft against it, and saved cases to re-run. */
export function TestRunPanel(props: TestRunPanelProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { graph, run, onResult, testCases } = props;
  const now = props.now ?? (() => new Date().toISOString());
  const triggerType = triggerTypeOf(graph);
  const [sample, setSample] = useState<TestSample>(() => emptySample(triggerType));
  // A trigger of another kind needs another form; the old sample no longer fits.
  const current = sample.kind === sampleKindFor(triggerType) ? sample : emptySample(triggerType);
  const [customer, setCustomer] = useState<CustomerForm>(EMPTY_CUSTOMER);
  const [approvalOutcome, setApprovalOutcome] = useState<ApprovalOutcome>('approved');
  // Sent only for a flow that asks for approval, so other runs and saved cases keep their shape.
  const asksApproval = hasApprovalStep(graph);
  const chosenOutcome = asksApproval ? approvalOutcome : undefined;
  const [outcome, setOutcome] = useState<TestOutcome | { kind: 'problem'; problem: PanelProblem }>();
  const [liveOutcome, setLiveOutcome] = useState<LiveRunOutcome>();
  const [busy, setBusy] = useState(false);
  const [pickedSeq, setPickedSeq] = useState<number>();
  const [cases, setCases] = useState<TestCase[]>([]);
  const [casesError, setCasesError] = useState<string>();
  const [verdicts, setVerdicts] = useState<ReadonlyMap<string, CaseVerdict>>(() => new Map());

  const failed = (error: unknown) => apiErrorMessage(error, locale, t('common.failed'));
  const reloadCases = useCallback(async () => {
    if (!testCases) return;
    try {
      setCases(await testCases.list());
      setCasesError(undefined);
    } catch (error) {
      setCasesError(apiErrorMessage(error, locale, ''));
    }
  }, [testCases, locale]);
  useEffect(() => {
    void reloadCases();
  }, [reloadCases]);

  const setVerdict = (id: string, verdict: CaseVerdict) =>
    setVerdicts((previous) => new Map(previous).set(id, verdict));

  const show = (result: TestOutcome) => {
    setOutcome(result);
    setPickedSeq(undefined);
    onResult(result.kind === 'result' ? result.result : undefined);
  };

  const runOne = async (chosen: TestSample, who: CustomerForm) => {
    const given = customerToInput(who);
    if (!given.ok) {
      setOutcome({ kind: 'problem', problem: 'invalid_customer' });
      return;
    }
    setBusy(true);
    try {
      show(await runSample(run, chosen, now(), given.customer, chosenOutcome));
    } finally {
      setBusy(false);
    }
  };

  // The live flows run for the customer chosen in the customer section, like a single test run.
  const runLive = async (runner: RunLive) => {
    const given = customerToInput(customer);
    if (!given.ok) {
      setLiveOutcome(undefined);
      setOutcome({ kind: 'problem', problem: 'invalid_customer' });
      return;
    }
    setBusy(true);
    try {
      setLiveOutcome(await runLiveSample(runner, current, now(), given.customer, chosenOutcome));
    } finally {
      setBusy(false);
    }
  };

  // A saved case runs with the data it was saved with, and is judged against the path it took then.
  const runCase = async (testCase: TestCase) => {
    setSample(sampleFromExecutionData(triggerType, testCase.sample.data) ?? current);
    setCustomer(customerFromInput(testCase.sample.customer));
    setApprovalOutcome(testCase.sample.approvalOutcome ?? 'approved');
    setVerdict(testCase.id, { kind: 'running' });
    setBusy(true);
    try {
      const { data, customer: sender, approvalOutcome: decision } = testCase.sample;
      const result = await (decision ? run(data, sender, decision) : run(data, sender));
      show({ kind: 'result', result });
      const divergence = compareRun(testCase.expected, pathOf(result));
      setVerdict(testCase.id, divergence ? { kind: 'failed', divergence } : { kind: 'passed' });
    } catch (error) {
      show({ kind: 'error', error });
      setVerdict(testCase.id, { kind: 'failed' });
    } finally {
      setBusy(false);
    }
  };

  const runAll = async (api: TestCaseApi) => {
    setBusy(true);
    setVerdicts(new Map(cases.map((entry) => [entry.id, { kind: 'running' as const }])));
    try {
      const results = await api.runAll();
      setVerdicts(
        new Map(
          results.map((entry): [string, CaseVerdict] => [
            entry.id,
            entry.passed
              ? { kind: 'passed' }
              : {
                  kind: 'failed',
                  divergence: entry.divergence ?? (entry.problem ? null : 'status'),
                  ...(entry.problem ? { problem: entry.problem } : {}),
                },
          ]),
        ),
      );
      setCasesError(undefined);
    } catch (error) {
      setVerdicts(new Map());
      setCasesError(failed(error));
    } finally {
      setBusy(false);
    }
  };

  const saveCase = async (api: TestCaseApi, name: string) => {
    const data = sampleToData(current, now());
    const given = customerToInput(customer);
    if (!data.ok || !given.ok) {
      setOutcome({ kind: 'problem', problem: data.ok ? 'invalid_customer' : data.problem });
      return;
    }
    setBusy(true);
    try {
      await api.save(name, {
        data: data.data,
        ...(given.customer ? { customer: given.customer } : {}),
        ...(chosenOutcome ? { approvalOutcome: chosenOutcome } : {}),
      });
      await reloadCases();
      setVerdicts((previous) => {
        const next = new Map(previous);
        for (const entry of cases) if (entry.name === name) next.delete(entry.id);
        return next;
      });
    } catch (error) {
      setCasesError(failed(error));
    } finally {
      setBusy(false);
    }
  };

  const deleteCase = async (api: TestCaseApi, testCase: TestCase) => {
    setBusy(true);
    try {
      await api.remove(testCase.id);
      await reloadCases();
    } catch (error) {
      setCasesError(failed(error));
    } finally {
      setBusy(false);
    }
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
          void runOne(current, customer);
        }}
      >
        {props.sampleSources ? (
          <SampleSourcePicker
            provider={props.sampleSources}
            disabled={busy}
            onPick={(picked, pickedCustomer?: TestCustomerInput) => {
              setSample(picked);
              setCustomer(customerFromInput(pickedCustomer));
            }}
          />
        ) : null}
        <SampleForm sample={current} onChange={setSample} />
        <CustomerSection customer={customer} onChange={setCustomer} search={props.searchCustomers} />
        {asksApproval ? <ApprovalOutcomeField value={approvalOutcome} onChange={setApprovalOutcome} /> : null}
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
      {testCases ? (
        <SavedCases
          graph={graph}
          cases={cases}
          verdicts={verdicts}
          busy={busy}
          error={casesError}
          onSave={(name) => void saveCase(testCases, name)}
          onRun={(testCase) => void runCase(testCase)}
          onDelete={(testCase) => void deleteCase(testCases, testCase)}
          onRunAll={() => void runAll(testCases)}
        />
      ) : null}
    </div>
  );
}
