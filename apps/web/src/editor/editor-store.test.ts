import type { FlowGraph } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { copySelection, pasteContent } from './clipboard.ts';
import { canRedo, canUndo, createHistory, type EditorAction, editorReducer } from './editor-store.ts';

const base: FlowGraph = {
  nodes: [
    { id: 'trigger', type: 'trigger.request_received', config: {}, position: { x: 0, y: 0 } },
    { id: 'end', type: 'action.end', config: {}, position: { x: 300, y: 0 } },
  ],
  edges: [],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
};

const run = (actions: EditorAction[]) => actions.reduce(editorReducer, createHistory(base));
const connect: EditorAction = {
  kind: 'change',
  change: { kind: 'connect', edge: { id: 'e1', source: 'trigger', sourcePort: 'next', target: 'end' } },
};

describe('editor store', () => {
  it('undoes and redoes edits in order', () => {
    const rename: EditorAction = {
      kind: 'change',
      change: { kind: 'set_label', nodeId: 'end', label: 'Done' },
    };
    const edited = run([connect, rename]);
    expect(edited.present.graph.edges).toHaveLength(1);
    const undone = editorReducer(editorReducer(edited, { kind: 'undo' }), { kind: 'undo' });
    expect(undone.present.graph).toBe(base);
    expect(canUndo(undone)).toBe(false);
    const redone = editorReducer(undone, { kind: 'redo' });
    expect(redone.present.graph.edges).toHaveLength(1);
    expect(redone.present.graph.nodes[1]?.label).toBeUndefined();
    expect(canRedo(redone)).toBe(true);
  });

  it('a new edit after undo drops the redo stack', () => {
    const history = run([
      connect,
      { kind: 'undo' },
      { kind: 'change', change: { kind: 'set_label', nodeId: 'end', label: 'x' } },
    ]);
    expect(canRedo(history)).toBe(false);
  });

  it('records a whole drag as one undo step', () => {
    const move = (x: number, transient: boolean): EditorAction => ({
      kind: 'change',
      change: { kind: 'move', positions: [{ id: 'end', x, y: 0 }], transient },
    });
    const dragged = run([move(310, true), move(320, true), move(330, false)]);
    expect(dragged.present.graph.nodes[1]?.position.x).toBe(330);
    expect(dragged.past).toHaveLength(1);
    expect(editorReducer(dragged, { kind: 'undo' }).present.graph.nodes[1]?.position.x).toBe(300);
  });

  it('removing a node removes its edges and its selection', () => {
    const history = run([
      connect,
      { kind: 'select', selection: { nodes: ['end'], edges: ['e1'] } },
      { kind: 'change', change: { kind: 'remove', nodeIds: ['end'], edgeIds: [] } },
    ]);
    expect(history.present.graph.edges).toEqual([]);
    expect(history.present.selection).toEqual({ nodes: [], edges: [] });
  });

  it('refuses duplicate and self edges', () => {
    const history = run([
      connect,
      {
        ...connect,
        change: { kind: 'connect', edge: { id: 'e2', source: 'trigger', sourcePort: 'next', target: 'end' } },
      },
      {
        kind: 'change',
        change: { kind: 'connect', edge: { id: 'e3', source: 'end', sourcePort: 'next', target: 'end' } },
      },
    ] as EditorAction[]);
    expect(history.present.graph.edges.map((edge) => edge.id)).toEqual(['e1']);
  });

  it('pastes copied nodes with fresh ids and their inner edges', () => {
    const withEdge = run([connect]).present.graph;
    const copied = copySelection(withEdge, { nodes: ['trigger', 'end'], edges: [] });
    if (!copied) throw new Error('nothing copied');
    const pasted = pasteContent(JSON.parse(JSON.stringify(copied)), withEdge);
    expect(pasted.nodes.map((node) => node.id)).toEqual(['request_received_1', 'end_1']);
    expect(pasted.edges).toEqual([
      {
        id: 'request_received_1-next-end_1',
        source: 'request_received_1',
        sourcePort: 'next',
        target: 'end_1',
      },
    ]);
    expect(pasted.nodes[1]?.position).toEqual({ x: 348, y: 48 });
  });
});
