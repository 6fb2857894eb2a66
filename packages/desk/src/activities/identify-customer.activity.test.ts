import { describe, expect, it } from 'vitest';
import { contactOf } from './identify-customer.activity.ts';

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
