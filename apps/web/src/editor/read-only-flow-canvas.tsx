import type { FlowGraph } from '@flowdesk/model';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useState } from 'react';
import type { Selection } from './editor-store.ts';
import { FlowCanvasView, type FlowCanvasViewProps, type MeasuredSizes } from './flow-canvas-view.tsx';

export interface ReadOnlyFlowCanvasProps {
  graph: FlowGraph;
  decorations: FlowCanvasViewProps['decorations'];
  selection: Selection;
  onSelect: (selection: Selection) => void;
}

/** A flow shown, not edited (execution trace, version diff): clicking selects, nothing else changes it. */
export function ReadOnlyFlowCanvas({ graph, decorations, selection, onSelect }: ReadOnlyFlowCanvasProps) {
  const [measured, setMeasured] = useState<MeasuredSizes>(() => new Map());
  return (
    <ReactFlowProvider>
      <FlowCanvasView
        graph={graph}
        selection={selection}
        dispatch={(action) => action.kind === 'select' && onSelect(action.selection)}
        decorations={decorations}
        measured={measured}
        onMeasured={setMeasured}
        readOnly
      />
    </ReactFlowProvider>
  );
}
