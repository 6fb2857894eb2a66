import { type FlowGraph, getNodeType } from '@flowdesk/model';
import {
  Background,
  type Connection,
  Controls,
  type EdgeChange,
  type FinalConnectionState,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import { type CSSProperties, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CanvasActionsContext, DropEdgeContext } from './canvas-actions.ts';
import { canvasZoomStyle, FIT_VIEW_OPTIONS, zoomStep } from './canvas-zoom.ts';
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
import { FlowEdge } from './flow-edge.tsx';
import { NodeCard } from './node-card.tsx';
import { usePaletteDrop } from './use-palette-drop.ts';
import { useStepPicker } from './use-step-picker.tsx';

export type { MeasuredSizes };

const NODE_TYPES_MAP = { flowNode: NodeCard };
/** Every line is drawn by FlowEdge (a wide hit area, "+" and "×" at its middle). */
const EDGE_TYPES_MAP = { default: FlowEdge };
/** How close to an input a dragged line snaps to it, in screen pixels at any zoom. */
const CONNECT_RADIUS_ON_SCREEN = 32;
/** A card connected at a point has its input there: about half a card's height above. */
const INPUT_BELOW_TOP = 48;
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
  // Zoomed out, cards show a compact face (icon and title kept readable) and what is too
  // small to use is not painted (details, rounded corners, the grid); hidden text keeps
  // its room, so card sizes stay.
  const zoom = canvasZoomStyle(useStore((state) => zoomStep(state.transform[2])));
  const { graph, selection, dispatch, measured, onMeasured, readOnly } = props;
  const container = useRef<HTMLDivElement>(null);
  const { actions, picker } = useStepPicker(graph, dispatch, container);
  const drop = usePaletteDrop(graph, dispatch, readOnly === true, GRID);
  const [connecting, setConnecting] = useState(false);
  // Clicking a line while a card is selected changes both in one tick (the card's
  // deselection, then the line's selection): each must build on the other, not on
  // the selection of the last render.
  const latestSelection = useRef(selection);
  latestSelection.current = selection;
  const changeSelection = useCallback(
    (changes: ReadonlyArray<{ type: string; id?: string; selected?: boolean }>, key: 'nodes' | 'edges') => {
      const current = latestSelection.current;
      const selected = nextSelection(current, changes, key);
      if (selected === current) return;
      latestSelection.current = selected;
      dispatch({ kind: 'select', selection: selected });
    },
    [dispatch],
  );

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
      changeSelection(changes, 'nodes');
    },
    [changeSelection, dispatch, measured, onMeasured, readOnly],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) => {
      changeSelection(changes, 'edges');
    },
    [changeSelection],
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

  // A line dragged from an output and let go over empty canvas: the picker opens there
  // and the chosen step is connected to that output.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      setConnecting(false);
      if (readOnly || state.isValid || state.toHandle || !state.fromNode) return;
      if (state.fromHandle?.type !== 'source') return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const target = document.elementFromPoint(point.clientX, point.clientY);
      if (!target?.closest('.react-flow__pane')) return;
      const position = screenToFlowPosition({ x: point.clientX, y: point.clientY });
      actions.openPicker(
        {
          kind: 'connect',
          from: { nodeId: state.fromNode.id, port: state.fromHandle.id ?? 'next' },
          position: { x: position.x, y: position.y - INPUT_BELOW_TOP },
        },
        { x: point.clientX, y: point.clientY },
      );
    },
    [actions, readOnly, screenToFlowPosition],
  );

  const canvasStyle = {
    '--inverse-zoom': zoom.inverseZoom,
    '--compact-title': `${zoom.compactTitlePx}px`,
  } as CSSProperties;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for palette drags; the palette's buttons are the keyboard path
    <div
      ref={container}
      className={['canvas', zoom.classes, connecting ? 'connecting' : ''].filter(Boolean).join(' ')}
      style={canvasStyle}
      onDragOver={drop.onDragOver}
      onDragLeave={drop.onDragLeave}
      onDrop={drop.onDrop}
    >
      <CanvasActionsContext.Provider value={readOnly ? undefined : actions}>
        <DropEdgeContext.Provider value={drop.dropEdge}>
          <ReactFlow<CanvasNode, CanvasEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={NODE_TYPES_MAP}
            edgeTypes={EDGE_TYPES_MAP}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onConnectStart={() => setConnecting(true)}
            onConnectEnd={onConnectEnd}
            connectionRadius={CONNECT_RADIUS_ON_SCREEN * zoom.inverseZoom}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            deleteKeyCode={null}
            multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
            snapToGrid
            snapGrid={[GRID, GRID]}
            fitView
            fitViewOptions={FIT_VIEW_OPTIONS}
            minZoom={0.1}
            maxZoom={2}
            proOptions={{ hideAttribution: true }}
            // Zoomed in, only the cards and edges on screen are in the page: painting text
            // for all 300 cards of a big flow held back every frame of a pan. Zoomed out
            // nearly all are on screen anyway, and mounting cards at the edges would cost more.
            onlyRenderVisibleElements={!zoom.simplified}
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
            {!zoom.simplified && <Background gap={GRID} />}
            <MiniMap pannable zoomable nodeColor={minimapColor} />
            <Controls showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} />
          </ReactFlow>
        </DropEdgeContext.Provider>
      </CanvasActionsContext.Provider>
      {picker}
    </div>
  );
}
