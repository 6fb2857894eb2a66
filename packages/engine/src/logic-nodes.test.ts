import { describe, expect, it } from 'vitest';
import { engineText } from './engine-messages.ts';
import { start } from './interpreter.ts';
import { compile, edge, node, REQUEST_TRIGGER } from './testing/flow-builder.ts';

const T0 = '2026-03-02T01:00:00.000Z';

/** trigger → the node under test; every port of interest left open so the step shows the choice. */
function runSingle(
  config: Record<string, unknown>,
  type: string,
  data: Record<string, unknown>,
  now = T0,
  extra = {},
) {
  const flow = compile([REQUEST_TRIGGER, node('n', type, config)], [edge('trigger', 'next', 'n')]);
  const result = start(flow, { data }, { now, executionId: 'e', ...extra });
  return { result, step: result.steps.find((step) => step.nodeId === 'n') };
}

describe('condition with an advanced CEL expression', () => {
  const expression = (text: string) => ({ mode: 'expression', expression: text });
  const data = { customer: { vipLevel: 3, tags: ['vip'], requestCount: 4 }, ticket: { priority: 'urgent' } };

  it.each([
    ['customer.vipLevel >= 3 && ticket.priority == "urgent"', 'true'],
    ['customer.requestCount + 1 > 5', 'false'],
    ['"vip" in customer.tags', 'true'],
    ['has(ticket.number)', 'false'],
  ])('%s → %s', (text, port) => {
    expect(runSingle(expression(text), 'logic.condition', data).step?.port).toBe(port);
  });

  it('fails the node when the expression errors or is not true/false', () => {
    const missingField = runSingle(expression('customer.email == "a@b.c"'), 'logic.condition', data);
    expect(missingField.result.state.incident).toMatchObject({
      nodeId: 'n',
      code: 'engine.expression_failed',
    });
    expect(
      engineText(
        missingField.result.state.incident?.code ?? '',
        missingField.result.state.incident?.params,
      )?.['zh-CN'],
    ).toContain('高级表达式');
    const notBoolean = runSingle(expression('customer.vipLevel + 1'), 'logic.condition', data);
    expect(notBoolean.result.state.incident?.code).toBe('engine.expression_not_boolean');
    expect(
      engineText(notBoolean.result.state.incident?.code ?? '', notBoolean.result.state.incident?.params)?.en,
    ).toContain('int');
    const syntax = runSingle(expression('customer.vipLevel >='), 'logic.condition', data);
    expect(syntax.step?.error?.code).toBe('engine.expression_failed');
  });
});

describe('set variable', () => {
  it('stores literals, copies of fields and rendered templates', () => {
    const { result, step } = runSingle(
      {
        assignments: [
          { name: 'isComplaint', value: { kind: 'literal', value: true } },
          { name: 'vip', value: { kind: 'field', field: 'customer.vipLevel' } },
          { name: 'greeting', value: { kind: 'template', template: '您好，{{ customer.name }}' } },
          { name: 'missing', value: { kind: 'template', template: '{{ customer.email | mask }}' } },
        ],
      },
      'logic.set_variable',
      { customer: { name: '李雷', vipLevel: 2 } },
    );
    expect(result.state.data.variables).toEqual({
      isComplaint: true,
      vip: 2,
      greeting: '您好，李雷',
      missing: '',
    });
    expect(step?.output).toMatchObject({ missing: ['customer.email'] });
  });
});

describe('set variable with a broken template', () => {
  it('fails the node with a translated message naming the problem', () => {
    const { result } = runSingle(
      { assignments: [{ name: 'x', value: { kind: 'template', template: '{{ customer.name | shout }}' } }] },
      'logic.set_variable',
      {},
    );
    expect(result.state.incident).toMatchObject({ code: 'engine.template_failed', retryable: false });
    expect(engineText(result.state.incident?.code ?? '', result.state.incident?.params)?.en).toContain(
      'shout',
    );
    expect(engineText(result.state.incident?.code ?? '', result.state.incident?.params)?.['zh-CN']).toContain(
      '文字模板',
    );
  });
});

describe('business hours', () => {
  const shanghaiWeekdays = {
    calendar: {
      timezone: 'Asia/Shanghai',
      weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
      holidays: ['2026-10-01'],
      workdays: ['2026-09-26'],
    },
  };
  it.each([
    ['2026-03-02T01:00:00.000Z', 'open', 'Monday 09:00 in Shanghai'],
    ['2026-03-02T00:59:00.000Z', 'closed', 'Monday 08:59 in Shanghai'],
    ['2026-03-02T10:00:00.000Z', 'closed', 'Monday 18:00 in Shanghai (end is exclusive)'],
    ['2026-03-01T23:30:00.000Z', 'closed', 'Sunday in UTC but Monday 07:30 in Shanghai'],
    ['2026-03-06T15:30:00.000Z', 'closed', 'Friday in UTC but Saturday in Shanghai'],
    ['2026-10-01T03:00:00.000Z', 'closed', 'a Thursday that is a holiday'],
    ['2026-10-02T03:00:00.000Z', 'open', 'the Friday after it'],
    ['2026-09-26T03:00:00.000Z', 'open', 'a Saturday worked to make up for the holiday (调休)'],
    ['2026-09-19T03:00:00.000Z', 'closed', 'an ordinary Saturday'],
  ])('%s is %s (%s)', (now, port) => {
    expect(runSingle(shanghaiWeekdays, 'logic.business_hours', {}, now).step?.port).toBe(port);
  });

  it('uses a team calendar from the context, and fails retryably when it is gone', () => {
    const config = { calendarId: 'london-team', calendar: shanghaiWeekdays.calendar };
    const london = {
      timezone: 'Europe/London',
      weekly: [{ days: ['mon'], from: '09:00', to: '17:00' }],
      holidays: [],
      workdays: [],
    };
    // Monday 09:30 in London (GMT), 17:30 in Shanghai: open only by the team calendar.
    const now = '2026-03-02T09:30:00.000Z';
    const open = runSingle(config, 'logic.business_hours', {}, now, { calendars: { 'london-team': london } });
    expect(open.step).toMatchObject({ port: 'open', output: { timezone: 'Europe/London' } });
    const gone = runSingle(config, 'logic.business_hours', {}, now);
    expect(gone.result.state.incident).toMatchObject({ code: 'engine.calendar_missing', retryable: true });
  });
});

describe('wait', () => {
  it('waits until the next 09:00 in the given timezone', () => {
    const { result } = runSingle(
      { mode: 'until_time', time: '09:00', timezone: 'Asia/Shanghai' },
      'timing.wait',
      {},
      '2026-03-02T02:00:00.000Z',
    );
    expect(result.command).toMatchObject({ kind: 'wait', until: '2026-03-03T01:00:00.000Z' });
    expect(result.state.status).toBe('waiting');
  });

  it('waits until a date field, or goes straight on (saying why) when it is past or missing', () => {
    const config = { mode: 'until_field', field: 'ticket.dueAt' };
    const future = runSingle(config, 'timing.wait', { ticket: { dueAt: '2026-03-05T08:00:00+08:00' } });
    expect(future.result.command).toMatchObject({ kind: 'wait', until: '2026-03-05T00:00:00.000Z' });
    const past = runSingle(config, 'timing.wait', { ticket: { dueAt: '2026-03-01T00:00:00Z' } });
    expect(past.step).toMatchObject({ port: 'next', output: { waited: false, reason: 'past' } });
    expect(past.result.state.status).toBe('completed');
    const missing = runSingle(config, 'timing.wait', { ticket: {} });
    expect(missing.step?.output).toEqual({ waited: false, reason: 'missing' });
  });
});
