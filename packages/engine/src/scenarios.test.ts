import { describe, expect, it } from 'vitest';
import { activityKey } from './interpreter.ts';
import { compile, edge, node, REQUEST_TRIGGER, vipCondition } from './testing/flow-builder.ts';
import { replay, runUntilIdle, SimulatedClock, succeed } from './testing/run-until-idle.ts';

const T0 = '2026-03-02T01:00:00.000Z';

const vipFlow = compile(
  [
    REQUEST_TRIGGER,
    vipCondition(),
    node('ticket', 'action.create_ticket'),
    node('wait', 'timing.wait', { mode: 'duration', duration: { amount: 24, unit: 'hours' } }),
    node('message', 'action.send_message'),
  ],
  [
    edge('trigger', 'next', 'vip'),
    edge('vip', 'true', 'ticket'),
    edge('ticket', 'next', 'wait'),
    edge('wait', 'next', 'message'),
  ],
);

const request = (vipLevel: number) => ({
  data: {
    request: { id: 'req-1', channel: 'web_form', subject: '订单未到', message: '我的快递还没到' },
    customer: { id: 'c-1', name: '王小明', phone: '13812345678', vipLevel },
  },
});

const handlers = {
  'action.create_ticket': succeed({
    ticket: { number: 'CS20260302001', status: 'new', link: 'https://x/t/1' },
  }),
  'action.send_message': succeed(),
};

describe('a VIP request: condition → create ticket → wait 24 h → send message', () => {
  it('creates the ticket at once, waits a full day, then sends the message', () => {
    const clock = new SimulatedClock(T0);
    const run = runUntilIdle(vipFlow, request(4), handlers, clock);

    expect(run.state.status).toBe('completed');
    expect(run.command).toEqual({ kind: 'finish', status: 'completed' });
    expect(run.commands.map((command) => command.kind)).toEqual(['activity', 'wait', 'activity', 'finish']);
    expect(run.steps.map((step) => [step.nodeId, step.port])).toEqual([
      ['trigger', 'next'],
      ['vip', 'true'],
      ['ticket', 'next'],
      ['wait', 'next'],
      ['message', 'next'],
    ]);
    const wait = run.commands[1];
    expect(wait).toMatchObject({ kind: 'wait', nodeId: 'wait', until: '2026-03-03T01:00:00.000Z' });
    const waitStep = run.steps.find((step) => step.nodeId === 'wait');
    expect([waitStep?.startedAt, waitStep?.finishedAt]).toEqual([T0, '2026-03-03T01:00:00.000Z']);
    expect(clock.now()).toBe('2026-03-03T01:00:00.000Z');
  });

  it('gives the message activity the ticket the earlier step created, and stable idempotency keys', () => {
    const run = runUntilIdle(vipFlow, request(4), handlers, new SimulatedClock(T0));
    const [createTicket, , sendMessage] = run.commands;
    if (createTicket?.kind !== 'activity' || sendMessage?.kind !== 'activity')
      throw new Error('expected activities');
    expect(createTicket.config).toMatchObject({
      priority: 'auto',
      title: '{{ request.subject | default: request.message | truncate: 80 }}',
    });
    expect(sendMessage.input.ticket).toMatchObject({ number: 'CS20260302001' });
    expect(activityKey(run.state, createTicket)).toBe('exec-1:ticket:1');
    expect(activityKey(run.state, sendMessage)).toBe('exec-1:message:1');
    expect(run.state.data.ticket).toMatchObject({ number: 'CS20260302001', status: 'new' });
  });

  it('ends quietly for a customer below the VIP level: the No port is not connected', () => {
    const run = runUntilIdle(vipFlow, request(1), handlers, new SimulatedClock(T0));
    expect(run.state.status).toBe('completed');
    expect(run.commands).toEqual([{ kind: 'finish', status: 'completed' }]);
    expect(run.steps.at(-1)).toMatchObject({
      nodeId: 'vip',
      port: 'false',
      input: { fields: { 'customer.vipLevel': 1 } },
    });
  });

  it('replays the recorded inputs to identical states (determinism)', () => {
    const run = runUntilIdle(vipFlow, request(4), handlers, new SimulatedClock(T0));
    const again = replay(vipFlow, request(4), T0, run.inputs);
    expect(again).toEqual(run.states);
    expect(JSON.stringify(again.at(-1))).toBe(JSON.stringify(run.state));
  });
});

describe('switch', () => {
  const flow = compile(
    [
      REQUEST_TRIGGER,
      node('route', 'logic.switch'),
      node('urgent', 'action.escalate'),
      node('normal', 'action.assign'),
      node('other', 'action.end'),
    ],
    [
      edge('trigger', 'next', 'route'),
      edge('route', 'urgent', 'urgent'),
      edge('route', 'high_or_medium', 'normal'),
      edge('route', 'default', 'other'),
    ],
  );
  const handlers = { 'action.escalate': succeed(), 'action.assign': succeed() };
  const withPriority = (priority: string) => ({ data: { ticket: { priority } } });

  it.each([
    ['urgent', 'urgent', 'action.escalate'],
    ['URGENT', 'urgent', 'action.escalate'],
    ['medium', 'high_or_medium', 'action.assign'],
    ['high', 'high_or_medium', 'action.assign'],
  ])('priority %s takes case %s', (priority, port, activity) => {
    const run = runUntilIdle(flow, withPriority(priority), handlers, new SimulatedClock(T0));
    expect(run.steps.find((step) => step.nodeId === 'route')?.port).toBe(port);
    expect(run.commands[0]).toMatchObject({ kind: 'activity', nodeType: activity });
    expect(run.state.status).toBe('completed');
  });

  it('takes Other when no case matches, and Other may end the flow', () => {
    const run = runUntilIdle(flow, withPriority('low'), handlers, new SimulatedClock(T0));
    expect(run.steps.map((step) => [step.nodeId, step.port])).toEqual([
      ['trigger', 'next'],
      ['route', 'default'],
      ['other', undefined],
    ]);
    expect(run.state.status).toBe('completed');
  });

  it('an End node set to cancelled ends the execution as cancelled', () => {
    const cancelling = compile(
      [REQUEST_TRIGGER, node('stop', 'action.end', { outcome: 'cancelled' })],
      [edge('trigger', 'next', 'stop')],
    );
    const run = runUntilIdle(cancelling, withPriority('low'), {}, new SimulatedClock(T0));
    expect(run.command).toEqual({ kind: 'finish', status: 'cancelled' });
    expect(run.state.finishedAt).toBe(T0);
  });
});

describe('classification', () => {
  it('asks the domain to classify, then follows the category port it answers with', () => {
    const flow = compile(
      [
        REQUEST_TRIGGER,
        node('classify', 'logic.classify'),
        node('returns', 'action.create_ticket'),
        node('triage', 'action.assign'),
      ],
      [
        edge('trigger', 'next', 'classify'),
        edge('classify', 'returns', 'returns'),
        edge('classify', 'low_confidence', 'triage'),
      ],
    );
    const classifyAs = (category: string, confidence: number, port: string) => ({
      'logic.classify': succeed({ classification: { category, confidence } }, port),
      'action.create_ticket': succeed(),
      'action.assign': succeed(),
    });
    const sure = runUntilIdle(
      flow,
      request(0),
      classifyAs('returns', 0.92, 'returns'),
      new SimulatedClock(T0),
    );
    expect(sure.commands[0]).toMatchObject({
      kind: 'activity',
      nodeType: 'logic.classify',
      config: { threshold: 0.7 },
    });
    expect(sure.commands[1]).toMatchObject({ kind: 'activity', nodeId: 'returns' });
    expect(sure.state.data.classification).toEqual({ category: 'returns', confidence: 0.92 });
    const unsure = runUntilIdle(
      flow,
      request(0),
      classifyAs('returns', 0.4, 'low_confidence'),
      new SimulatedClock(T0),
    );
    expect(unsure.commands[1]).toMatchObject({ kind: 'activity', nodeId: 'triage' });
  });
});
