import type { FlowGraph } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import {
  canvasToGraph,
  createCanvasCache,
  graphToCanvas,
  graphToCanvasCached,
  mergeMeasuredSizes,
} from './flow-canvas.ts';

const graph: FlowGraph = {
  nodes: [
    { id: 'trigger', type: 'trigger.request_received', config: { channels: [] }, position: { x: 0, y: 0 } },
    {
      id: 'vip',
      type: 'logic.condition',
      label: 'VIP?',
      config: { mode: 'expression', expression: 'customer.vipLevel >= 3' },
      position: { x: 300, y: 40 },
    },
    { id: 'end', type: 'action.end', config: {}, position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourcePort: 'next', target: 'vip' },
    { id: 'e2', source: 'vip', sourcePort: 'true', target: 'end' },
  ],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
};

describe('flow ↔ canvas conversion', () => {
  it('round-trips a flow unchanged, labels and ports included', () => {
    const { nodes, edges } = graphToCanvas(graph);
    expect(canvasToGraph(nodes, edges, graph.settings)).toEqual(graph);
  });

  it('maps output ports to source handles so edges leave from the labelled port', () => {
    const { edges } = graphToCanvas(graph);
    expect(edges[1]).toMatchObject({ source: 'vip', sourceHandle: 'true', target: 'end' });
  });

  it('draws problems and an execution path without writing them back into the flow', () => {
    const { nodes, edges } = graphToCanvas(graph, {
      problems: new Map([['vip', { errors: 2, warnings: 1 }]]),
      path: new Map([['vip', 'visited' as const]]),
      pathEdges: new Set(['e1']),
      selectedNodes: new Set(['end']),
    });
    expect(nodes[1]?.data).toMatchObject({ errors: 2, warnings: 1, status: 'visited' });
    expect(nodes[2]?.selected).toBe(true);
    expect(edges[0]?.data?.onPath).toBe(true);
    expect(canvasToGraph(nodes, edges, graph.settings)).toEqual(graph);
  });

  it('keeps node data plain: it survives a JSON round trip', () => {
    const { nodes } = graphToCanvas(graph);
    expect(JSON.parse(JSON.stringify(nodes))).toEqual(nodes);
  });
});

describe('cached conversion', () => {
  it('hands back the same objects for untouched nodes, a new one for the moved node', () => {
    const cache = createCanvasCache();
    const first = graphToCanvasCached(cache, graph);
    const moved = {
      ...graph,
      nodes: graph.nodes.map((node) => (node.id === 'end' ? { ...node, position: { x: 1, y: 1 } } : node)),
    };
    const second = graphToCanvasCached(cache, moved);
    expect(second.nodes[0]).toBe(first.nodes[0]);
    expect(second.nodes[2]).not.toBe(first.nodes[2]);
    expect(second.nodes[2]?.position).toEqual({ x: 1, y: 1 });
    expect(second.edges[0]).toBe(first.edges[0]);
    const selected = graphToCanvasCached(cache, moved, { selectedNodes: new Set(['vip']) });
    expect(selected.nodes[1]?.selected).toBe(true);
    expect(selected.nodes[0]).toBe(first.nodes[0]);
  });
});

describe('measured card sizes', () => {
  it('changes nothing when cards are measured again at the same size', () => {
    const measured = new Map([['a', { width: 240, height: 90 }]]);
    expect(mergeMeasuredSizes(measured, [{ id: 'a', width: 240, height: 90 }])).toBeNull();
    expect(mergeMeasuredSizes(measured, [])).toBeNull();
  });

  it('returns a new map with new and changed sizes, leaving the old one alone', () => {
    const measured = new Map([['a', { width: 240, height: 90 }]]);
    const next = mergeMeasuredSizes(measured, [
      { id: 'a', width: 240, height: 120 },
      { id: 'b', width: 240, height: 60 },
    ]);
    expect(next).toEqual(
      new Map([
        ['a', { width: 240, height: 120 }],
        ['b', { width: 240, height: 60 }],
      ]),
    );
    expect(measured.get('a')).toEqual({ width: 240, height: 90 });
  });
});
