import { applyAnswer } from './answers.ts';
import type { CompiledFlow } from './compile-flow.ts';
import { type AdvanceResult, type Applied, applied, reject } from './engine-result.ts';
import type { ExecutionState } from './execution-state.schema.ts';
import type { NodeEnvironment, NodeFailure } from './executors/node-outcome.ts';
import type { FlowData, TriggerEvent } from './flow-data.schema.ts';
import { mergeData } from './flow-data.schema.ts';
import { type Input, InputSchema } from './input.schema.ts';
import { type Calendar, isLocale } from './model-imports.ts';
import {
  DEFAULT_STEP_LIMIT,
  enterNode,
  finishCommand,
  incidentFor,
  type Run,
  recordStep,
  runFrom,
  workingCopy,
} from './run-loop.ts';

/**
 * The engine's two entry points, pure functions in the style of xstate's
 * transition: (state, input) → (next state, command, steps). Nothing here
 * reads a clock or performs I/O; `ctx.now` is the only time there is.
 */
export interface EngineContext {
  /** The current instant, ISO 8601. */
  readonly now: string;
  /** Logic nodes one advance may run before the loop is declared runaway (default 500). */
  readonly stepLimit?: number;
  /** Team calendars a business-hours node may name, by id. */
  readonly calendars?: Readonly<Record<string, Calendar>>;
}

export interface StartContext extends EngineContext {
  readonly executionId: string;
}

export interface AdvanceContext extends EngineContext {
  /** The compiled version the execution is pinned to. */
  readonly flow: CompiledFlow;
}

function environment(flow: CompiledFlow, data: FlowData, ctx: EngineContext): NodeEnvironment {
  const requested = data.request?.locale;
  return {
    now: ctx.now,
    locale: isLocale(requested) ? requested : flow.settings.defaultLocale,
    timezone: flow.settings.timezone,
    calendars: ctx.calendars ?? {},
  };
}

export function createRun(flow: CompiledFlow, state: ExecutionState, ctx: EngineContext): Run {
  const working = workingCopy(state, ctx.now);
  return {
    flow,
    env: environment(flow, working.data, ctx),
    stepLimit: ctx.stepLimit ?? DEFAULT_STEP_LIMIT,
    state: working,
    steps: [],
  };
}

/** Starts an execution at the flow's trigger and runs it to its first activity, wait or end. */
export function start(flow: CompiledFlow, trigger: TriggerEvent, ctx: StartContext): Applied {
  const run = createRun(flow, initialState(flow, trigger, ctx), ctx);
  return applied(run, runFrom(run, flow.trigger.id, true));
}

/**
 * An execution that fails at its trigger and runs nothing after it: the
 * runtime could not tell whether the flow takes the event (its entry
 * conditions failed to evaluate) and must not let the event go on as if it
 * did not. The trigger's step and the incident carry `failure`; a retry
 * resumes at the trigger, so an operator who decides the flow should handle
 * the event can run it.
 */
export function startFailed(
  flow: CompiledFlow,
  trigger: TriggerEvent,
  ctx: StartContext,
  failure: NodeFailure,
): Applied {
  const run = createRun(flow, initialState(flow, trigger, ctx), ctx);
  enterNode(run, flow.trigger.id);
  recordStep(run, flow.trigger, { input: {}, output: {}, error: failure });
  return applied(run, finishCommand(run, 'failed', incidentFor(run, flow.trigger.id, failure)));
}

function initialState(flow: CompiledFlow, trigger: TriggerEvent, ctx: StartContext): ExecutionState {
  return {
    executionId: ctx.executionId,
    flowId: flow.flowId,
    version: flow.version,
    status: 'running',
    data: mergeData({ variables: {} }, trigger.data),
    cursor: { nodeId: flow.trigger.id, visit: 1 },
    seq: 0,
    stepSeq: 0,
    visits: {},
    pending: null,
    startedAt: ctx.now,
    updatedAt: ctx.now,
  };
}

/** Cancel: an operator stops a running or waiting execution. */
function cancel(run: Run, original: ExecutionState): AdvanceResult {
  if (original.status !== 'running' && original.status !== 'waiting') {
    return reject(original, 'engine.not_active', { status: original.status });
  }
  return applied(run, finishCommand(run, 'cancelled'));
}

/** Retry: resume a failed execution at the node of its incident. */
function retry(run: Run, original: ExecutionState): AdvanceResult {
  const incident = original.incident;
  if (original.status !== 'failed' || !incident) return reject(original, 'engine.nothing_to_retry');
  run.state.status = 'running';
  delete run.state.incident;
  delete run.state.finishedAt;
  // On the failed node itself the visit stays, so a re-issued activity keeps its idempotency key.
  const sameVisit = original.cursor.nodeId === incident.nodeId;
  return applied(run, runFrom(run, incident.nodeId, !sameVisit));
}

/**
 * Feeds one input to an execution. Answers must echo the pending command's
 * seq; anything stale, mismatched or malformed comes back as `ok: false` with
 * the state untouched. Flow problems never throw: they become failures,
 * error ports and incidents in the returned state.
 */
export function advance(state: ExecutionState, input: Input, ctx: AdvanceContext): AdvanceResult {
  const parsed = InputSchema.safeParse(input);
  if (!parsed.success) {
    return reject(state, 'engine.invalid_input', { detail: parsed.error.issues[0]?.message });
  }
  const { flow } = ctx;
  if (flow.flowId !== state.flowId || flow.version !== state.version) {
    return reject(state, 'engine.version_mismatch', {
      expected: `${state.flowId}@${state.version}`,
      got: `${flow.flowId}@${flow.version}`,
    });
  }
  const run = createRun(flow, state, ctx);
  const answer = parsed.data;
  switch (answer.kind) {
    case 'cancel':
      return cancel(run, state);
    case 'retry':
      return retry(run, state);
    case 'activity_result':
    case 'timer_fired':
    case 'event_received':
    case 'wait_timed_out':
      return applyAnswer(run, state, answer);
    default: {
      const unknownInput: never = answer;
      return reject(state, 'engine.invalid_input', { detail: JSON.stringify(unknownInput) });
    }
  }
}

/** The idempotency key receivers of an activity's effects see: `executionId:nodeId:visit`. */
export function activityKey(
  state: Pick<ExecutionState, 'executionId'>,
  command: { nodeId: string; visit: number },
): string {
  return `${state.executionId}:${command.nodeId}:${command.visit}`;
}
