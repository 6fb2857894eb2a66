import { describe, expect, it } from 'vitest';
import { renderTemplate } from './template.ts';

const order = (orderNo: unknown) => ({ request: { customFields: { orderNo } } });
const URL_TEMPLATE = 'https://shop.example/api/v1/orders/{{ request.customFields.orderNo }}/cancel';

describe('renderTemplate with escape: url-component', () => {
  const render = (orderNo: unknown) =>
    renderTemplate(URL_TEMPLATE, order(orderNo), { locale: 'en', escape: 'url-component' }).text;

  it('keeps a path-traversal attempt inside its path segment', () => {
    const url = new URL(render('../../api/v1/admin?x='));
    expect(url.pathname).toBe('/api/v1/orders/..%2F..%2Fapi%2Fv1%2Fadmin%3Fx%3D/cancel');
    expect(url.search).toBe('');
  });

  it('encodes ?, #, /, %, spaces and Chinese as one component', () => {
    expect(render('a?b#c/d%e f订单')).toBe(
      'https://shop.example/api/v1/orders/a%3Fb%23c%2Fd%25e%20f%E8%AE%A2%E5%8D%95/cancel',
    );
  });

  it('leaves a normal order number and the template text unchanged', () => {
    expect(render('A-1001_x.2')).toBe('https://shop.example/api/v1/orders/A-1001_x.2/cancel');
    expect(render(1001)).toBe('https://shop.example/api/v1/orders/1001/cancel');
  });

  it('does not change plain rendering of the same template (separate cache)', () => {
    renderTemplate(URL_TEMPLATE, order('a/b'), { locale: 'en', escape: 'url-component' });
    expect(renderTemplate(URL_TEMPLATE, order('a/b'), { locale: 'en' }).text).toContain('/orders/a/b/cancel');
  });

  it('still reports missing fields', () => {
    const result = renderTemplate(URL_TEMPLATE, order(undefined), { locale: 'en', escape: 'url-component' });
    expect(result.missing).toEqual(['request.customFields.orderNo']);
  });
});

describe('renderTemplate with escape: json-string', () => {
  const BODY = '{"orderNo":"{{ request.customFields.orderNo }}","reason":"customer_request"}';
  const render = (orderNo: unknown) =>
    renderTemplate(BODY, order(orderNo), { locale: 'en', escape: 'json-string' }).text;

  it('keeps a JSON injection attempt inside its string', () => {
    const attack = 'A1","reason":"fraud","admin":true,"x":"\\';
    expect(JSON.parse(render(attack))).toEqual({ orderNo: attack, reason: 'customer_request' });
  });

  it('escapes line breaks and control characters and keeps Chinese', () => {
    expect(JSON.parse(render('第一行\n第二行\t\u0001'))).toEqual({
      orderNo: '第一行\n第二行\t\u0001',
      reason: 'customer_request',
    });
  });

  it('lets the template author opt out with | raw for a value that is already JSON', () => {
    const text = renderTemplate(
      '{"items":{{ variables.items | json | raw }}}',
      { variables: { items: ['a"b'] } },
      {
        locale: 'en',
        escape: 'json-string',
      },
    ).text;
    expect(JSON.parse(text)).toEqual({ items: ['a"b'] });
  });
});
