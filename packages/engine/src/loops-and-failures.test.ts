import { describe, expect, it } from 'vitest';
import { engineText } from './engine-messages.ts';
import type { ExecutionState } from './execution-state.schema.ts';
import { activityKey, advance, start, startFailed } from './interpreter.ts';
import { compile, edge, node, REQUEST_TRIGGER } from './testing/flow-builder.ts';
import { runUntilIdle, SimulatedClock, succeed } from './testing/run-until-idle.ts';

const T0 = '2026-03-02T01:00:00.000Z';
const trigger = { data: { request: { id: 'req-1', message: '订单状态?' } } };

describe('loops', () => {
  it('loops through a wait node, polling until the order system says it shipped', () => {
    const flow = compile(
      [
        REQUEST_TRIGGER,
        node('pause', 'timing.wait', { mode: 'duration', duration: { amount: 1, unit: 'hours' } }),
        node('poll', 'action.http_request'),
        node('shipped', 'logic.condition', {
          mode: 'rules',
          rules: {
            kind: 'group',
            combinator: 'all',
            children: [{ kind: 'rule', field: 'variables.attempts', operator: 'gte', value: 3 }],
          },
        }),
      ],
      [
        edge('trigger', 'next', 'pause'),
        edge('pause', 'next', 'poll'),
        edge('poll', 'next', 'shipped'),
        edge('shipped', 'false', 'pause'),
      ],
    );
    const clock = new SimulatedClock(T0);
    const run = runUntilIdle(
      flow,
      trigger,
      {
        'action.http_request': (command) => ({
          ok: true,
          output: { variables: { attempts: command.visit } },
        }),
      },
      clock,
    );
    expect(run.state.status).toBe('completed');
    const polls = run.commands.filter((command) => command.kind === 'activity');
    expect(polls.map((command) => activityKey(run.state, command))).toEqual([
      'exec-1:poll:1',
      'exec-1:poll:2',
      'exec-1:poll:3',
    ]);
    expect(run.state.visits).toMatchObject({ pause: 3, poll: 3, shipped: 3 });
    expect(clock.now()).toBe('2026-03-02T04:00:00.000Z');
  });

  it('stops a loop of logic nodes at the step limit with a clear incident (the linter would refuse this graph)', () => {
    const flow = compile(
      [
        REQUEST_TRIGGER,
        node('check', 'logic.condition', {
          mode: 'rules',
          rules: {
            kind: 'group',
            combinator: 'all',
            children: [{ kind: 'rule', field: 'variables.done', operator: 'equals', value: true }],
          },
        }),
        node('mark', 'logic.set_variable', {
          assignments: [{ name: 'done', value: { kind: 'literal', value: false } }],
        }),
      ],
      [edge('trigger', 'next', 'check'), edge('check', 'false', 'mark'), edge('mark', 'next', 'check')],
    );
    const result = start(flow, trigger, { now: T0, executionId: 'exec-loop' });
    expect(result.state.status).toBe('failed');
    expect(result.steps).toHaveLength(500);
    expect(result.command).toMatchObject({
      kind: 'finish',
      status: 'failed',
      incident: { code: 'engine.step_limit' },
    });
    expect(engineText(result.state.incident?.code ?? '', result.state.incident?.params)?.en).toContain(
      '500 steps',
    );
    expect(engineText(result.state.incident?.code ?? '', result.state.incident?.params)?.['zh-CN']).toContain(
      '死循环',
    );

    const smaller = start(flow, trigger, { now: T0, executionId: 'exec-loop', stepLimit: 20 });
    expect(smaller.steps).toHaveLength(20);
    const retried = advance(smaller.state, { kind: 'retry' }, { now: T0, flow, stepLimit: 20 });
    expect(retried.ok && retried.state.incident?.code).toBe('engine.step_limit');
    expect(retried.state.visits.check).toBeGreaterThan(smaller.state.visits.check ?? 0);
  });
});

describe('node failures', () => {
  const failing = () => ({
    ok: false as const,
    error: {
      code: 'desk.store_unavailable',
      params: { service: 'database' },
      retryable: true,
    },
  });

  it('takes the error port when it is connected', () => {
    const flow = compile(
      [REQUEST_TRIGGER, node('ticket', 'action.create_ticket'), node('escalate', 'action.escalate')],
      [edge('trigger', 'next', 'ticket'), edge('ticket', 'error', 'escalate')],
    );
    const run = runUntilIdle(
      flow,
      trigger,
      { 'action.create_ticket': failing, 'action.escalate': succeed() },
      new SimulatedClock(T0),
    );
    expect(run.state.status).toBe('completed');
    expect(run.state.incident).toBeUndefined();
    expect(run.steps.find((step) => step.nodeId === 'ticket')).toMatchObject({
      port: 'error',
      error: { code: 'desk.store_unavailable', retryable: true },
    });
    expect(run.commands[1]).toMatchObject({ kind: 'activity', nodeType: 'action.escalate' });
  });

  it('fails with an incident when it is not, and a retry re-issues the same activity with the same key', () => {
    const flow = compile(
      [REQUEST_TRIGGER, node('ticket', 'action.create_ticket')],
      [edge('trigger', 'next', 'ticket')],
    );
    const first = start(flow, trigger, { now: T0, executionId: 'exec-2' });
    const issued = first.command;
    if (issued.kind !== 'activity') throw new Error('expected an activity');
    const later = '2026-03-02T01:00:05.000Z';
    const failed = advance(
      first.state,
      { kind: 'activity_result', seq: issued.seq, result: failing() },
      { now: later, flow },
    );
    if (!failed.ok) throw new Error(failed.error.code);
    expect(failed.state.status).toBe('failed');
    expect(failed.state.incident).toEqual({
      nodeId: 'ticket',
      code: 'desk.store_unavailable',
      params: { service: 'database' },
      retryable: true,
      at: later,
    });
    expect(failed.command).toMatchObject({ kind: 'finish', status: 'failed' });

    const retried = advance(failed.state, { kind: 'retry' }, { now: later, flow });
    if (!retried.ok || retried.command.kind !== 'activity')
      throw new Error('retry should re-issue the activity');
    expect(retried.command.seq).toBe(issued.seq + 1);
    expect(activityKey(retried.state, retried.command)).toBe(activityKey(first.state, issued));
    expect(retried.state).toMatchObject({ status: 'running' });
    expect(retried.state.incident).toBeUndefined();

    const stale = advance(
      retried.state,
      { kind: 'activity_result', seq: issued.seq, result: { ok: true, output: {} } },
      { now: later, flow },
    );
    expect(stale.ok ? 'applied' : stale.error.code).toBe('engine.stale_seq');

    const done = advance(
      retried.state,
      {
        kind: 'activity_result',
        seq: retried.command.seq,
        result: { ok: true, output: { ticket: { number: 'CS1' } } },
      },
      { now: later, flow },
    );
    expect(done.ok && done.state.status).toBe('completed');
  });

  it('treats an activity output it cannot merge, or an unknown port, as the activity failing', () => {
    const flow = compile(
      [REQUEST_TRIGGER, node('reply', 'action.auto_reply')],
      [edge('trigger', 'next', 'reply')],
    );
    const outputRun = runUntilIdle(
      flow,
      trigger,
      { 'action.auto_reply': succeed({ weather: { sunny: true } }) },
      new SimulatedClock(T0),
    );
    expect(outputRun.state.incident?.code).toBe('engine.activity_output_invalid');
    const portRun = runUntilIdle(
      flow,
      trigger,
      { 'action.auto_reply': succeed({}, 'maybe') },
      new SimulatedClock(T0),
    );
    expect(portRun.state.incident).toMatchObject({ code: 'engine.unknown_port', nodeId: 'reply' });
    const answered = runUntilIdle(
      flow,
      trigger,
      { 'action.auto_reply': succeed({ reply: { text: '您好' } }, 'answered') },
      new SimulatedClock(T0),
    );
    expect(answered.state).toMatchObject({ status: 'completed', data: { reply: { text: '您好' } } });
  });
});

describe('an execution that fails at its trigger', () => {
  it('runs nothing, records the failure on the trigger, and a retry runs the flow from there', () => {
    const flow = compile(
      [REQUEST_TRIGGER, node('ticket', 'action.create_ticket')],
      [edge('trigger', 'next', 'ticket')],
    );
    const failure = {
      code: 'runtime.exclusive_entry_failed',
      params: { cause: 'engine.evaluation_budget' },
      retryable: false,
    };
    const failed = startFailed(flow, trigger, { now: T0, executionId: 'exec-9' }, failure);
    expect(failed.command).toMatchObject({ kind: 'finish', status: 'failed' });
    expect(failed.state).toMatchObject({
      status: 'failed',
      finishedAt: T0,
      incident: { nodeId: 'trigger', code: 'runtime.exclusive_entry_failed', retryable: false, at: T0 },
      data: { request: { id: 'req-1' } },
    });
    expect(failed.steps).toEqual([
      expect.objectContaining({
        seq: 1,
        nodeId: 'trigger',
        error: { ...failure, params: { ...failure.params } },
      }),
    ]);

    const retried = advance(failed.state, { kind: 'retry' }, { now: T0, flow });
    expect(retried.ok).toBe(true);
    if (!retried.ok) return;
    expect(retried.command).toMatchObject({ kind: 'activity', nodeId: 'ticket' });
    expect(retried.state.status).toBe('running');
  });
});

describe('a state saved as JSON resumes anywhere', () => {
  it('continues from a parsed copy with a freshly compiled flow', async () => {
    const { ExecutionStateSchema } = await import('./execution-state.schema.ts');
    const nodes = [REQUEST_TRIGGER, node('wait', 'timing.wait'), node('ticket', 'action.create_ticket')];
    const edges = [edge('trigger', 'next', 'wait'), edge('wait', 'next', 'ticket')];
    const first = start(compile(nodes, edges), trigger, { now: T0, executionId: 'exec-3' });
    const saved: ExecutionState = ExecutionStateSchema.parse(JSON.parse(JSON.stringify(first.state)));
    expect(saved).toEqual(first.state);
    if (first.command.kind !== 'wait') throw new Error('expected a wait');
    const resumed = advance(
      saved,
      { kind: 'timer_fired', seq: first.command.seq },
      { now: '2026-03-03T01:00:00.000Z', flow: compile(nodes, edges) },
    );
    expect(resumed.ok && resumed.command).toMatchObject({ kind: 'activity', nodeId: 'ticket' });
    expect(ExecutionStateSchema.safeParse(resumed.state).success).toBe(true);
  });
});
