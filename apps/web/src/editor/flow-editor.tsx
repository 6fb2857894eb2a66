import { FLOW_FILE_FORMAT, type FlowGraph, hasErrors, type Problem } from '@flowdesk/model';
import { lazy, Suspense, useCallback, useMemo, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPCClient } from '../api/trpc.ts';
import { useSession } from '../auth/use-session.ts';
import { executionPath } from '../executions/execution-path.ts';
import { useLocale } from '../i18n/i18n.ts';
import { downloadJson, fileNameFor } from '../shared/format.ts';
import { ConflictBanner } from './conflict-banner.tsx';
import { canRedo, canUndo, createHistory, editorReducer } from './editor-store.ts';
import { EditorToolbar } from './editor-toolbar.tsx';
import { FlowCanvasView, type MeasuredSizes } from './flow-canvas-view.tsx';
import { type FocusRequest, Inspector } from './inspector/inspector.tsx';
import { Palette } from './palette.tsx';
import { ProblemsPanel } from './problems-panel.tsx';
import { PublishDialog } from './publish-dialog.tsx';
import { ShortcutsDialog } from './shortcuts-dialog.tsx';
import { SIDE_TABS, type SideTab } from './side-tabs.ts';
import { type SampleSourceProvider, sampleFromExecutionData } from './test-run/sample-sources.ts';
import { mayTestRun } from './test-run/test-run-access.ts';
import { TestRunPanel } from './test-run/test-run-panel.tsx';
import type { RunTest, TestRunResult } from './test-run/test-run-result.ts';
import { triggerTypeOf } from './test-run/test-sample.ts';
import { useAutosave } from './use-autosave.ts';
import { useEditorCommands } from './use-editor-commands.ts';
import { useEditorShortcuts } from './use-editor-shortcuts.ts';
import { problemCounts, useLint } from './use-lint.ts';
import { VersionsPanel } from './versions-panel.tsx';

const JsonView = lazy(() => import('./json-view.tsx'));

export interface LoadedFlow {
  id: string;
  name: string;
  description: string;
  draft: FlowGraph;
  draftRevision: number;
  latestVersion: number | null;
  runningByVersion: Array<{ version: number; running: number }>;
}

export function FlowEditor({ flow, onReload }: { flow: LoadedFlow; onReload: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [history, dispatch] = useReducer(editorReducer, flow.draft, createHistory);
  const { graph, selection } = history.present;
  const [measured, setMeasured] = useState<MeasuredSizes>(() => new Map());
  const [tab, setTab] = useState<SideTab>('inspector');
  const [view, setView] = useState<'canvas' | 'json'>('canvas');
  const [dialog, setDialog] = useState<'none' | 'publish' | 'shortcuts'>('none');
  const [focus, setFocus] = useState<FocusRequest>();
  const problems = useLint(graph);
  const save = useAutosave(flow.id, graph, flow.draftRevision);
  const commands = useEditorCommands(graph, selection, dispatch, measured);
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const [testResult, setTestResult] = useState<TestRunResult>();
  // A test run's path is drawn the way an execution's is; it stays until the next run or "Clear".
  const decorations = useMemo(
    () => ({
      problems: problemCounts(problems),
      ...(testResult
        ? executionPath(
            graph,
            testResult.steps.map((step) => ({
              nodeId: step.nodeId,
              port: step.port ?? null,
              error: step.error,
            })),
            null,
          )
        : {}),
    }),
    [problems, testResult, graph],
  );
  const client = useTRPCClient();
  const canTestRun = mayTestRun(useSession().data?.role);
  // The graph on screen, unsaved edits included, is what a test run tries.
  const runTest = useCallback<RunTest>(
    (data) => client.flows.testRun.mutate({ graph, data }),
    [client, graph],
  );
  const sampleSources = useCallback<SampleSourceProvider>(async () => {
    const triggerType = triggerTypeOf(graph);
    const [page, samples] = await Promise.all([
      client.executions.list.query({ flowId: flow.id, limit: 20 }),
      // Only editors may read templates; a viewer still gets the past requests.
      client.templates.samplesForFlow.query({ flowId: flow.id }).catch(() => []),
    ]);
    const templateSamples = samples.map((sample) => ({
      id: sample.id,
      group: 'template' as const,
      label: sample.title[locale],
      load: async () => sampleFromExecutionData(triggerType, { request: sample.request }),
    }));
    const past = page.items.map((execution) => ({
      id: execution.id,
      group: 'past' as const,
      label: `${new Date(execution.startedAt).toLocaleString(locale)} · v${execution.version} · ${t(`executionStatus.${execution.status}`)}`,
      load: async () =>
        sampleFromExecutionData(
          triggerType,
          (await client.executions.get.query({ id: execution.id })).state.data,
        ),
    }));
    return [...past, ...templateSamples];
  }, [client, flow.id, graph, locale, t]);
  const selectNode = useCallback(
    (nodeId: string) => dispatch({ kind: 'select', selection: { nodes: [nodeId], edges: [] } }),
    [],
  );

  useEditorShortcuts(
    {
      undo: () => dispatch({ kind: 'undo' }),
      redo: () => dispatch({ kind: 'redo' }),
      copy: () => void commands.copy(),
      paste: () => void commands.paste(),
      duplicate: commands.duplicate,
      delete: commands.remove,
      selectAll: commands.selectAll,
      layout: commands.layout,
      fit: commands.fit,
      help: () => setDialog('shortcuts'),
    },
    view === 'canvas' && dialog === 'none',
  );

  const openProblem = useCallback((problem: Problem) => {
    if (!problem.nodeId) return;
    dispatch({ kind: 'select', selection: { nodes: [problem.nodeId], edges: [] } });
    setTab('inspector');
    setFocus((previous) => ({
      nodeId: problem.nodeId ?? '',
      ...(problem.field ? { field: problem.field } : {}),
      seq: (previous?.seq ?? 0) + 1,
    }));
  }, []);

  const exportFile = () =>
    downloadJson(fileNameFor(flow.name), {
      format: FLOW_FILE_FORMAT,
      name: flow.name,
      ...(flow.description ? { description: flow.description } : {}),
      ...graph,
    });

  const publishBlockedReason = hasErrors(problems)
    ? t('publish.blockedErrors', { count: errors })
    : save.status !== 'saved'
      ? t('publish.blockedUnsaved')
      : undefined;

  return (
    <div className="editor">
      <EditorToolbar
        flow={flow}
        saveStatus={save.status}
        canUndo={canUndo(history)}
        canRedo={canRedo(history)}
        onUndo={() => dispatch({ kind: 'undo' })}
        onRedo={() => dispatch({ kind: 'redo' })}
        onLayout={commands.layout}
        onFit={commands.fit}
        onShortcuts={() => setDialog('shortcuts')}
        view={view}
        onToggleView={() => setView(view === 'canvas' ? 'json' : 'canvas')}
        onExport={exportFile}
        onRetrySave={() => void save.flush()}
        onPublish={() => setDialog('publish')}
        publishBlockedReason={publishBlockedReason}
      />
      {save.status === 'conflict' ? (
        <ConflictBanner error={save.error} graph={graph} flowName={flow.name} onReload={onReload} />
      ) : null}
      <div className="editor-body">
        <Palette onAdd={commands.addNode} />
        <div className="editor-center">
          {view === 'canvas' ? (
            <FlowCanvasView
              graph={graph}
              selection={selection}
              dispatch={dispatch}
              decorations={decorations}
              measured={measured}
              onMeasured={setMeasured}
            />
          ) : (
            <Suspense fallback={<p role="status">{t('common.loadingEditor')}</p>}>
              <JsonView
                graph={graph}
                name={flow.name}
                onApply={(next) => dispatch({ kind: 'change', change: { kind: 'replace', graph: next } })}
              />
            </Suspense>
          )}
        </div>
        <aside className="side-panel" aria-label={t('editor.sidePanel')}>
          <div className="tabs" role="tablist">
            {SIDE_TABS.map((id) => (
              <button
                key={id}
                type="button"
                role="tab"
                id={`tab-${id}`}
                aria-selected={tab === id}
                aria-controls={`panel-${id}`}
                onClick={() => setTab(id)}
              >
                {t(`editor.tab.${id}`)}
                {id === 'problems' && problems.length > 0 ? (
                  <span
                    className={`badge ${errors > 0 ? 'badge-error' : 'badge-warning'}`}
                    data-testid="problem-count"
                  >
                    {problems.length}
                  </span>
                ) : null}
              </button>
            ))}
          </div>
          {tab !== 'testRun' ? (
            <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
              {tab === 'inspector' ? (
                <Inspector
                  graph={graph}
                  nodeIds={selection.nodes}
                  dispatch={dispatch}
                  onDuplicate={commands.duplicate}
                  onDelete={commands.remove}
                  focus={focus}
                />
              ) : null}
              {tab === 'problems' ? (
                <ProblemsPanel problems={problems} graph={graph} onOpen={openProblem} />
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
          {/* Kept mounted while hidden, so the sample and result survive a look at the properties. */}
          <div
            role="tabpanel"
            id="panel-testRun"
            aria-labelledby="tab-testRun"
            className="tab-panel"
            hidden={tab !== 'testRun'}
          >
            {canTestRun ? (
              <TestRunPanel
                flowId={flow.id}
                graph={graph}
                run={runTest}
                sampleSources={sampleSources}
                selectedNodeIds={selection.nodes}
                onResult={setTestResult}
                onSelectNode={selectNode}
              />
            ) : (
              <p className="muted" data-testid="test-run-editors-only">
                {t('testRun.editorsOnly')}
              </p>
            )}
          </div>
        </aside>
      </div>
      <PublishDialog
        open={dialog === 'publish'}
        onClose={() => setDialog('none')}
        flowId={flow.id}
        revision={save.revision}
      />
      <ShortcutsDialog open={dialog === 'shortcuts'} onClose={() => setDialog('none')} />
    </div>
  );
}
