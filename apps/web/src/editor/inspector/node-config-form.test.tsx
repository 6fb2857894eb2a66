// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithI18n } from '../../testing/render-with-i18n.tsx';
import { NodeConfigForm } from './node-config-form.tsx';

afterEach(cleanup);

/** The form with its own state, as the inspector uses it; `seen` records every config it emits. */
function Harness({
  type,
  initial,
  seen,
}: {
  type: string;
  initial: Record<string, unknown>;
  seen: unknown[];
}) {
  const [config, setConfig] = useState(initial);
  return (
    <NodeConfigForm
      type={type}
      config={config}
      onChange={(next) => {
        seen.push(next);
        setConfig(next);
      }}
    />
  );
}

function last<T>(items: T[]): T | undefined {
  return items[items.length - 1];
}

describe('inspector forms generated from the catalog', () => {
  it('Wait: a duration as number + unit, and switching the wait kind changes the fields', () => {
    const seen: unknown[] = [];
    renderWithI18n(
      <Harness
        type="timing.wait"
        initial={{ mode: 'duration', duration: { amount: 24, unit: 'hours' } }}
        seen={seen}
      />,
    );
    const amount = screen.getByDisplayValue('24');
    fireEvent.change(amount, { target: { value: '2' } });
    fireEvent.change(screen.getByDisplayValue('hours'), { target: { value: 'days' } });
    expect(last(seen)).toEqual({ mode: 'duration', duration: { amount: 2, unit: 'days' } });

    const kind = screen.getByDisplayValue('For a duration');
    fireEvent.change(kind, { target: { value: 'until_time' } });
    expect(last(seen)).toMatchObject({ mode: 'until_time' });
    expect(screen.queryByDisplayValue('days')).toBeNull();
  });

  it('Send message: catalog labels, vocabulary dropdowns and a bilingual template with live preview', () => {
    const seen: unknown[] = [];
    renderWithI18n(
      <Harness
        type="action.send_message"
        initial={{ channel: 'reply', body: { 'zh-CN': '您好' } }}
        seen={seen}
      />,
      'zh-CN',
    );
    const channel = screen.getByRole('combobox', { name: /发送方式/ });
    expect(Array.from((channel as HTMLSelectElement).options).map((option) => option.text)).toContain('短信');

    const english = within(screen.getByRole('group', { name: '内容' })).getByRole('textbox', {
      name: '英文',
    });
    fireEvent.change(english, {
      target: { value: 'Hello {{ customer.name }}, ticket {{ ticket.number }}', selectionStart: 10 },
    });
    expect(last(seen)).toMatchObject({
      body: { 'zh-CN': '您好', en: 'Hello {{ customer.name }}, ticket {{ ticket.number }}' },
    });
    expect(screen.getByText(/Hello 王小明, ticket CS20261120001/)).toBeTruthy();
  });

  it('Send message: typing {{ offers fields and picking one completes the placeholder', () => {
    const seen: unknown[] = [];
    renderWithI18n(
      <Harness type="action.send_message" initial={{ channel: 'reply', body: {} }} seen={seen} />,
    );
    const body = within(screen.getByRole('group', { name: 'Body' }));
    const english = body.getByRole('textbox', { name: 'English' }) as HTMLTextAreaElement;
    fireEvent.change(english, { target: { value: 'Hi {{ vip', selectionStart: 9, selectionEnd: 9 } });
    english.setSelectionRange(9, 9);
    fireEvent.click(body.getByRole('option', { name: /customer\.vipLevel/ }));
    expect(last(seen)).toMatchObject({ body: { en: 'Hi {{ customer.vipLevel }}' } });
  });

  it('Switch: a field picker over the flow fields and a list of cases to add to', () => {
    const seen: unknown[] = [];
    renderWithI18n(
      <Harness
        type="logic.switch"
        initial={{ field: 'ticket.priority', cases: [{ id: 'urgent', operator: 'equals', value: 'urgent' }] }}
        seen={seen}
      />,
    );
    const field = screen.getByRole('combobox', { name: 'Field' });
    expect(screen.getByRole('option', { name: 'Customer · VIP level' })).toBeTruthy();
    fireEvent.change(field, { target: { value: 'customer.vipLevel' } });
    expect(last(seen)).toMatchObject({ field: 'customer.vipLevel' });

    fireEvent.click(screen.getByRole('button', { name: 'Add to Cases' }));
    expect((last(seen) as { cases: unknown[] }).cases).toHaveLength(2);
    expect(screen.getAllByRole('textbox', { name: /Case id/ })).toHaveLength(2);
  });

  it('Request received: entry conditions over the request and the customer only, and an exclusive switch', () => {
    const seen: unknown[] = [];
    renderWithI18n(<Harness type="trigger.request_received" initial={{ channels: [] }} seen={seen} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(last(seen)).toMatchObject({
      entry: { kind: 'group', combinator: 'all', children: [{ kind: 'rule', field: 'customer.vipLevel' }] },
    });
    const groups = within(screen.getByRole('combobox', { name: 'Field' }))
      .getAllByRole('group')
      .map((group) => group.getAttribute('label'));
    expect(groups).toEqual(['Request', 'Customer']);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Exclusive' }));
    expect(last(seen)).toMatchObject({ exclusive: true });
  });

  it('Classify: a category’s name in each language, an older single name kept for the other language', () => {
    const seen: unknown[] = [];
    renderWithI18n(
      <Harness
        type="logic.classify"
        initial={{ categories: [{ id: 'order_status', label: '订单状态', keywords: [], examples: [] }] }}
        seen={seen}
      />,
    );
    const name = screen.getByRole('group', { name: 'Category name' });
    const chinese = within(name).getByRole('textbox', { name: 'Chinese' }) as HTMLInputElement;
    const english = within(name).getByRole('textbox', { name: 'English' }) as HTMLInputElement;
    expect([chinese.value, english.value]).toEqual(['订单状态', '订单状态']);
    fireEvent.change(english, { target: { value: 'Order status' } });
    expect(last(seen)).toMatchObject({
      categories: [{ id: 'order_status', label: { 'zh-CN': '订单状态', en: 'Order status' } }],
    });
    expect(chinese.value).toBe('订单状态');
    expect(english.value).toBe('Order status');
  });

  it('Create ticket: a title in each language; an older single title shows in both and stays for the other', () => {
    const seen: unknown[] = [];
    renderWithI18n(
      <Harness
        type="action.create_ticket"
        initial={{ title: '退货：{{ request.subject }}', priority: 'auto' }}
        seen={seen}
      />,
    );
    const title = screen.getByRole('group', { name: 'Title' });
    const chinese = within(title).getByRole('textbox', { name: 'Chinese' }) as HTMLTextAreaElement;
    const english = within(title).getByRole('textbox', { name: 'English' }) as HTMLTextAreaElement;
    expect([chinese.value, english.value]).toEqual([
      '退货：{{ request.subject }}',
      '退货：{{ request.subject }}',
    ]);
    fireEvent.change(english, { target: { value: 'Return: {{ request.subject }}' } });
    expect(last(seen)).toMatchObject({
      title: { 'zh-CN': '退货：{{ request.subject }}', en: 'Return: {{ request.subject }}' },
    });
  });
});

describe('inspector: advanced settings and channel-specific fields', () => {
  it('HTTP request: the timeout in ms and the raw headers wait under a collapsed Advanced section', () => {
    renderWithI18n(
      <Harness
        type="action.http_request"
        initial={{ method: 'GET', url: 'https://erp.example.com/orders', timeoutMs: 5000 }}
        seen={[]}
      />,
    );
    const advanced = screen.getByTestId('advanced-fields') as HTMLDetailsElement;
    expect(advanced.open).toBe(false);
    expect(within(advanced).getByText('Advanced')).toBeTruthy();
    expect(within(advanced).getByRole('spinbutton', { name: /Timeout \(ms\)/ })).toBeTruthy();
    expect(within(advanced).getByRole('group', { name: 'Headers' })).toBeTruthy();
    // What every admin fills in stays outside it.
    expect(advanced.querySelector('[data-field="config.url"]')).toBeNull();
    expect(document.querySelector('[data-field="config.url"]')).toBeTruthy();
  });

  it('Condition: the CEL expression switch is under Advanced, in Chinese too', () => {
    renderWithI18n(<Harness type="logic.condition" initial={{ mode: 'rules' }} seen={[]} />, 'zh-CN');
    const advanced = screen.getByTestId('advanced-fields') as HTMLDetailsElement;
    expect(advanced.open).toBe(false);
    expect(within(advanced).getByText('高级设置')).toBeTruthy();
    expect(within(advanced).getByRole('checkbox', { name: '高级：编写表达式' })).toBeTruthy();
  });

  it('Send message: each channel shows only its own fields, and hidden fields keep their values', () => {
    const seen: unknown[] = [];
    renderWithI18n(
      <Harness
        type="action.send_message"
        initial={{ channel: 'email', subject: { en: 'Your ticket' }, body: { en: 'Hello' } }}
        seen={seen}
      />,
    );
    expect(screen.getByRole('group', { name: 'Subject' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Send to' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: /Webhook URL/ })).toBeNull();

    fireEvent.change(screen.getByRole('combobox', { name: 'Channel' }), { target: { value: 'sms' } });
    expect(screen.queryByRole('group', { name: 'Subject' })).toBeNull();
    expect(screen.getByRole('group', { name: 'Body' })).toBeTruthy();
    expect(last(seen)).toMatchObject({ channel: 'sms', subject: { en: 'Your ticket' } });

    fireEvent.change(screen.getByRole('combobox', { name: 'Channel' }), { target: { value: 'webhook' } });
    expect(screen.getByRole('textbox', { name: /Webhook URL/ })).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Send to' })).toBeNull();

    fireEvent.change(screen.getByRole('combobox', { name: 'Channel' }), { target: { value: 'email' } });
    expect(screen.getByRole('group', { name: 'Subject' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: /^Address/ })).toBeNull();
    fireEvent.change(screen.getByRole('combobox', { name: 'Send to' }), { target: { value: 'address' } });
    expect(screen.getByRole('textbox', { name: /^Address/ })).toBeTruthy();
  });
});
