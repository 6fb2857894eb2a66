import type { FlowGraph } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { diffFlows, diffValues } from './flow-diff.ts';

const settings = { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN' as const, variables: [] };

const v1: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger.request_received', config: { channels: [] }, position: { x: 0, y: 0 } },
    {
      id: 'route',
      type: 'logic.switch',
      label: 'Route',
      config: { field: 'request.channel', cases: [{ value: 'email' }, { value: 'chat' }] },
      position: { x: 100, y: 0 },
    },
    { id: 'old', type: 'action.end', config: {}, position: { x: 200, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'next', target: 'route' },
    { id: 'e2', source: 'route', sourcePort: 'default', target: 'old' },
  ],
  settings,
};

const v2: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger.request_received', config: { channels: [] }, position: { x: 0, y: 0 } },
    {
      id: 'route',
      type: 'logic.switch',
      label: 'Route by channel',
      config: {
        field: 'request.channel',
        cases: [{ value: 'email' }, { value: 'wechat' }, { value: 'phone' }],
      },
      position: { x: 120, y: 40 },
    },
    { id: 'new', type: 'action.end', config: {}, position: { x: 200, y: 0 } },
  ],
  edges: [
    // Same connection under a new id: not a change.
    { id: 'e1-redrawn', source: 'start', sourcePort: 'next', target: 'route' },
    { id: 'e3', source: 'route', sourcePort: 'default', target: 'new' },
  ],
  settings: { ...settings, timezone: 'Europe/Paris' },
};

describe('diffFlows', () => {
  it('lists added, removed and changed nodes with per-path config values', () => {
    const diff = diffFlows(v1, v2);
    expect(diff.identical).toBe(false);
    expect(diff.nodes.added.map((node) => node.id)).toEqual(['new']);
    expect(diff.nodes.removed.map((node) => node.id)).toEqual(['old']);
    expect(diff.nodes.changed).toEqual([
      {
        nodeId: 'route',
        label: { before: 'Route', after: 'Route by channel' },
        position: { before: { x: 100, y: 0 }, after: { x: 120, y: 40 } },
        config: [
          { path: 'cases[1].value', before: 'chat', after: 'wechat' },
          { path: 'cases[2]', after: { value: 'phone' } },
        ],
      },
    ]);
  });

  it('compares edges by what they connect and reports settings changes', () => {
    const diff = diffFlows(v1, v2);
    expect(diff.edges.added).toEqual([{ id: 'e3', source: 'route', sourcePort: 'default', target: 'new' }]);
    expect(diff.edges.removed).toEqual([{ id: 'e2', source: 'route', sourcePort: 'default', target: 'old' }]);
    expect(diff.settings).toEqual([{ path: 'timezone', before: 'Asia/Shanghai', after: 'Europe/Paris' }]);
  });

  it('reports a type change and says a graph is identical to itself', () => {
    const retyped: FlowGraph = {
      ...v1,
      nodes: v1.nodes.map((node) => (node.id === 'old' ? { ...node, type: 'action.auto_reply' } : node)),
    };
    expect(diffFlows(v1, retyped).nodes.changed).toEqual([
      { nodeId: 'old', type: { before: 'action.end', after: 'action.auto_reply' }, config: [] },
    ]);
    expect(diffFlows(v1, structuredClone(v1)).identical).toBe(true);
  });

  it('marks values that exist on one side only', () => {
    expect(diffValues({ a: 1 }, { b: 2 })).toEqual([
      { path: 'a', before: 1 },
      { path: 'b', after: 2 },
    ]);
  });
});
