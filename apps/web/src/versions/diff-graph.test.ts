import type { FlowGraph } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { diffGraph, formatValue } from './diff-graph.ts';

const settings = { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN' as const, variables: [] };
const trigger = { id: 'trigger', type: 'trigger.request_received', config: {}, position: { x: 0, y: 0 } };
const oldEnd = { id: 'old', type: 'action.end', config: {}, position: { x: 300, y: 0 } };
const wait = { id: 'wait', type: 'timing.wait', config: { mode: 'duration' }, position: { x: 300, y: 0 } };
const oldEdge = { id: 'e1', source: 'trigger', sourcePort: 'next', target: 'old' };
const newEdge = { id: 'x', source: 'trigger', sourcePort: 'next', target: 'new' };
const newEnd = { id: 'new', type: 'action.end', config: {}, position: { x: 600, y: 0 } };
const from: FlowGraph = {
  nodes: [trigger, oldEnd, wait],
  edges: [oldEdge],
  settings,
};
const to: FlowGraph = {
  nodes: [
    trigger,
    { ...wait, position: { x: 900, y: 0 } },
    { id: 'new', type: 'action.end', config: {}, position: { x: 600, y: 0 } },
  ],
  edges: [{ id: 'x', source: 'trigger', sourcePort: 'next', target: 'new' }],
  settings,
};

describe('version diff on the canvas', () => {
  it('keeps removed nodes and edges on the canvas, marked, next to the added ones', () => {
    const result = diffGraph(from, to, {
      nodes: {
        added: [newEnd],
        removed: [oldEnd],
        changed: [{ nodeId: 'wait', config: [] }],
      },
      edges: { added: [newEdge], removed: [oldEdge] },
    });
    expect(result.graph.nodes.map((node) => node.id)).toEqual(['trigger', 'wait', 'new', 'old']);
    expect(Object.fromEntries(result.nodes)).toEqual({ new: 'added', old: 'removed' });
    expect(Object.fromEntries(result.edges)).toEqual({ x: 'added', 'removed-e1': 'removed' });
  });

  it('shows config values briefly', () => {
    expect(formatValue(undefined)).toBe('—');
    expect(formatValue(['a', 'b'])).toBe('["a","b"]');
    expect(formatValue('x'.repeat(100))).toHaveLength(58);
  });
});
