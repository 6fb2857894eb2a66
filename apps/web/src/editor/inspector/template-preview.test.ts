import { describe, expect, it } from 'vitest';
import { insertPlaceholder, openPlaceholder, previewTemplate } from './template-preview.ts';

describe('template preview and completion', () => {
  it('fills known fields, shows missing ones, and never evaluates code', () => {
    const data = { customer: { name: 'Wang', tags: ['vip', 'new'] } };
    expect(
      previewTemplate('Hi {{ customer.name | mask }} ({{ customer.tags }}) {{ ticket.number }}', data),
    ).toBe('Hi Wang (vip, new) [ticket.number]');
    expect(previewTemplate('{{ constructor.constructor }}', data)).toBe('[constructor.constructor]');
  });

  it('completes the placeholder being typed', () => {
    expect(openPlaceholder('Dear {{ cust')).toBe('cust');
    expect(openPlaceholder('Dear {{ customer.name }} x')).toBeUndefined();
    expect(insertPlaceholder('Dear {{ cust', 12, 'customer.name')).toEqual({
      text: 'Dear {{ customer.name }}',
      cursor: 24,
    });
  });
});
