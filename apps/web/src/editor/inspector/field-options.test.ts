import type { FlowGraph } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { availableAt, fieldOptions, providersAt } from './field-options.ts';

const graph: FlowGraph = {
  nodes: [
    {
      id: 'trigger',
      type: 'trigger.request_received',
      config: { channels: [], categories: [], keywords: [] },
      position: { x: 0, y: 0 },
    },
    {
      id: 'who',
      type: 'action.identify_customer',
      config: { by: ['phone'], createIfMissing: true },
      position: { x: 0, y: 0 },
    },
    {
      id: 'remember',
      type: 'logic.set_variable',
      config: { assignments: [{ name: 'isVip', value: { kind: 'literal', value: true } }] },
      position: { x: 0, y: 0 },
    },
    { id: 'check', type: 'logic.condition', config: {}, position: { x: 0, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourcePort: 'next', target: 'who' },
    { id: 'e2', source: 'who', sourcePort: 'next', target: 'remember' },
    { id: 'e3', source: 'remember', sourcePort: 'next', target: 'check' },
  ],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
};

describe('field picker options', () => {
  it('offers what the steps before a node provide: request, then customer, then variables', () => {
    const atWho = availableAt(graph, 'who');
    expect([...(atWho ?? [])]).toEqual(['request']);
    const atCheck = availableAt(graph, 'check') ?? new Set();
    const paths = fieldOptions(graph, 'en', atCheck).map((option) => option.path);
    expect(paths).toContain('customer.vipLevel');
    expect(paths).toContain('variables.isVip');
    expect(paths).not.toContain('ticket.priority');
  });

  it('offers every field for a step that is not connected yet', () => {
    expect(availableAt(graph, 'trigger')).toBeUndefined();
    expect(fieldOptions(graph, 'zh-CN').find((option) => option.path === 'ticket.priority')?.label).toBe(
      '优先级',
    );
  });
});

describe('field picker groups', () => {
  const classified: FlowGraph = {
    ...graph,
    nodes: [
      ...graph.nodes.filter((node) => node.id !== 'check'),
      {
        id: 'sort',
        type: 'logic.classify',
        label: '判断诉求',
        config: { categories: [{ id: 'complaint', label: '投诉' }] },
        position: { x: 0, y: 0 },
      },
      { id: 'check', type: 'logic.condition', config: {}, position: { x: 0, y: 0 } },
      { id: 'later', type: 'action.create_ticket', config: {}, position: { x: 0, y: 0 } },
    ],
    edges: [
      ...graph.edges.filter((edge) => edge.id !== 'e3'),
      { id: 'e3', source: 'remember', sourcePort: 'next', target: 'sort' },
      { id: 'e4', source: 'sort', sourcePort: 'complaint', target: 'check' },
      { id: 'e5', source: 'check', sourcePort: 'true', target: 'later' },
    ],
  };

  it('groups by source and puts a step’s outputs under that step’s title, in the admin’s language', () => {
    const options = fieldOptions(
      classified,
      'zh-CN',
      availableAt(classified, 'check'),
      providersAt(classified, 'check'),
    );
    const groups = [...new Set(options.map((option) => option.group))];
    expect(groups).toEqual(['请求', '客户', '判断诉求', '变量']);
    expect(options.find((option) => option.path === 'classification.category')).toMatchObject({
      group: '判断诉求',
      label: '分类',
    });
    const english = fieldOptions(
      classified,
      'en',
      availableAt(classified, 'check'),
      providersAt(classified, 'check'),
    );
    expect([...new Set(english.map((option) => option.group))]).toEqual([
      'Request',
      'Customer',
      '判断诉求',
      'Variables',
    ]);
  });

  it('names an untitled step by its type and leaves out what only later steps provide', () => {
    const untitled: FlowGraph = {
      ...classified,
      nodes: classified.nodes.map(({ label: _label, ...node }) => node),
    };
    const options = fieldOptions(
      untitled,
      'en',
      availableAt(untitled, 'check'),
      providersAt(untitled, 'check'),
    );
    expect(options.find((option) => option.path === 'classification.confidence')?.group).toBe('Classify');
    expect(options.some((option) => option.path.startsWith('ticket.'))).toBe(false);
  });
});
