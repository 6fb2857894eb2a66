import type { FlowGraph } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { executionPath } from './execution-path.ts';

const graph: FlowGraph = {
  nodes: [
    { id: 'trigger', type: 'trigger.request_received', config: {}, position: { x: 0, y: 0 } },
    { id: 'vip', type: 'logic.condition', config: {}, position: { x: 0, y: 0 } },
    { id: 'yes', type: 'action.end', config: {}, position: { x: 0, y: 0 } },
    { id: 'no', type: 'action.end', config: {}, position: { x: 0, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourcePort: 'next', target: 'vip' },
    { id: 'e2', source: 'vip', sourcePort: 'true', target: 'yes' },
    { id: 'e3', source: 'vip', sourcePort: 'false', target: 'no' },
  ],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
};

describe('execution path', () => {
  it('highlights the nodes and the exact edges taken, not the branch left alone', () => {
    const { path, pathEdges } = executionPath(
      graph,
      [
        { nodeId: 'trigger', port: 'next' },
        { nodeId: 'vip', port: 'true' },
        { nodeId: 'yes', port: null },
      ],
      null,
    );
    expect([...path.keys()]).toEqual(['trigger', 'vip', 'yes']);
    expect([...pathEdges]).toEqual(['e1', 'e2']);
  });

  it('marks a failed step and the node an execution waits on', () => {
    const { path } = executionPath(
      graph,
      [
        { nodeId: 'trigger', port: 'next' },
        { nodeId: 'vip', port: null, error: { code: 'x' } },
      ],
      null,
    );
    expect(path.get('vip')).toBe('failed');
    const waiting = executionPath(graph, [{ nodeId: 'trigger', port: 'next' }], 'vip');
    expect(waiting.path.get('vip')).toBe('current');
    expect([...waiting.pathEdges]).toEqual(['e1']);
  });
});
