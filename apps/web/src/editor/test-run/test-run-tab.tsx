import type { FlowGraph } from '@flowdesk/model';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPCClient } from '../../api/trpc.ts';
import { useSession } from '../../auth/use-session.ts';
import { readTestCase, type TestCaseApi } from './test-cases.store.ts';
import type { SearchCustomers } from './test-customer.ts';
import { mayTestRun } from './test-run-access.ts';
import { TestRunPanel } from './test-run-panel.tsx';
import type { RunLive, RunTest, TestRunResult } from './test-run-result.ts';
import { useTestRunSamples } from './use-test-run-samples.ts';

/**
 * The side panel's Test run tab. It stays mounted while another tab is shown, so the
 * sample and result survive a look at the properties; viewers are told it is for editors.
 */
export function TestRunTab(props: {
  flowId: string;
  graph: FlowGraph;
  hidden: boolean;
  selectedNodeIds: readonly string[];
  onResult: (result: TestRunResult | undefined) => void;
  onSelectNode: (nodeId: string) => void;
}) {
  const { t } = useTranslation();
  const { flowId, graph } = props;
  const client = useTRPCClient();
  const canTestRun = mayTestRun(useSession().data?.role);
  // The graph on screen, unsaved edits included, is what a test run tries.
  const runTest = useCallback<RunTest>(
    (data, customer, approvalOutcome) =>
      client.flows.testRun.mutate({
        graph,
        data,
        ...(customer ? { customer } : {}),
        ...(approvalOutcome ? { approvalOutcome } : {}),
      }),
    [client, graph],
  );
  // Saved on the server and shared; saving and "Run all" use the graph on screen, unsaved edits included.
  const testCases = useMemo<TestCaseApi>(
    () => ({
      list: async () =>
        (await client.flows.testCases.query({ id: flowId })).flatMap((entry) => readTestCase(entry) ?? []),
      save: async (name, sample) => {
        await client.flows.saveTestCase.mutate({ id: flowId, name, sample, graph });
      },
      remove: async (caseId) => {
        await client.flows.deleteTestCase.mutate({ id: flowId, caseId });
      },
      runAll: async () => (await client.flows.runTestCases.mutate({ id: flowId, graph })).results,
    }),
    [client, flowId, graph],
  );
  const searchCustomers = useCallback<SearchCustomers>(
    (query) => client.customers.search.query({ query }),
    [client],
  );
  // The published versions of every live flow, not the draft on screen.
  const runLive = useCallback<RunLive>(
    (data, customer, approvalOutcome) =>
      client.flows.testRunLive.mutate({
        data,
        ...(customer ? { customer } : {}),
        ...(approvalOutcome ? { approvalOutcome } : {}),
      }),
    [client],
  );
  const sampleSources = useTestRunSamples(flowId, graph);
  return (
    <div
      role="tabpanel"
      id="panel-testRun"
      aria-labelledby="tab-testRun"
      className="tab-panel"
      hidden={props.hidden}
    >
      {canTestRun ? (
        <TestRunPanel
          flowId={flowId}
          graph={graph}
          run={runTest}
          runLive={runLive}
          sampleSources={sampleSources}
          testCases={testCases}
          searchCustomers={searchCustomers}
          selectedNodeIds={props.selectedNodeIds}
          onResult={props.onResult}
          onSelectNode={props.onSelectNode}
        />
      ) : (
        <p className="muted" data-testid="test-run-editors-only">
          {t('testRun.editorsOnly')}
        </p>
      )}
    </div>
  );
}
