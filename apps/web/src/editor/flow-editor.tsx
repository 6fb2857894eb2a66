import { FLOW_FILE_FORMAT, hasErrors } from '@flowdesk/model';
import { useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadJson, fileNameFor } from '../shared/format.ts';
import { FlowAnalyticsMode } from './analytics/flow-analytics-mode.tsx';
import { CollapsiblePanel } from './collapsible-panel.tsx';
import { ConflictBanner } from './conflict-banner.tsx';
import { EditorCenter } from './editor-center.tsx';
import { EditorSidePanel } from './editor-side-panel.tsx';
import { canRedo, canUndo, createHistory, editorReducer } from './editor-store.ts';
import { EditorToolbar } from './editor-toolbar.tsx';
import type { MeasuredSizes } from './flow-canvas-view.tsx';
import type { EditorDialog, EditorView, LoadedFlow } from './flow-editor.types.ts';
import { Palette } from './palette.tsx';
import { PublishDialog } from './publish-dialog.tsx';
import { ShortcutsDialog } from './shortcuts-dialog.tsx';
import type { TestRunResult } from './test-run/test-run-result.ts';
import { useAutosave } from './use-autosave.ts';
import { useCanvasDecorations } from './use-canvas-decorations.ts';
import { useEditorCommands } from './use-editor-commands.ts';
import { useEditorShortcuts } from './use-editor-shortcuts.ts';
import { useLint } from './use-lint.ts';
import { useStoredToggle } from './use-stored-toggle.ts';

/** The flow editor: toolbar, palette, canvas (or JSON) and side panel over one draft with undo history. */
export function FlowEditor({ flow, onReload }: { flow: LoadedFlow; onReload: () => void }) {
  const { t } = useTranslation();
  const [history, dispatch] = useReducer(editorReducer, flow.draft, createHistory);
  const { graph, selection } = history.present;
  const [measured, setMeasured] = useState<MeasuredSizes>(() => new Map());
  const [view, setView] = useState<EditorView>('canvas');
  const [dialog, setDialog] = useState<EditorDialog>('none');
  const [testResult, setTestResult] = useState<TestRunResult>();
  const problems = useLint(graph);
  const save = useAutosave(flow.id, graph, flow.draftRevision);
  const commands = useEditorCommands(graph, selection, dispatch, measured);
  const decorations = useCanvasDecorations(graph, problems, testResult);
  const [paletteOpen, togglePalette] = useStoredToggle('flowdesk.editor.palette');
  const [sidePanelOpen, toggleSidePanel] = useStoredToggle('flowdesk.editor.sidePanel');
  const [analytics, setAnalytics] = useState(false);
  const analyticsOn = analytics && flow.latestVersion !== null;

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
    view === 'canvas' && dialog === 'none' && !analyticsOn,
  );

  const exportFile = () =>
    downloadJson(fileNameFor(flow.name), {
      format: FLOW_FILE_FORMAT,
      name: flow.name,
      ...(flow.description ? { description: flow.description } : {}),
      ...graph,
    });

  const publishBlockedReason = hasErrors(problems)
    ? t('publish.blockedErrors', { count: problems.filter((problem) => problem.severity === 'error').length })
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
        analytics={analyticsOn}
        onToggleAnalytics={() => setAnalytics(!analyticsOn)}
      />
      {save.status === 'conflict' ? (
        <ConflictBanner error={save.error} graph={graph} flowName={flow.name} onReload={onReload} />
      ) : null}
      {analyticsOn && flow.latestVersion !== null ? (
        <div className="editor-body">
          <FlowAnalyticsMode
            flowId={flow.id}
            liveVersion={flow.latestVersion}
            sidePanelOpen={sidePanelOpen}
            onToggleSidePanel={toggleSidePanel}
          />
        </div>
      ) : null}
      <div className="editor-body" hidden={analyticsOn}>
        <CollapsiblePanel
          side="left"
          id="editor-palette"
          open={paletteOpen}
          onToggle={togglePalette}
          showLabel={t('editor.showPalette')}
          hideLabel={t('editor.hidePalette')}
        >
          <Palette onAdd={commands.addNode} />
        </CollapsiblePanel>
        <EditorCenter
          view={view}
          graph={graph}
          flowName={flow.name}
          selection={selection}
          dispatch={dispatch}
          decorations={decorations}
          measured={measured}
          onMeasured={setMeasured}
        />
        <CollapsiblePanel
          side="right"
          id="editor-side-panel"
          open={sidePanelOpen}
          onToggle={toggleSidePanel}
          showLabel={t('editor.showSidePanel')}
          hideLabel={t('editor.hideSidePanel')}
        >
          <EditorSidePanel
            flow={flow}
            graph={graph}
            selection={selection}
            dispatch={dispatch}
            problems={problems}
            onDuplicate={commands.duplicate}
            onDelete={commands.remove}
            onTestResult={setTestResult}
          />
        </CollapsiblePanel>
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
