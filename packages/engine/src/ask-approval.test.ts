import { describe, expect, it } from 'vitest';
import { acceptsEvent } from './accepts-event.ts';
import { advance, start } from './interpreter.ts';
import { compile, edge, node, REQUEST_TRIGGER } from './testing/flow-builder.ts';
import { runUntilIdle, SimulatedClock, succeed } from './testing/run-until-idle.ts';

const T0 = '2026-03-02T01:00:00.000Z';

function approvalFlow(onTimeout = 'timed_out') {
  return compile(
    [
      REQUEST_TRIGGER,
      node('approve', 'timing.ask_approval', {
        decider: 'after-sales',
        question: 'Refund {{ request.subject }}?',
        facts: ['request.subject'],
        timeout: { amount: 2, unit: 'hours' },
        onTimeout,
      }),
      node('refund', 'action.update_ticket', { note: 'refund' }),
      node('decline', 'action.send_message'),
      node('late', 'action.escalate', { reason: 'nobody decided' }),
    ],
    [
      edge('trigger', 'next', 'approve'),
      edge('approve', 'approved', 'refund'),
      edge('approve', 'rejected', 'decline'),
      edge('approve', 'timed_out', 'late'),
    ],
  );
}

const trigger = { data: { request: { id: 'r1', subject: 'order 1250' } } };
const handlers = {
  'action.update_ticket': succeed(),
  'action.send_message': succeed(),
  'action.escalate': succeed(),
};

describe('Ask for approval', () => {
  it('waits for an approval decision with the configured timeout', () => {
    const started = start(approvalFlow(), trigger, { now: T0, executionId: 'e1' });
    expect(started.state.status).toBe('waiting');
    expect(started.command).toMatchObject({
      kind: 'wait',
      nodeId: 'approve',
      event: { name: 'approval' },
      timeoutAt: '2026-03-02T03:00:00.000Z',
    });
    const seq = started.command.kind === 'wait' ? started.command.seq : 0;
    expect(acceptsEvent(started.state, { kind: 'approval_decision', seq })).toEqual({ accepted: true, seq });
    expect(acceptsEvent(started.state, { kind: 'approval_decision', seq: seq + 1 })).toMatchObject({
      accepted: false,
      reason: 'stale_seq',
    });
    expect(acceptsEvent(started.state, { kind: 'customer_reply', at: T0 })).toMatchObject({
      accepted: false,
    });
  });

  it.each([
    ['approved', 'refund'],
    ['rejected', 'decline'],
  ])('leaves by the decision (%s) and keeps who decided in the data', (decision, next) => {
    const clock = new SimulatedClock(T0);
    const run = runUntilIdle(approvalFlow(), trigger, handlers, clock, {
      events: () => ({
        at: '2026-03-02T01:30:00.000Z',
        event: { kind: 'approval', decision, note: 'checked the order', decidedBy: 'user-sup' },
      }),
    });
    expect(run.state.status).toBe('completed');
    expect(run.steps.map((step) => [step.nodeId, step.port])).toEqual([
      ['trigger', 'next'],
      ['approve', decision],
      [next, 'next'],
    ]);
    expect(run.state.data.approval).toMatchObject({
      decision,
      note: 'checked the order',
      decidedBy: 'user-sup',
    });
  });

  it.each([
    ['timed_out', 'late'],
    ['rejected', 'decline'],
  ])('takes the configured outcome (%s) when nobody decides in time', (onTimeout, next) => {
    const run = runUntilIdle(approvalFlow(onTimeout), trigger, handlers, new SimulatedClock(T0));
    expect(run.steps.map((step) => [step.nodeId, step.port])).toEqual([
      ['trigger', 'next'],
      ['approve', onTimeout],
      [next, 'next'],
    ]);
    expect(run.state.data.approval).toMatchObject({ decision: onTimeout, timedOut: true });
  });

  it('refuses an answer that is not a decision, and a decision for another wait', () => {
    const flow = approvalFlow();
    const started = start(flow, trigger, { now: T0, executionId: 'e1' });
    const seq = started.command.kind === 'wait' ? started.command.seq : 0;
    const ctx = { flow, now: '2026-03-02T01:10:00.000Z' };
    const maybe = advance(
      started.state,
      { kind: 'event_received', seq, event: { kind: 'approval', decision: 'maybe' } },
      ctx,
    );
    expect(maybe).toMatchObject({ ok: false, error: { code: 'engine.event_not_awaited' } });
    const reply = advance(
      started.state,
      { kind: 'event_received', seq, event: { kind: 'customer_reply' } },
      ctx,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'engine.event_not_awaited' } });

    const waitFlow = compile(
      [
        REQUEST_TRIGGER,
        node('wait', 'timing.wait_for_event', {
          event: 'customer_reply',
          timeout: { amount: 1, unit: 'days' },
        }),
      ],
      [edge('trigger', 'next', 'wait')],
    );
    const waiting = start(waitFlow, trigger, { now: T0, executionId: 'e2' });
    const waitSeq = waiting.command.kind === 'wait' ? waiting.command.seq : 0;
    const decision = advance(
      waiting.state,
      { kind: 'event_received', seq: waitSeq, event: { kind: 'approval', decision: 'approved' } },
      { flow: waitFlow, now: T0 },
    );
    expect(decision).toMatchObject({ ok: false, error: { code: 'engine.event_not_awaited' } });
    expect(acceptsEvent(waiting.state, { kind: 'approval_decision', seq: waitSeq })).toMatchObject({
      accepted: false,
      reason: 'other_event',
    });
  });
});
