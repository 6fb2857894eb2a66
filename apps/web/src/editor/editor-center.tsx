import type { FlowGraph } from '@flowdesk/model';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditorAction, Selection } from './editor-store.ts';
import { FlowCanvasView, type FlowCanvasViewProps, type MeasuredSizes } from './flow-canvas-view.tsx';
import type { EditorView } from './flow-editor.types.ts';

const JsonView = lazy(() => import('./json-view.tsx'));

/** The middle of the editor: the canvas, or the flow as JSON (loaded on first use). */
export function EditorCenter(props: {
  view: EditorView;
  graph: FlowGraph;
  flowName: string;
  selection: Selection;
  dispatch: (action: EditorAction) => void;
  decorations: FlowCanvasViewProps['decorations'];
  measured: MeasuredSizes;
  onMeasured: (sizes: MeasuredSizes) => void;
}) {
  const { t } = useTranslation();
  const { graph, dispatch } = props;
  return (
    <div className="editor-center">
      {props.view === 'canvas' ? (
        <FlowCanvasView
          graph={graph}
          selection={props.selection}
          dispatch={dispatch}
          decorations={props.decorations}
          measured={props.measured}
          onMeasured={props.onMeasured}
        />
      ) : (
        <Suspense fallback={<p role="status">{t('common.loadingEditor')}</p>}>
          <JsonView
            graph={graph}
            name={props.flowName}
            onApply={(next) => dispatch({ kind: 'change', change: { kind: 'replace', graph: next } })}
          />
        </Suspense>
      )}
    </div>
  );
}
