import { describe, expect, it } from 'vitest';
import { acceptsEvent, type WaitAnswerEvent } from './accepts-event.ts';
import type { CompiledFlow } from './compile-flow.ts';
import type { ExecutionState } from './execution-state.schema.ts';
import { advance, start } from './interpreter.ts';
import { compile, edge, node, REQUEST_TRIGGER } from './testing/flow-builder.ts';

/**
 * Replay: recorded waiting states and the events that reach them, decided by
 * acceptsEvent and by what each resume path decided on its own before it
 * (copied below as it was), which must agree on every pair.
 */
const T0 = '2026-03-02T01:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function waitingOn(type: string, config: Record<string, unknown>): CompiledFlow {
  return compile([REQUEST_TRIGGER, node('wait', type, config)], [edge('trigger', 'next', 'wait')]);
}

const FLOWS: Record<string, CompiledFlow> = {
  customerReply: waitingOn('timing.wait_for_event', {
    event: 'customer_reply',
    statuses: [],
    timeout: { amount: 2, unit: 'days' },
  }),
  ticketStatus: waitingOn('timing.wait_for_event', {
    event: 'ticket_status',
    statuses: ['resolved', 'closed'],
    timeout: { amount: 2, unit: 'days' },
  }),
  surveyAnswer: waitingOn('timing.wait_for_event', {
    event: 'survey_answer',
    statuses: [],
    timeout: { amount: 7, unit: 'days' },
  }),
  timer: waitingOn('timing.wait', { mode: 'duration', duration: { amount: 1, unit: 'hours' } }),
  activity: compile(
    [REQUEST_TRIGGER, node('ticket', 'action.create_ticket')],
    [edge('trigger', 'next', 'ticket')],
  ),
  finished: compile(
    [REQUEST_TRIGGER, node('end', 'action.end', { outcome: 'completed' })],
    [edge('trigger', 'next', 'end')],
  ),
};

const RECORDED = Object.entries(FLOWS).map(([name, flow]) => {
  const started = start(
    flow,
    { data: { request: { message: '耳机坏了' } } },
    { now: T0, executionId: `exec-${name}` },
  );
  // As the store gives it back: plain JSON.
  const state: ExecutionState = JSON.parse(JSON.stringify(started.state));
  return { name, flow, state };
});

/** ticket-event-waits.ts `waitingFor`, before acceptsEvent. */
function ticketPathDecided(
  state: ExecutionState,
  row: { seq: number; event: 'customer_reply' | 'ticket_status' },
  payload: { at: string; status?: string; actor?: { kind: string; id: string } },
): boolean {
  const pending = state.pending;
  const command = pending?.command;
  if (!pending || command?.kind !== 'wait' || command.seq !== row.seq) return false;
  if (command.event?.name !== row.event) return false;
  if (payload.actor?.kind === 'execution' && payload.actor.id === state.executionId) return false;
  if (Date.parse(payload.at) < Date.parse(pending.issuedAt)) return false;
  const statuses = command.event.statuses ?? [];
  if (row.event === 'ticket_status' && statuses.length > 0 && !statuses.includes(payload.status ?? '')) {
    return false;
  }
  return true;
}

/** survey-answered-flows.ts `waitingSender`, before acceptsEvent. */
function surveyPathDecided(state: ExecutionState): boolean {
  const pending = state.pending?.command;
  return pending?.kind === 'wait' && pending.event?.name === 'survey_answer';
}

function pendingSeq(state: ExecutionState): number {
  return state.pending?.command.seq ?? state.seq;
}

describe('acceptsEvent replays what each resume path decided', () => {
  it('agrees with the ticket-event path on replies and status changes', () => {
    let compared = 0;
    for (const { state } of RECORDED) {
      const seq = pendingSeq(state);
      for (const kind of ['customer_reply', 'ticket_status'] as const) {
        for (const rowSeq of [seq, seq + 1]) {
          for (const when of [at(-60_000), T0, at(HOUR)]) {
            for (const status of [undefined, 'resolved', 'in_progress']) {
              for (const actor of [
                undefined,
                { kind: 'execution', id: state.executionId },
                { kind: 'user', id: 'li' },
              ]) {
                const before = ticketPathDecided(
                  state,
                  { seq: rowSeq, event: kind },
                  { at: when, ...(status ? { status } : {}), ...(actor ? { actor } : {}) },
                );
                const causedBy = actor?.kind === 'execution' ? { causedByExecutionId: actor.id } : {};
                const event: WaitAnswerEvent =
                  kind === 'ticket_status'
                    ? { kind, at: when, status: status ?? '', seq: rowSeq, ...causedBy }
                    : { kind, at: when, seq: rowSeq, ...causedBy };
                const verdict = acceptsEvent(state, event);
                expect(verdict.accepted, `${state.executionId} ${JSON.stringify(event)}`).toBe(before);
                if (verdict.accepted) expect(verdict.seq).toBe(rowSeq);
                compared++;
              }
            }
          }
        }
      }
    }
    // Some of each: the table is not all refusals.
    expect(compared).toBe(RECORDED.length * 2 * 2 * 3 * 3 * 3);
    const accepted = RECORDED.filter(
      ({ state }) =>
        acceptsEvent(state, { kind: 'ticket_status', at: T0, status: 'resolved', seq: pendingSeq(state) })
          .accepted,
    );
    expect(accepted.map((entry) => entry.name)).toEqual(['ticketStatus']);
  });

  it('agrees with the survey path, which takes an answer whenever the sender waits for one', () => {
    for (const { state } of RECORDED) {
      const verdict = acceptsEvent(state, { kind: 'survey_answer' });
      expect(verdict.accepted, state.executionId).toBe(surveyPathDecided(state));
      if (verdict.accepted) expect(verdict.seq).toBe(pendingSeq(state));
    }
  });

  it('agrees with the engine on timers and wait timeouts, early ones included', () => {
    const acceptedBy = new Set<string>();
    for (const { state, flow } of RECORDED) {
      const seq = pendingSeq(state);
      for (const kind of ['timer_fired', 'wait_timed_out'] as const) {
        for (const answerSeq of [seq, seq + 1]) {
          for (const now of [T0, at(HOUR), at(3 * DAY)]) {
            const engine = advance(state, { kind, seq: answerSeq }, { flow, now });
            const verdict = acceptsEvent(state, { kind, seq: answerSeq, now });
            expect(verdict.accepted, `${state.executionId} ${kind} ${answerSeq} ${now}`).toBe(engine.ok);
            if (verdict.accepted) acceptedBy.add(`${state.executionId} ${kind}`);
            if (!engine.ok && engine.error.code === 'engine.timer_early') {
              expect(verdict).toEqual({ accepted: false, reason: 'early' });
            }
          }
        }
      }
    }
    // The survey waits seven days: three are still early.
    expect([...acceptedBy].sort()).toEqual([
      'exec-customerReply wait_timed_out',
      'exec-ticketStatus wait_timed_out',
      'exec-timer timer_fired',
    ]);
  });

  it('says why a wait refuses', () => {
    const ticketStatus = RECORDED.find((entry) => entry.name === 'ticketStatus')?.state as ExecutionState;
    const seq = pendingSeq(ticketStatus);
    const refusal = (event: WaitAnswerEvent) => acceptsEvent(ticketStatus, event);
    expect(refusal({ kind: 'ticket_status', at: T0, status: 'resolved', seq: seq + 1 })).toEqual({
      accepted: false,
      reason: 'stale_seq',
    });
    expect(refusal({ kind: 'customer_reply', at: T0 })).toEqual({ accepted: false, reason: 'other_event' });
    expect(refusal({ kind: 'ticket_status', at: at(-1), status: 'resolved' })).toEqual({
      accepted: false,
      reason: 'before_wait',
    });
    expect(refusal({ kind: 'ticket_status', at: T0, status: 'pending' })).toEqual({
      accepted: false,
      reason: 'status_not_awaited',
    });
    expect(
      refusal({
        kind: 'ticket_status',
        at: T0,
        status: 'resolved',
        causedByExecutionId: ticketStatus.executionId,
      }),
    ).toEqual({ accepted: false, reason: 'own_change' });
    expect(refusal({ kind: 'wait_timed_out', seq, now: T0 })).toEqual({ accepted: false, reason: 'early' });
  });
});
