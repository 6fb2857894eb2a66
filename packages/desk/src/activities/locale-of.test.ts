import { describe, expect, it } from 'vitest';
import { localeOf } from './activity-support.ts';

describe('localeOf: the language a flow writes to the customer in', () => {
  it('prefers the request, then what the customer said, then their profile, then Chinese', () => {
    const customer = { id: 'c1', locale: 'en' };
    expect(
      localeOf({ variables: {}, request: { locale: 'zh-CN', customer: { locale: 'en' } }, customer }),
    ).toBe('zh-CN');
    expect(
      localeOf({ variables: {}, request: { customer: { locale: 'en' } }, customer: { locale: 'zh-CN' } }),
    ).toBe('en');
    // Ticket events, survey answers and schedules have no request: the profile decides.
    expect(localeOf({ variables: {}, ticket: { id: 't1' }, customer })).toBe('en');
    expect(localeOf({ variables: {}, customer: { id: 'c1', locale: null } })).toBe('zh-CN');
    expect(localeOf({ variables: {}, customer: { locale: 'fr' } })).toBe('zh-CN');
  });
});
