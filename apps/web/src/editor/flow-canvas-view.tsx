import { type FlowGraph, getNodeType } from '@flowdesk/model';
import {
  Background,
  type Connection,
  Controls,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import { type DragEvent, useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { newNodeId } from './clipboard.ts';
import type { EditorAction, Selection } from './editor-store.ts';
import {
  type CanvasDecorations,
  type CanvasEdge,
  type CanvasNode,
  createCanvasCache,
  edgeIdFor,
  graphToCanvasCached,
  type MeasuredSizes,
  mergeMeasuredSizes,
} from './flow-canvas.ts';
import { NodeCard } from './node-card.tsx';
import { defaultConfig } from './node-type-info.ts';
import { PALETTE_MIME } from './palette.tsx';

export type { MeasuredSizes };

const NODE_TYPES_MAP = { flowNode: NodeCard };
const CATEGORY_COLORS: Record<string, string> = {
  trigger: '#7b3fe4',
  logic: '#2457d6',
  action: '#0f8a5f',
  timing: '#b26a00',
};

function minimapColor(node: CanvasNode): string {
  return CATEGORY_COLORS[getNodeType(node.data.type)?.category ?? ''] ?? '#9aa3b2';
}
export const GRID = 16;
/** Below these zoom levels the card details, then the labels, are too small to read. */
const ZOOMED_OUT_BELOW = 0.45;
const FAR_OUT_BELOW = 0.25;

export interface FlowCanvasViewProps {
  graph: FlowGraph;
  selection: Selection;
  dispatch: (action: EditorAction) => void;
  decorations?: Omit<CanvasDecorations, 'selectedNodes' | 'selectedEdges' | 'measured'>;
  measured: MeasuredSizes;
  onMeasured: (sizes: MeasuredSizes) => void;
  readOnly?: boolean;
}

function nextSelection(
  current: Selection,
  changes: ReadonlyArray<{ type: string; id?: string; selected?: boolean }>,
  key: 'nodes' | 'edges',
): Selection {
  const ids = new Set(current[key]);
  let changed = false;
  for (const change of changes) {
    if (change.type !== 'select' || !change.id) continue;
    changed = true;
    if (change.selected) ids.add(change.id);
    else ids.delete(change.id);
  }
  return changed ? { ...current, [key]: [...ids] } : current;
}

/** React Flow, controlled by the editor store: every canvas event becomes a store action. */
export function FlowCanvasView(props: FlowCanvasViewProps) {
  const { t } = useTranslation();
  const { screenToFlowPosition } = useReactFlow();
  // Zoomed out, what is too small to read or use is not painted (text, port dots, rounded
  // corners, the grid); text is hidden rather than removed, so card sizes stay.
  const detail = useStore((state) =>
    state.transform[2] < FAR_OUT_BELOW
      ? ' far-out'
      : state.transform[2] < ZOOMED_OUT_BELOW
        ? ' zoomed-out'
        : '',
  );
  const { graph, selection, dispatch, measured, onMeasured, readOnly } = props;

  const cache = useRef(createCanvasCache());
  const { nodes, edges } = useMemo(
    () =>
      graphToCanvasCached(cache.current, graph, {
        ...props.decorations,
        selectedNodes: new Set(selection.nodes),
        selectedEdges: new Set(selection.edges),
        measured,
      }),
    [graph, selection, measured, props.decorations],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const measuredNow: Array<{ id: string; width: number; height: number }> = [];
      const moves: Array<{ id: string; x: number; y: number }> = [];
      let dragging = false;
      for (const change of changes) {
        if (change.type === 'dimensions' && change.dimensions) {
          measuredNow.push({ id: change.id, ...change.dimensions });
        } else if (change.type === 'position' && change.position && !readOnly) {
          moves.push({ id: change.id, x: change.position.x, y: change.position.y });
          dragging ||= change.dragging === true;
        }
      }
      const sizes = mergeMeasuredSizes(measured, measuredNow);
      if (sizes) onMeasured(sizes);
      if (moves.length > 0)
        dispatch({ kind: 'change', change: { kind: 'move', positions: moves, transient: dragging } });
      const selected = nextSelection(selection, changes, 'nodes');
      if (selected !== selection) dispatch({ kind: 'select', selection: selected });
    },
    [dispatch, measured, onMeasured, readOnly, selection],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) => {
      const selected = nextSelection(selection, changes, 'edges');
      if (selected !== selection) dispatch({ kind: 'select', selection: selected });
    },
    [dispatch, selection],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const port = connection.sourceHandle ?? 'next';
      dispatch({
        kind: 'change',
        change: {
          kind: 'connect',
          edge: {
            id: edgeIdFor(connection.source, port, connection.target),
            source: connection.source,
            sourcePort: port,
            target: connection.target,
          },
        },
      });
    },
    [dispatch],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!type || readOnly) return;
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const id = newNodeId(type, new Set(graph.nodes.map((node) => node.id)));
      const position = { x: Math.round(point.x / GRID) * GRID, y: Math.round(point.y / GRID) * GRID };
      dispatch({
        kind: 'change',
        change: { kind: 'add', nodes: [{ id, type, config: defaultConfig(type), position }], edges: [] },
      });
      dispatch({ kind: 'select', selection: { nodes: [id], edges: [] } });
    },
    [dispatch, graph.nodes, readOnly, screenToFlowPosition],
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for palette drags; the palette's buttons are the keyboard path
    <div
      className={`canvas${detail}`}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
      }}
      onDrop={onDrop}
    >
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES_MAP}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        snapToGrid
        snapGrid={[GRID, GRID]}
        fitView
        fitViewOptions={{ maxZoom: 1 }}
        minZoom={0.1}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        // Zoomed in, only the cards and edges on screen are in the page: painting text
        // for all 300 cards of a big flow held back every frame of a pan. Zoomed out
        // nearly all are on screen anyway, and mounting cards at the edges would cost more.
        onlyRenderVisibleElements={detail === ''}
        ariaLabelConfig={{
          'node.a11yDescription.default': t('canvas.nodeHelp'),
          'edge.a11yDescription.default': t('canvas.edgeHelp'),
          'controls.ariaLabel': t('canvas.controls'),
          'controls.zoomIn.ariaLabel': t('canvas.zoomIn'),
          'controls.zoomOut.ariaLabel': t('canvas.zoomOut'),
          'controls.fitView.ariaLabel': t('canvas.fitView'),
          'minimap.ariaLabel': t('canvas.minimap'),
        }}
      >
        {/* Grid dots closer than 7 px are noise, and painting them held back every frame of a pan. */}
        {detail === '' && <Background gap={GRID} />}
        <MiniMap pannable zoomable nodeColor={minimapColor} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
