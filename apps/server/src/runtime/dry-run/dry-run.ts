import {
  compileFlow,
  type EventSource,
  type ExecutionState,
  runUntilIdle,
  SimulatedClock,
  type StepRecord,
  type TriggerEvent,
} from '@flowdesk/engine';
import type { FlowGraph } from '@flowdesk/model';
import type { JsonObject } from '@flowdesk/store';
import { presentError } from '../../messages/describe-code.ts';
import { type SimulatedEffect, simulatedActivities } from './simulated-activities.ts';

export interface DryRunOutcome {
  readonly status: string;
  readonly steps: StepRecord[];
  /** What a real run would have sent or called; nothing was. */
  readonly effects: SimulatedEffect[];
  readonly incident: ExecutionState['incident'] | null;
}

/** What the person asked by an "Ask for approval" step decides in a test run. */
export const APPROVAL_OUTCOMES = ['approved', 'rejected', 'timed_out'] as const;
export type ApprovalOutcome = (typeof APPROVAL_OUTCOMES)[number];

export interface DryRunOptions {
  /** The customer profile looking the sender up would find (`customerData()`'s shape); absent: a new customer. */
  readonly customer?: JsonObject | undefined;
  /**
   * What the person asked by an "Ask for approval" step decides in the
   * simulation: approved unless the tester picks otherwise; `timed_out` lets
   * the wait run out (the step's own timeout outcome then applies).
   */
  readonly approvalOutcome?: ApprovalOutcome | undefined;
}

/** Answers approval waits in a dry run at once with the tester's pick; other event waits time out, as before. */
export function simulatedDecisions(outcome: DryRunOptions['approvalOutcome']): EventSource {
  return (command) => {
    if (command.event?.name !== 'approval' || outcome === 'timed_out') return undefined;
    const decision = outcome ?? 'approved';
    // An instant in the past: the simulated clock never moves back, so the decision comes at once.
    return {
      at: new Date(0).toISOString(),
      event: { kind: 'approval', decision, note: '', decidedBy: 'test-run' },
    };
  };
}

/**
 * Runs a flow offline: simulated activities, waits fast-forwarded on a
 * simulated clock, nothing stored or sent. `flowdesk run` and the editor's
 * test run both use it. The graph must compile (no lint errors that make it
 * unrunnable); FlowCompileError says which.
 */
export function dryRunFlow(
  graph: FlowGraph,
  trigger: TriggerEvent,
  startedAt: string,
  options: DryRunOptions = {},
): DryRunOutcome {
  const effects: SimulatedEffect[] = [];
  const flow = compileFlow({ flowId: 'dry-run', version: 1, graph });
  const outcome = runUntilIdle(
    flow,
    trigger,
    simulatedActivities(effects, startedAt.slice(0, 10), options.customer),
    new SimulatedClock(startedAt),
    { events: simulatedDecisions(options.approvalOutcome) },
  );
  return {
    status: outcome.state.status,
    steps: outcome.steps,
    effects,
    incident: outcome.state.incident ?? null,
  };
}

type StepError = NonNullable<StepRecord['error']>;
type Incident = NonNullable<DryRunOutcome['incident']>;

/** A dry run as callers read it: the incident and step errors with their text (the shape answers always had). */
export interface PresentedDryRun extends Omit<DryRunOutcome, 'steps' | 'incident'> {
  readonly steps: (Omit<StepRecord, 'error'> & { error?: ReturnType<typeof presentError<StepError>> })[];
  readonly incident: ReturnType<typeof presentError<Incident>> | null;
}

export function presentDryRun(outcome: DryRunOutcome): PresentedDryRun {
  return {
    ...outcome,
    steps: outcome.steps.map(({ error, ...step }) =>
      error ? { ...step, error: presentError(error) } : step,
    ),
    incident: outcome.incident ? presentError(outcome.incident) : null,
  };
}
