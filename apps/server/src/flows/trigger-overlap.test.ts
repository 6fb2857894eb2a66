import type { RuleGroup } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { publishOverlaps, type TriggerOfFlow, triggersOverlap } from './trigger-overlap.ts';

function request(flowId: string, config: Record<string, unknown> = {}): TriggerOfFlow {
  return {
    flowId,
    name: `流程 ${flowId}`,
    type: 'trigger.request_received',
    config: { channels: [], categories: [], keywords: [], exclusive: false, ...config },
  };
}

function entry(...children: RuleGroup['children']): RuleGroup {
  return { kind: 'group', combinator: 'all', children };
}

describe('triggersOverlap', () => {
  it('counts two request triggers without filters, or with shared channels, as overlapping', () => {
    expect(triggersOverlap(request('a'), request('b'))).toBe(true);
    expect(
      triggersOverlap(request('a', { channels: ['wechat', 'email'] }), request('b', { channels: ['email'] })),
    ).toBe(true);
    // Keywords and text patterns are never proved apart.
    expect(triggersOverlap(request('a', { keywords: ['退货'] }), request('b', { keywords: ['投诉'] }))).toBe(
      true,
    );
  });

  it('tells triggers on disjoint channels apart, whether set as a filter or as an entry condition', () => {
    expect(
      triggersOverlap(request('a', { channels: ['wechat'] }), request('b', { channels: ['email'] })),
    ).toBe(false);
    const byRule = request('b', {
      entry: entry({ kind: 'rule', field: 'request.channel', operator: 'in', value: ['email', 'chat'] }),
    });
    expect(triggersOverlap(request('a', { channels: ['wechat'] }), byRule)).toBe(false);
    expect(triggersOverlap(request('a', { channels: ['chat'] }), byRule)).toBe(true);
  });

  it('tells apart contradicting equality, ranges and emptiness on the same field', () => {
    const brand = (value: string) =>
      request(value, {
        entry: entry({ kind: 'rule', field: 'request.customFields.brand', operator: 'equals', value }),
      });
    expect(triggersOverlap(brand('优品'), brand('家居'))).toBe(false);
    expect(triggersOverlap(brand('优品'), brand('优品'))).toBe(true);
    const notBrand = request('x', {
      entry: entry({
        kind: 'rule',
        field: 'request.customFields.brand',
        operator: 'not_equals',
        value: '优品',
      }),
    });
    expect(triggersOverlap(brand('优品'), notBrand)).toBe(false);
    expect(triggersOverlap(brand('家居'), notBrand)).toBe(true);

    const vip = (operator: 'gte' | 'lt', value: number) =>
      request(`${operator}${value}`, {
        entry: entry({ kind: 'rule', field: 'customer.vipLevel', operator, value }),
      });
    expect(triggersOverlap(vip('gte', 3), vip('lt', 3))).toBe(false);
    expect(triggersOverlap(vip('gte', 3), vip('lt', 4))).toBe(true);

    const noSerial = request('n', {
      entry: entry({ kind: 'rule', field: 'request.customFields.serialNo', operator: 'is_empty' }),
    });
    const serial = request('s', {
      entry: entry({ kind: 'rule', field: 'request.customFields.serialNo', operator: 'is_not_empty' }),
    });
    expect(triggersOverlap(noSerial, serial)).toBe(false);
  });

  it('stays conservative where the rules do not prove anything', () => {
    const tagged = (value: string) =>
      request(value, { entry: entry({ kind: 'rule', field: 'customer.tags', operator: 'equals', value }) });
    // A customer can carry both tags.
    expect(triggersOverlap(tagged('vip'), tagged('wholesale'))).toBe(true);
    const either: RuleGroup = {
      kind: 'group',
      combinator: 'any',
      children: [{ kind: 'rule', field: 'request.channel', operator: 'equals', value: 'email' }],
    };
    expect(triggersOverlap(request('a', { channels: ['wechat'] }), request('b', { entry: either }))).toBe(
      true,
    );
  });

  it('compares other triggers by what they start on, and different trigger types never overlap', () => {
    const event = (flowId: string, eventName: string): TriggerOfFlow => ({
      flowId,
      name: flowId,
      type: 'trigger.external_event',
      config: { eventName },
    });
    expect(triggersOverlap(event('a', 'order.shipped'), event('b', 'order.shipped'))).toBe(true);
    expect(triggersOverlap(event('a', 'order.shipped'), event('b', 'fee.due'))).toBe(false);
    const ticket = (flowId: string, events: string[]): TriggerOfFlow => ({
      flowId,
      name: flowId,
      type: 'trigger.ticket_event',
      config: { events, statuses: [] },
    });
    expect(triggersOverlap(ticket('a', ['sla_breached']), ticket('b', ['status_changed']))).toBe(false);
    expect(triggersOverlap(ticket('a', ['sla_breached']), ticket('b', ['sla_breached', 'created']))).toBe(
      true,
    );
    expect(triggersOverlap(request('a'), event('b', 'order.shipped'))).toBe(false);
    const teamTicket = (flowId: string, team: string): TriggerOfFlow => ({
      flowId,
      name: flowId,
      type: 'trigger.ticket_event',
      config: {
        events: ['sla_breached'],
        statuses: [],
        entry: entry({ kind: 'rule', field: 'ticket.team', operator: 'equals', value: team }),
      },
    });
    expect(triggersOverlap(teamTicket('a', 'after_sales'), teamTicket('b', 'repairs'))).toBe(false);
    expect(triggersOverlap(teamTicket('a', 'after_sales'), ticket('b', ['sla_breached']))).toBe(true);
  });
});

describe('publishOverlaps', () => {
  it('lists the live flows that would also start, before and after the flow in the order', () => {
    const live = [request('log'), request('wechat', { channels: ['wechat'] }), request('demo')];
    const report = publishOverlaps(request('new', { channels: ['api'] }), live, 2);
    expect(report).toEqual({
      hiddenBy: null,
      alsoStart: [
        { flowId: 'log', name: '流程 log', order: 'before', exclusive: false },
        { flowId: 'demo', name: '流程 demo', order: 'after', exclusive: false },
      ],
    });
  });

  it('says when an earlier exclusive flow that takes every request hides the new one', () => {
    const live = [request('intake', { exclusive: true }), request('demo')];
    expect(publishOverlaps(request('new'), live, 1)).toEqual({
      hiddenBy: { flowId: 'intake', name: '流程 intake' },
      alsoStart: [],
    });
    // An exclusive flow with conditions takes only some requests first: listed, not hiding.
    const partial = [request('vip', { exclusive: true, channels: ['wechat'] })];
    expect(publishOverlaps(request('new'), partial, 1)).toEqual({
      hiddenBy: null,
      alsoStart: [{ flowId: 'vip', name: '流程 vip', order: 'before', exclusive: true }],
    });
  });

  it('carries both languages’ names of template flows, so the dialog names them in the admin’s language', () => {
    const localizedName = { 'zh-CN': '零售：请求受理与分流', en: 'Retail: request intake' };
    const intake = { ...request('intake', { exclusive: true }), localizedName };
    expect(publishOverlaps(request('new'), [intake], 1).hiddenBy).toEqual({
      flowId: 'intake',
      name: '流程 intake',
      localizedName,
    });
    expect(publishOverlaps(request('new'), [intake], 0).alsoStart).toEqual([
      { flowId: 'intake', name: '流程 intake', localizedName, order: 'after', exclusive: true },
    ]);
  });

  it('leaves out later flows when the new flow is exclusive, and those behind a later catch-all exclusive flow', () => {
    const live = [request('later')];
    expect(publishOverlaps(request('new', { exclusive: true }), live, 0).alsoStart).toEqual([]);
    const behind = [request('catch-all', { exclusive: true }), request('last')];
    expect(publishOverlaps(request('new'), behind, 0).alsoStart.map((flow) => flow.flowId)).toEqual([
      'catch-all',
    ]);
  });
});
