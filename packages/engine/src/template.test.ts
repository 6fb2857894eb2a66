import { describe, expect, it } from 'vitest';
import { maskText, renderLocalizedTemplate, renderTemplate, TemplateRenderError } from './template.ts';

const data = {
  customer: { name: '王小明', phone: '13812345678', email: 'alice@example.com' },
  request: { message: '{{ 7*7 }} {% raw %}', subject: '{% include "secret" %}' },
  ticket: { number: 'CS20260302001', dueAt: '2026-03-02T10:00:00Z' },
  variables: {},
};

describe('renderTemplate', () => {
  it('fills fields and masks personal data, showing only the last four characters', () => {
    const result = renderTemplate(
      '您好 {{ customer.name }}，手机 {{ customer.phone | mask }}，邮箱 {{ customer.email | mask }}',
      data,
      {
        locale: 'zh-CN',
      },
    );
    expect(result).toEqual({ text: '您好 王小明，手机 *******5678，邮箱 *************.com', missing: [] });
    expect(maskText('1234')).toBe('****');
  });

  it('renders a missing field as nothing and lists it, while `default` and `if` treat it as empty', () => {
    const result = renderTemplate(
      'Hi {{ customer.nickname }} / {{ ticket.assignee | mask }} / {{ customer.nickname | default: "friend" }} / {% if ticket.assignee %}assigned{% else %}queued{% endif %}',
      data,
      { locale: 'en' },
    );
    expect(result.text).toBe('Hi  /  / friend / queued');
    expect(result.missing).toEqual(['customer.nickname', 'ticket.assignee']);
  });

  it('greets a customer who gave no name without showing the field path, or with the fallback written', () => {
    const nameless = { customer: { phone: '13812345678' }, request: { customFields: {} }, variables: {} };
    const plain = renderTemplate(
      '您好 {{ customer.name }}，订单 {{ request.customFields.orderNo }}',
      nameless,
      {
        locale: 'zh-CN',
      },
    );
    expect(plain.text).toBe('您好 ，订单 ');
    expect(plain.text).not.toContain('[');
    expect(plain.missing).toEqual(['customer.name', 'request.customFields.orderNo']);
    const fallback = renderTemplate(
      '您好 {{ customer.name | default: "顾客" }}，{{ customer.name | mask | default: "未提供" }}，{{ customer.name | upcase | append: "!" }}',
      nameless,
      { locale: 'zh-CN' },
    );
    expect(fallback.text).toBe('您好 顾客，未提供，!');
  });

  it('leaves a missing field out of escaped output too', () => {
    const result = renderTemplate('{"name":"{{ customer.nickname }}"}', data, {
      locale: 'en',
      escape: 'json-string',
    });
    expect(result.text).toBe('{"name":""}');
    expect(
      renderTemplate('/orders/{{ request.customFields.orderNo }}', data, {
        locale: 'en',
        escape: 'url-component',
      }).text,
    ).toBe('/orders/');
  });

  it('outputs text the customer wrote literally, never evaluating it', () => {
    const result = renderTemplate('Message: {{ request.message }} | {{ request.subject }}', data, {
      locale: 'en',
    });
    expect(result.text).toBe('Message: {{ 7*7 }} {% raw %} | {% include "secret" %}');
  });

  it('formats dates in the given timezone, not the server’s', () => {
    const result = renderTemplate('{{ ticket.dueAt | date: "%Y-%m-%d %H:%M" }}', data, {
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
    });
    expect(result.text).toBe('2026-03-02 18:00');
  });

  it('refuses file tags, unknown filters and runaway loops', () => {
    const render = (template: string) => () => renderTemplate(template, data, { locale: 'en' });
    expect(render('{% include "x" %}')).toThrow(TemplateRenderError);
    expect(render('{% render "x" %}')).toThrow(/not available/);
    expect(render('{{ customer.name | shell }}')).toThrow(/undefined filter/);
    expect(render('{% for i in (1..100000000) %}xxxxxxxxxx{% endfor %}')).toThrow(TemplateRenderError);
  });

  it('does not expose prototype properties', () => {
    expect(
      renderTemplate('[{{ customer.name.constructor }}]{{ customer.__proto__ }}', data, { locale: 'en' })
        .text,
    ).not.toContain('function');
  });
});

describe('renderLocalizedTemplate', () => {
  it('uses the customer’s language and falls back to the other one when it is empty', () => {
    const both = { 'zh-CN': '工单 {{ ticket.number }}', en: 'Ticket {{ ticket.number }}' };
    expect(renderLocalizedTemplate(both, data, { locale: 'en' })).toMatchObject({
      text: 'Ticket CS20260302001',
      locale: 'en',
    });
    expect(
      renderLocalizedTemplate({ 'zh-CN': '工单 {{ ticket.number }}', en: ' ' }, data, { locale: 'en' }),
    ).toMatchObject({
      text: '工单 CS20260302001',
      locale: 'zh-CN',
    });
  });
});
