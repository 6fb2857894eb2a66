import { describe, expect, it } from 'vitest';
import type { AdvanceResult } from './engine-result.ts';
import { advance, start } from './interpreter.ts';
import { compile, edge, node, REQUEST_TRIGGER } from './testing/flow-builder.ts';
import { runUntilIdle, SimulatedClock, succeed } from './testing/run-until-idle.ts';

const T0 = '2026-03-02T01:00:00.000Z';
const trigger = { data: { request: { id: 'req-1', message: '还没收到货' }, ticket: { number: 'CS1' } } };

function codeOf(result: AdvanceResult): string {
  return result.ok ? 'applied' : result.error.code;
}

describe('wait for event', () => {
  const flow = compile(
    [
      REQUEST_TRIGGER,
      node('ask', 'timing.wait_for_event', { event: 'customer_reply', timeout: { amount: 2, unit: 'days' } }),
      node('thanks', 'action.send_message'),
      node('close', 'action.update_ticket'),
    ],
    [edge('trigger', 'next', 'ask'), edge('ask', 'received', 'thanks'), edge('ask', 'timeout', 'close')],
  );
  const handlers = {
    'action.send_message': succeed(),
    'action.update_ticket': succeed({ ticket: { status: 'closed' } }),
  };

  it('goes on by Received with the event in the data when the customer replies in time', () => {
    const clock = new SimulatedClock(T0);
    const run = runUntilIdle(flow, trigger, handlers, clock, {
      events: () => ({
        at: '2026-03-02T03:00:00.000Z',
        event: { kind: 'customer_replied', message: '收到了，谢谢' },
      }),
    });
    expect(run.commands[0]).toEqual({
      kind: 'wait',
      seq: 1,
      nodeId: 'ask',
      event: { name: 'customer_reply' },
      timeoutAt: '2026-03-04T01:00:00.000Z',
    });
    expect(run.steps.find((step) => step.nodeId === 'ask')?.port).toBe('received');
    expect(run.state.data.event).toEqual({ kind: 'customer_replied', message: '收到了，谢谢' });
    expect(run.commands[1]).toMatchObject({ kind: 'activity', nodeId: 'thanks' });
    expect(clock.now()).toBe('2026-03-02T03:00:00.000Z');
  });

  it('goes on by Timeout when nothing comes, and not a moment early', () => {
    const first = start(flow, trigger, { now: T0, executionId: 'e' });
    const seq = first.command.kind === 'wait' ? first.command.seq : 0;
    const early = advance(
      first.state,
      { kind: 'wait_timed_out', seq },
      { now: '2026-03-04T00:59:59.000Z', flow },
    );
    expect(codeOf(early)).toBe('engine.timer_early');
    const run = runUntilIdle(flow, trigger, handlers, new SimulatedClock(T0));
    expect(run.steps.find((step) => step.nodeId === 'ask')).toMatchObject({
      port: 'timeout',
      startedAt: T0,
      finishedAt: '2026-03-04T01:00:00.000Z',
    });
    expect(run.state.data.ticket).toEqual({ number: 'CS1', status: 'closed' });
  });

  it('refuses a ticket status it is not waiting for, leaving the state as it was', () => {
    const statusFlow = compile(
      [
        REQUEST_TRIGGER,
        node('solved', 'timing.wait_for_event', {
          event: 'ticket_status',
          statuses: ['resolved'],
          timeout: { amount: 7, unit: 'days' },
        }),
      ],
      [edge('trigger', 'next', 'solved')],
    );
    const first = start(statusFlow, trigger, { now: T0, executionId: 'e' });
    expect(first.command).toMatchObject({ event: { name: 'ticket_status', statuses: ['resolved'] } });
    const ctx = { now: '2026-03-03T00:00:00.000Z', flow: statusFlow };
    const wrong = advance(
      first.state,
      { kind: 'event_received', seq: 1, event: { status: 'in_progress' } },
      ctx,
    );
    expect(codeOf(wrong)).toBe('engine.event_not_awaited');
    expect(wrong.state).toBe(first.state);
    const right = advance(
      first.state,
      { kind: 'event_received', seq: 1, event: { status: 'resolved' } },
      ctx,
    );
    expect(right.ok && right.state.status).toBe('completed');
  });
});

describe('inputs the engine refuses', () => {
  const flow = compile(
    [REQUEST_TRIGGER, node('ticket', 'action.create_ticket'), node('wait', 'timing.wait')],
    [edge('trigger', 'next', 'ticket'), edge('ticket', 'next', 'wait')],
  );
  const first = start(flow, trigger, { now: T0, executionId: 'e' });
  const ctx = { now: T0, flow };
  const ok = { ok: true as const, output: {} };

  it('refuses an answer whose seq is not the pending command’s', () => {
    const result = advance(first.state, { kind: 'activity_result', seq: 7, result: ok }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'engine.stale_seq' } });
    expect(result.state).toBe(first.state);
    if (!result.ok) expect(result.error.message.en).toContain('7');
  });

  it('refuses an answer of the wrong kind, and a timer that fires early', () => {
    expect(codeOf(advance(first.state, { kind: 'timer_fired', seq: 1 }, ctx))).toBe(
      'engine.unexpected_input',
    );
    const waiting = advance(first.state, { kind: 'activity_result', seq: 1, result: ok }, ctx);
    if (!waiting.ok || waiting.command.kind !== 'wait') throw new Error('expected a wait');
    expect(waiting.state.status).toBe('waiting');
    const early = advance(waiting.state, { kind: 'timer_fired', seq: waiting.command.seq }, ctx);
    expect(codeOf(early)).toBe('engine.timer_early');
  });

  it('refuses malformed input and a flow of another version', () => {
    const malformed = advance(first.state, { kind: 'activity_result', seq: 1 } as never, ctx);
    expect(codeOf(malformed)).toBe('engine.invalid_input');
    const otherVersion = compile([REQUEST_TRIGGER], [], 2);
    expect(codeOf(advance(first.state, { kind: 'cancel' }, { now: T0, flow: otherVersion }))).toBe(
      'engine.version_mismatch',
    );
  });

  it('cancels a running execution once; a finished one accepts nothing more', () => {
    const cancelled = advance(first.state, { kind: 'cancel' }, ctx);
    expect(cancelled).toMatchObject({ ok: true, command: { kind: 'finish', status: 'cancelled' } });
    expect(cancelled.state).toMatchObject({ status: 'cancelled', pending: null, finishedAt: T0 });
    expect(codeOf(advance(cancelled.state, { kind: 'cancel' }, ctx))).toBe('engine.not_active');
    expect(codeOf(advance(cancelled.state, { kind: 'activity_result', seq: 1, result: ok }, ctx))).toBe(
      'engine.not_active',
    );
    expect(codeOf(advance(cancelled.state, { kind: 'retry' }, ctx))).toBe('engine.nothing_to_retry');
  });

  it('never changes the state it was given', () => {
    const before = JSON.stringify(first.state);
    advance(
      first.state,
      { kind: 'activity_result', seq: 1, result: { ok: true, output: { ticket: { number: 'X' } } } },
      ctx,
    );
    advance(first.state, { kind: 'cancel' }, ctx);
    expect(JSON.stringify(first.state)).toBe(before);
  });
});
