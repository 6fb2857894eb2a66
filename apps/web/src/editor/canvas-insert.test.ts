import type { FlowGraph } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import {
  connectExisting,
  connectNewStep,
  connectTargets,
  defaultOutputOf,
  insertableTypes,
  splitEdge,
} from './canvas-insert.ts';
import { applyChange, createHistory, editorReducer } from './editor-store.ts';

const graph: FlowGraph = {
  nodes: [
    { id: 'trigger', type: 'trigger.request_received', config: { channels: [] }, position: { x: 0, y: 0 } },
    { id: 'vip', type: 'logic.condition', label: 'VIP?', config: {}, position: { x: 320, y: 0 } },
    { id: 'end', type: 'action.end', config: {}, position: { x: 640, y: 0 } },
    { id: 'later', type: 'action.end', label: 'Later', config: {}, position: { x: 640, y: 200 } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourcePort: 'next', target: 'vip' },
    { id: 'e2', source: 'vip', sourcePort: 'true', target: 'end' },
  ],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
};

describe('a step dropped on a line', () => {
  it('goes into the line: source → new step on the old port, new step → target on its default output', () => {
    const made = splitEdge(graph, 'e2', 'timing.wait', { x: 470, y: 9 });
    expect(made?.nodeId).toBe('wait_1');
    const after = applyChange(graph, made?.change ?? { kind: 'replace', graph });
    const added = after.nodes.find((node) => node.id === 'wait_1');
    expect(added).toMatchObject({ type: 'timing.wait', position: { x: 464, y: 16 } });
    expect(after.edges.map(({ source, sourcePort, target }) => `${source}.${sourcePort}→${target}`)).toEqual([
      'trigger.next→vip',
      'vip.true→wait_1',
      'wait_1.next→end',
    ]);
  });

  it('continues on the first output of a step without a "next" one (a condition continues on Yes)', () => {
    expect(defaultOutputOf('logic.condition', {})).toBe('true');
    const made = splitEdge(graph, 'e1', 'logic.condition', { x: 160, y: 0 });
    const after = applyChange(graph, made?.change ?? { kind: 'replace', graph });
    expect(after.edges.some((edge) => edge.source === 'condition_1' && edge.sourcePort === 'true')).toBe(
      true,
    );
    expect(after.edges.some((edge) => edge.id === 'e1')).toBe(false);
  });

  it('is refused for a step that cannot sit in a line and for an unknown line, leaving the flow alone', () => {
    expect(splitEdge(graph, 'e2', 'action.end', { x: 0, y: 0 })).toBeUndefined();
    expect(splitEdge(graph, 'e2', 'trigger.request_received', { x: 0, y: 0 })).toBeUndefined();
    expect(splitEdge(graph, 'gone', 'timing.wait', { x: 0, y: 0 })).toBeUndefined();
    expect(insertableTypes({ kind: 'split', edgeId: 'e2', position: { x: 0, y: 0 } })).not.toContain(
      'action.end',
    );
    expect(
      insertableTypes({ kind: 'connect', from: { nodeId: 'vip', port: 'false' }, position: { x: 0, y: 0 } }),
    ).toContain('action.end');
  });

  it('is one undo step', () => {
    const made = splitEdge(graph, 'e2', 'timing.wait', { x: 470, y: 0 });
    if (!made) throw new Error('no split');
    const history = editorReducer(createHistory(graph), { kind: 'change', change: made.change });
    expect(history.present.graph.edges).toHaveLength(3);
    expect(editorReducer(history, { kind: 'undo' }).present.graph).toBe(graph);
  });
});

describe('connecting an output', () => {
  it('to a new step adds the step with a line from that output', () => {
    const made = connectNewStep(graph, { nodeId: 'vip', port: 'false' }, 'action.end', { x: 640, y: 400 });
    const after = applyChange(graph, made?.change ?? { kind: 'replace', graph });
    expect(after.nodes).toHaveLength(5);
    expect(after.edges.at(-1)).toMatchObject({ source: 'vip', sourcePort: 'false', target: 'end_1' });
    const trigger = connectNewStep(graph, { nodeId: 'vip', port: 'false' }, 'trigger.request_received', {
      x: 0,
      y: 0,
    });
    expect(trigger).toBeUndefined();
  });

  it('from a list offers the other steps with an input that this output does not reach yet, left to right', () => {
    const targets = connectTargets(graph, { nodeId: 'vip', port: 'true' }).map((node) => node.id);
    expect(targets).toEqual(['later']);
    expect(connectTargets(graph, { nodeId: 'vip', port: 'false' }).map((node) => node.id)).toEqual([
      'end',
      'later',
    ]);
    expect(connectTargets(graph, { nodeId: 'end', port: 'next' }).map((node) => node.id)).toEqual([
      'vip',
      'later',
    ]);
  });

  it('from a list adds that line, and never a line from a step to itself', () => {
    const change = connectExisting({ nodeId: 'vip', port: 'false' }, 'later');
    const after = applyChange(graph, change ?? { kind: 'replace', graph });
    expect(after.edges.at(-1)).toMatchObject({ source: 'vip', sourcePort: 'false', target: 'later' });
    expect(connectExisting({ nodeId: 'vip', port: 'false' }, 'vip')).toBeUndefined();
  });
});
