import type { FlowGraph } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { availableAt, fieldOptions } from './field-options.ts';

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
