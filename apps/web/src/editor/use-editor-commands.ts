import type { FlowGraph } from '@flowdesk/model';
import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { autoLayout } from './auto-layout.ts';
import { FIT_VIEW_OPTIONS } from './canvas-zoom.ts';
import { copySelection, newNodeId, pasteContent, readClipboard, writeClipboard } from './clipboard.ts';
import type { EditorAction, Selection } from './editor-store.ts';
import type { MeasuredSizes } from './flow-canvas-view.tsx';
import { defaultConfig } from './node-type-info.ts';

/** The editor's commands, shared by the toolbar, the inspector buttons and the keyboard shortcuts. */
export function useEditorCommands(
  graph: FlowGraph,
  selection: Selection,
  dispatch: (action: EditorAction) => void,
  measured: MeasuredSizes,
) {
  const { fitView, getViewport } = useReactFlow();
  return useMemo(() => {
    const add = (nodes: FlowGraph['nodes'], edges: FlowGraph['edges']) => {
      dispatch({ kind: 'change', change: { kind: 'add', nodes, edges } });
      dispatch({ kind: 'select', selection: { nodes: nodes.map((node) => node.id), edges: [] } });
    };
    return {
      /** A palette item chosen with the keyboard lands right of the selection, or in view. */
      addNode(type: string) {
        const anchor = graph.nodes.find((node) => node.id === selection.nodes.at(-1));
        const viewport = getViewport();
        const position = anchor
          ? { x: anchor.position.x + 320, y: anchor.position.y }
          : {
              x: Math.round((-viewport.x + 200) / viewport.zoom / 16) * 16,
              y: Math.round((-viewport.y + 120) / viewport.zoom / 16) * 16,
            };
        const id = newNodeId(type, new Set(graph.nodes.map((node) => node.id)));
        add([{ id, type, config: defaultConfig(type), position }], []);
      },
      remove() {
        if (selection.nodes.length + selection.edges.length === 0) return;
        dispatch({
          kind: 'change',
          change: { kind: 'remove', nodeIds: [...selection.nodes], edgeIds: [...selection.edges] },
        });
      },
      duplicate() {
        const copied = copySelection(graph, selection);
        if (!copied) return;
        const pasted = pasteContent(copied, graph);
        add(pasted.nodes, pasted.edges);
      },
      async copy() {
        const copied = copySelection(graph, selection);
        if (copied) await writeClipboard(copied);
      },
      async paste() {
        const content = await readClipboard();
        if (!content) return;
        const pasted = pasteContent(content, graph);
        add(pasted.nodes, pasted.edges);
      },
      selectAll() {
        dispatch({
          kind: 'select',
          selection: { nodes: graph.nodes.map((node) => node.id), edges: graph.edges.map((edge) => edge.id) },
        });
      },
      layout() {
        dispatch({ kind: 'change', change: { kind: 'move', positions: autoLayout(graph, measured) } });
        requestAnimationFrame(() => void fitView({ duration: 200, ...FIT_VIEW_OPTIONS }));
      },
      fit() {
        void fitView({ duration: 200, ...FIT_VIEW_OPTIONS });
      },
    };
  }, [graph, selection, dispatch, measured, fitView, getViewport]);
}
