import { describe, expect, it } from 'vitest';
import { contactOf, identifyCustomerModule } from './identify-customer.activity.ts';

describe('contactOf: the language of who the flow is about', () => {
  it('takes the request’s language, else what its message reads as', () => {
    const request = (extra: Record<string, unknown>) => ({
      variables: {},
      request: { channel: 'email', customer: { email: 'amy@example.com' }, ...extra },
    });
    expect(contactOf(request({ locale: 'en', message: '你好，我的订单没到' }))?.locale).toBe('en');
    expect(contactOf(request({ message: 'Hello, my order has not arrived' }))?.locale).toBe('en');
    expect(contactOf(request({ subject: '订单没到', message: '单号 8831，请帮忙查一下' }))?.locale).toBe(
      'zh-CN',
    );
    expect(contactOf(request({ message: '👍' }))?.locale).toBeUndefined();
  });

  it('takes the language an event or an earlier step gives for the customer', () => {
    expect(contactOf({ variables: {}, customer: { email: 'amy@example.com', locale: 'en' } })?.locale).toBe(
      'en',
    );
    expect(
      contactOf({ variables: {}, customer: { email: 'amy@example.com', locale: 'fr' } })?.locale,
    ).toBeUndefined();
  });
});

describe('identify customer in a dry run', () => {
  const command = (customer: Record<string, unknown>) => ({
    kind: 'activity' as const,
    seq: 2,
    nodeId: 'who',
    nodeType: 'action.identify_customer',
    visit: 1,
    config: { by: ['phone', 'email'] as ('phone' | 'email')[], createIfMissing: true },
    input: { variables: {}, request: { channel: 'email', message: 'Refund please', customer } },
  });
  const context = (customer?: Record<string, unknown>) => ({
    today: '2026-11-24',
    note: () => undefined,
    ...(customer ? { customer: customer as never } : {}),
  });

  it('finds the profile the test run was given, counting this request like the real lookup', () => {
    const profile = {
      id: 'c-7',
      name: null,
      phone: null,
      email: 'grace@example.com',
      vipLevel: 3,
      tags: ['gold'],
      requestCount: 4,
      complaintCount: 1,
      lastContactAt: null,
      locale: 'zh-CN',
      isNew: false,
    };
    const result = identifyCustomerModule.simulate(
      command({ name: 'Grace Lin', email: 'grace@example.com', locale: 'en' }),
      context(profile),
    );
    expect(result).toEqual({
      ok: true,
      output: { customer: { ...profile, name: 'Grace Lin', locale: 'en', requestCount: 5 } },
    });
  });

  it('without a profile, shows a new customer made from what the request says', () => {
    const result = identifyCustomerModule.simulate(command({ name: '李雷' }), context());
    expect(result).toMatchObject({
      ok: true,
      output: { customer: { isNew: true, vipLevel: 0, name: '李雷' } },
    });
  });
});
