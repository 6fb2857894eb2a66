import type { FlowGraph } from '@flowdesk/model';
import { useReactFlow } from '@xyflow/react';
import { type DragEvent, useCallback, useState } from 'react';
import { splitEdge } from './canvas-insert.ts';
import { newNodeId } from './clipboard.ts';
import type { EditorAction } from './editor-store.ts';
import { defaultConfig } from './node-type-info.ts';
import { PALETTE_MIME } from './palette.tsx';

/** A card dropped on a line is centred on the point, so the line runs into and out of it. */
const CARD_HALF_WIDTH = 120;
/** A card's input sits about half its height below its top. */
const INPUT_BELOW_TOP = 48;

/**
 * The line among the elements under a point (topmost first), unless a card
 * lies over it there. A card's ports and their "+" reach past the card (zoomed
 * out, their hit areas grow to stay grabbable) and would cover the whole of a
 * short line between two tidied cards, so they never hide a line.
 */
export function lineAmong(elements: Iterable<Element>): string | undefined {
  for (const element of elements) {
    if (element.closest('.react-flow__handle, .port-add')) continue;
    if (element.closest('.react-flow__node')) return undefined;
    const edge = element.closest('.react-flow__edge');
    if (edge) return edge.getAttribute('data-id') ?? undefined;
  }
  return undefined;
}

const edgeAt = (x: number, y: number) => lineAmong(document.elementsFromPoint(x, y));

/**
 * Palette steps dropped on the canvas: on a line, the step goes into it
 * (source → new step → target) and the line is marked while the step is
 * dragged over it; elsewhere the step is added where it is dropped.
 */
export function usePaletteDrop(
  graph: FlowGraph,
  dispatch: (action: EditorAction) => void,
  readOnly: boolean,
  grid: number,
) {
  const { screenToFlowPosition } = useReactFlow();
  const [dropEdge, setDropEdge] = useState<string>();

  const onDragOver = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      if (readOnly) return;
      const line = edgeAt(event.clientX, event.clientY);
      setDropEdge((current) => (current === line ? current : line));
    },
    [readOnly],
  );

  const onDragLeave = useCallback((event: DragEvent) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropEdge(undefined);
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      setDropEdge(undefined);
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!type || readOnly) return;
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const line = edgeAt(event.clientX, event.clientY);
      const split = line
        ? splitEdge(graph, line, type, { x: point.x - CARD_HALF_WIDTH, y: point.y - INPUT_BELOW_TOP }, grid)
        : undefined;
      if (split) {
        dispatch({ kind: 'change', change: split.change });
        dispatch({ kind: 'select', selection: { nodes: [split.nodeId], edges: [] } });
        return;
      }
      const id = newNodeId(type, new Set(graph.nodes.map((node) => node.id)));
      const position = { x: Math.round(point.x / grid) * grid, y: Math.round(point.y / grid) * grid };
      dispatch({
        kind: 'change',
        change: { kind: 'add', nodes: [{ id, type, config: defaultConfig(type), position }], edges: [] },
      });
      dispatch({ kind: 'select', selection: { nodes: [id], edges: [] } });
    },
    [dispatch, graph, grid, readOnly, screenToFlowPosition],
  );

  return { dropEdge, onDragOver, onDragLeave, onDrop };
}
