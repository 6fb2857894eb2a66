import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from './command.schema.ts';
import type { ExecutionState, ExecutionStatus } from './execution-state.schema.ts';
import { ExecutionStateSchema } from './execution-state.schema.ts';
import type { ActivityResult, Input } from './input.schema.ts';
import { advance, start } from './interpreter.ts';
import { compile, edge, node, REQUEST_TRIGGER, vipCondition } from './testing/flow-builder.ts';

/** A flow with every kind of stop: activities with and without error ports, a timer, an event wait, a loop. */
const flow = compile(
  [
    REQUEST_TRIGGER,
    vipCondition(),
    node('classify', 'logic.classify'),
    node('ticket', 'action.create_ticket'),
    node('ask', 'timing.wait_for_event'),
    node('pause', 'timing.wait'),
    node('reply', 'action.auto_reply'),
  ],
  [
    edge('trigger', 'next', 'vip'),
    edge('vip', 'true', 'classify'),
    edge('vip', 'false', 'reply'),
    edge('classify', 'returns', 'ticket'),
    edge('classify', 'low_confidence', 'pause'),
    edge('ticket', 'next', 'ask'),
    edge('ticket', 'error', 'pause'),
    edge('ask', 'timeout', 'pause'),
    edge('pause', 'next', 'vip'),
  ],
);

const outputArbitrary = fc.constantFrom<Record<string, unknown>>(
  {},
  { ticket: { number: 'CS1' } },
  { variables: { n: 1 } },
  { unknownSource: { x: 1 } },
  { classification: 'not an object' },
);

const resultArbitrary = fc.oneof(
  fc.record({
    ok: fc.constant(true as const),
    port: fc.constantFrom('next', 'returns', 'low_confidence', 'answered', 'nowhere'),
    output: outputArbitrary,
  }),
  fc.record({
    ok: fc.constant(false as const),
    error: fc.record({
      code: fc.constant('desk.failed'),
      message: fc.constant({ 'zh-CN': '失败', en: 'Failed' }),
      retryable: fc.boolean(),
    }),
  }),
);

/** Random inputs: mostly stale, mistimed or of the wrong kind. */
const junkArbitrary: fc.Arbitrary<Input> = fc.oneof(
  fc.record({
    kind: fc.constant('activity_result' as const),
    seq: fc.integer({ min: 0, max: 9 }),
    result: resultArbitrary,
  }),
  fc.record({
    kind: fc.constantFrom('timer_fired' as const, 'wait_timed_out' as const),
    seq: fc.integer({ min: 1, max: 9 }),
  }),
  fc.record({
    kind: fc.constant('event_received' as const),
    seq: fc.integer({ min: 1, max: 9 }),
    event: fc.record({ status: fc.constantFrom('resolved', 'new') }),
  }),
  fc.constantFrom<Input>({ kind: 'retry' }, { kind: 'cancel' }),
);

/** Either a proper answer to whatever is pending (with a random outcome), or junk. */
type Move =
  | { mode: 'answer'; result: ActivityResult; eventArrives: boolean }
  | { mode: 'junk'; input: Input };
const moveArbitrary: fc.Arbitrary<Move> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      mode: fc.constant('answer' as const),
      result: resultArbitrary,
      eventArrives: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ mode: fc.constant('junk' as const), input: junkArbitrary }) },
);

function answerTo(state: ExecutionState, move: Move): { input: Input; due?: string } {
  const pending = state.pending?.command;
  if (move.mode === 'junk' || !pending)
    return { input: move.mode === 'junk' ? move.input : { kind: 'retry' } };
  if (pending.kind === 'activity')
    return { input: { kind: 'activity_result', seq: pending.seq, result: move.result } };
  if (!pending.event) return { input: { kind: 'timer_fired', seq: pending.seq }, due: pending.until };
  if (move.eventArrives)
    return { input: { kind: 'event_received', seq: pending.seq, event: { message: 'hi' } } };
  return { input: { kind: 'wait_timed_out', seq: pending.seq }, due: pending.timeoutAt };
}

const EXPECTED_STATUS: Record<Command['kind'], readonly ExecutionStatus[]> = {
  activity: ['running'],
  wait: ['waiting'],
  finish: ['completed', 'failed', 'cancelled'],
};

describe('engine properties', () => {
  it('never throws, leaves refused states untouched, and keeps state and command consistent', () => {
    const appliedAnswers = { count: 0 };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.array(moveArbitrary, { maxLength: 15 }),
        (vipLevel, moves) => {
          let now = Date.parse('2026-03-02T01:00:00Z');
          let state = start(
            flow,
            { data: { customer: { vipLevel } } },
            {
              now: new Date(now).toISOString(),
              executionId: 'prop',
            },
          ).state;
          for (const move of moves) {
            const { input, due } = answerTo(state, move);
            if (due) now = Math.max(now, Date.parse(due));
            const before = JSON.stringify(state);
            const result = advance(state, input, { now: new Date(now).toISOString(), flow });
            if (!result.ok) {
              expect(JSON.stringify(result.state)).toBe(before);
              continue;
            }
            expect(EXPECTED_STATUS[result.command.kind]).toContain(result.state.status);
            expect(ExecutionStateSchema.safeParse(result.state).success).toBe(true);
            expect(result.state.pending === null).toBe(result.command.kind === 'finish');
            if (input.kind !== 'cancel' && input.kind !== 'retry') appliedAnswers.count += 1;
            state = result.state;
          }
        },
      ),
      { numRuns: 400 },
    );
    // The property is only worth something if many random answers were actually applied.
    expect(appliedAnswers.count).toBeGreaterThan(200);
  });
});
