import type { FlowGraph, Problem } from '@flowdesk/model';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditorAction, Selection } from './editor-store.ts';
import type { LoadedFlow } from './flow-editor.types.ts';
import { type FocusRequest, Inspector } from './inspector/inspector.tsx';
import { ProblemsPanel } from './problems-panel.tsx';
import { SideTabList } from './side-tab-list.tsx';
import type { SideTab } from './side-tabs.ts';
import type { TestRunResult } from './test-run/test-run-result.ts';
import { TestRunTab } from './test-run/test-run-tab.tsx';
import { VersionsPanel } from './versions-panel.tsx';

/** The editor's right panel: the selected node's properties, the problems, the versions and the test run. */
export function EditorSidePanel(props: {
  flow: LoadedFlow;
  /** The graph on screen, unsaved edits included. */
  graph: FlowGraph;
  selection: Selection;
  dispatch: (action: EditorAction) => void;
  problems: readonly Problem[];
  onDuplicate: () => void;
  onDelete: () => void;
  onTestResult: (result: TestRunResult | undefined) => void;
}) {
  const { t } = useTranslation();
  const { flow, graph, selection, dispatch } = props;
  const [tab, setTab] = useState<SideTab>('inspector');
  const [focus, setFocus] = useState<FocusRequest>();

  const selectNode = useCallback(
    (nodeId: string) => dispatch({ kind: 'select', selection: { nodes: [nodeId], edges: [] } }),
    [dispatch],
  );
  // A problem opens its node in the inspector with the field it is about focused.
  const openProblem = useCallback(
    (problem: Problem) => {
      if (!problem.nodeId) return;
      selectNode(problem.nodeId);
      setTab('inspector');
      setFocus((previous) => ({
        nodeId: problem.nodeId ?? '',
        ...(problem.field ? { field: problem.field } : {}),
        seq: (previous?.seq ?? 0) + 1,
      }));
    },
    [selectNode],
  );

  return (
    <aside className="side-panel" aria-label={t('editor.sidePanel')}>
      <SideTabList tab={tab} onSelect={setTab} problems={props.problems} />
      {tab !== 'testRun' ? (
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
          {tab === 'inspector' ? (
            <Inspector
              graph={graph}
              nodeIds={selection.nodes}
              dispatch={dispatch}
              onDuplicate={props.onDuplicate}
              onDelete={props.onDelete}
              focus={focus}
              flowId={flow.id}
            />
          ) : null}
          {tab === 'problems' ? (
            <ProblemsPanel problems={props.problems} graph={graph} onOpen={openProblem} />
          ) : null}
          {tab === 'versions' ? (
            <VersionsPanel
              flowId={flow.id}
              liveVersion={flow.latestVersion}
              runningByVersion={flow.runningByVersion}
            />
          ) : null}
        </div>
      ) : null}
      <TestRunTab
        flowId={flow.id}
        graph={graph}
        hidden={tab !== 'testRun'}
        selectedNodeIds={selection.nodes}
        onResult={props.onTestResult}
        onSelectNode={selectNode}
      />
    </aside>
  );
}
