import { describe, expect, it } from 'vitest';
import { insertPlaceholder, openPlaceholder, previewTemplate } from './template-preview.ts';

describe('template preview and completion', () => {
  it('fills known fields, leaves missing ones out of the text and lists them, and never evaluates code', () => {
    const data = { customer: { name: 'Wang', tags: ['vip', 'new'] } };
    expect(
      previewTemplate('Hi {{ customer.name | mask }} ({{ customer.tags }}) {{ ticket.number }}', data),
    ).toEqual({ text: 'Hi **** (vipnew) ', missing: ['ticket.number'], approximate: false });
    expect(previewTemplate('{{ constructor.constructor }}', data)).toEqual({
      text: '',
      missing: ['constructor.constructor'],
      approximate: false,
    });
  });

  it('shows what a customer without a name reads: the fallback, or the branch for them', () => {
    const nameless = { customer: { phone: '13812345678' } };
    expect(previewTemplate('您好 {{ customer.name }}，', nameless).text).toBe('您好 ，');
    expect(previewTemplate('您好 {{ customer.name | mask | default: "顾客" }}，', nameless)).toEqual({
      text: '您好 顾客，',
      missing: ['customer.name'],
      approximate: false,
    });
    const branches =
      '您好{% if customer.name %} {{ customer.name }}{% elsif customer.phone %} {{ customer.phone | mask }}{% else %}!{% endif %}{% unless customer.email %}（未留邮箱）{% endunless %}';
    expect(previewTemplate(branches, nameless).text).toBe('您好 *******5678（未留邮箱）');
    expect(previewTemplate(branches, { customer: { name: '王小明', email: 'a@b.cn' } }).text).toBe(
      '您好 王小明',
    );
  });

  it('says when the template uses what the preview does not imitate', () => {
    const preview = previewTemplate(
      '{{ customer.name | upcase }}{% for tag in customer.tags %}x{% endfor %}',
      {
        customer: { name: 'wang', tags: [] },
      },
    );
    expect(preview.approximate).toBe(true);
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
