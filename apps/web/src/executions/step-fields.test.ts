import { describe, expect, it } from 'vitest';
import { labelledFields } from './step-fields.ts';

describe('step input and output as labelled fields', () => {
  it('names flow data as the field picker does, in both languages', () => {
    const output = { ticket: { number: 'CS20261122001', priority: 'high', tags: ['vip', 'refund'] } };
    expect(labelledFields(output, 'action.create_ticket', 'en')).toEqual([
      { path: 'ticket.number', label: 'Ticket · Ticket number', value: 'CS20261122001' },
      { path: 'ticket.priority', label: 'Ticket · Priority', value: 'high' },
      { path: 'ticket.tags', label: 'Ticket · Tags', value: 'vip, refund' },
    ]);
    expect(labelledFields(output, 'action.create_ticket', 'zh-CN')[0]).toMatchObject({
      label: '工单 · 工单号',
    });
  });

  it("reads field paths written as keys, and names a step's own settings by the catalog", () => {
    const fields = labelledFields(
      { 'customer.name': '王小明', title: 'Refund {{ request.subject }}', unknownThing: null },
      'action.create_ticket',
      'zh-CN',
    );
    expect(fields[0]).toEqual({ path: 'customer.name', label: '客户 · 姓名', value: '王小明' });
    expect(fields[1]?.label).not.toBe('title');
    expect(fields[1]?.value).toBe('Refund {{ request.subject }}');
    expect(fields[2]).toEqual({ path: 'unknownThing', label: 'unknownThing', value: '—' });
  });

  it('names the config an activity ran with by its catalog labels', () => {
    const fields = labelledFields(
      { config: { title: 'Refund', priority: 'auto' } },
      'action.create_ticket',
      'en',
    );
    expect(fields.map((field) => field.label)).toEqual(['Title', 'Priority']);
  });

  it('shows nothing for an empty step and deep objects as compact JSON', () => {
    expect(labelledFields(null, 'logic.condition', 'en')).toEqual([]);
    const [deep] = labelledFields({ http: { body: { a: { b: { c: 1 } } } } }, 'action.http_request', 'en');
    expect(deep?.value).toBe('{"b":{"c":1}}');
  });
});
