import { pickSlaPolicy } from '@flowdesk/desk';
import {
  type CompiledFlow,
  compileFlow,
  runUntilIdle,
  type SimulatedActivity,
  SimulatedClock,
  type StepRecord,
} from '@flowdesk/engine';
import type { FlowGraph, Priority } from '@flowdesk/model';
import type { SlaPolicy } from '@flowdesk/store';
import { simulatedDecisions } from '../dry-run/dry-run.ts';
import {
  arrivedSample,
  eventAdmitted,
  eventStartData,
  requestAdmitted,
  triggerOf,
} from '../dry-run/dry-run-sample.ts';
import { type SimulatedEffect, simulatedActivities } from '../dry-run/simulated-activities.ts';
import { type PastRequest, RECORDED_NODE_TYPES, recordedKey } from './past-request.ts';

/**
 * One past request replayed on one version of a flow, in the dry-run engine:
 * what that version would have done with it. Only data: nothing is stored,
 * sent or called. Steps that call out (HTTP, the knowledge-base answer) take
 * the answer the original execution recorded for the same step, or are marked
 * not simulated.
 */
export interface ShadowTicket {
  readonly team: string | null;
  readonly priority: string | null;
  readonly category: string | null;
}

export type ShadowHandling = 'hand_off' | 'auto_reply' | 'none';

export interface ShadowOutcome {
  /** `not_started`: the trigger's filters or entry conditions turn the request away. */
  readonly status: string;
  readonly path: readonly string[];
  readonly ticket: ShadowTicket | null;
  readonly handling: ShadowHandling;
  readonly slaPolicy: string | null;
  /** Messages that would go out, per channel (`email`, `sms`, `survey`, the reply's channel…). */
  readonly messages: Readonly<Record<string, number>>;
  readonly failures: readonly { readonly nodeId: string; readonly code: string }[];
  /** Steps that used the original execution's recorded answer. */
  readonly recorded: readonly string[];
  /** Steps that call out and had no recorded answer: their result is a stand-in. */
  readonly notSimulated: readonly string[];
  readonly steps: readonly StepRecord[];
  readonly effects: readonly SimulatedEffect[];
}

/** What a replay needs besides the request: the workspace's current SLA policies. */
export interface ShadowContext {
  readonly slaPolicies: readonly SlaPolicy[];
}

export interface ShadowFlow {
  readonly compiled: CompiledFlow;
  readonly trigger: { type: string; config: unknown } | undefined;
}

/** Compiled once per run, not per request. Throws FlowCompileError for a graph that cannot run. */
export function shadowFlow(graph: FlowGraph, version: number): ShadowFlow {
  return { compiled: compileFlow({ flowId: 'shadow-run', version, graph }), trigger: triggerOf(graph) };
}

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const textOrNull = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

interface CallNotes {
  readonly recorded: string[];
  readonly notSimulated: string[];
}

/** Steps that call out answer from the original execution's record; the rest simulate as in a test run. */
function replayActivities(
  request: PastRequest,
  effects: SimulatedEffect[],
  notes: CallNotes,
): Record<string, SimulatedActivity> {
  const simulated = simulatedActivities(effects, request.startedAt.slice(0, 10), request.customer);
  return Object.fromEntries(
    Object.entries(simulated).map(([type, simulate]) => {
      if (!RECORDED_NODE_TYPES.has(type)) return [type, simulate];
      const handler: SimulatedActivity = (command) => {
        const recorded = request.recorded.get(recordedKey(command.nodeId, command.visit));
        if (recorded && recorded.nodeType === command.nodeType) {
          notes.recorded.push(command.nodeId);
          // Not retryable: the replay takes the outcome the original ended with, not a retry it may have had.
          if (recorded.error) return { ok: false, error: { ...recorded.error, retryable: false } };
          return recorded.port === null
            ? { ok: true, output: recorded.output }
            : { ok: true, port: recorded.port, output: recorded.output };
        }
        notes.notSimulated.push(command.nodeId);
        return simulate(command);
      };
      return [type, handler];
    }),
  );
}

function admitted(flow: ShadowFlow, request: PastRequest): boolean {
  const trigger = flow.trigger;
  if (!trigger) return true;
  if (trigger.type === 'trigger.request_received') {
    return request.trigger.request
      ? requestAdmitted(trigger.config, request.trigger, request.customer)
      : false;
  }
  if (request.trigger.request) return false;
  return eventAdmitted(trigger.config, eventStartData(trigger.type, request.trigger, request.customer));
}

/** The ticket the run ends with: created by a step, with the team an assign or escalate step moved it to. */
function ticketOf(steps: readonly StepRecord[], data: Record<string, unknown>): ShadowTicket | null {
  const created = steps.find((step) => step.nodeType === 'action.create_ticket' && !step.error);
  if (!created) return null;
  const ticket = asRecord(data.ticket);
  return {
    team: textOrNull(ticket.team),
    priority: textOrNull(ticket.priority),
    category: textOrNull(created.input.category) ?? textOrNull(ticket.category),
  };
}

/**
 * Messages per channel: a Send message step's simulation notes `channel: text`
 * (its step log keeps no config), a survey is one message, and an automatic
 * answer goes back on the request's channel.
 */
function messagesOf(steps: readonly StepRecord[], effects: readonly SimulatedEffect[], request: PastRequest) {
  const counts: Record<string, number> = {};
  const add = (channel: string) => {
    counts[channel] = (counts[channel] ?? 0) + 1;
  };
  for (const effect of effects) {
    if (effect.kind === 'message') add(effect.summary.split(':', 1)[0]?.trim() || 'message');
    if (effect.kind === 'survey') add('survey');
  }
  for (const step of steps) {
    if (step.nodeType === 'action.auto_reply' && step.port === 'answered' && !step.error) {
      add(String(asRecord(request.trigger.request).channel ?? 'reply'));
    }
  }
  return counts;
}

function handlingOf(steps: readonly StepRecord[], ticket: ShadowTicket | null): ShadowHandling {
  const toPeople = new Set(['action.escalate', 'action.assign', 'timing.ask_approval']);
  if (ticket || steps.some((step) => toPeople.has(step.nodeType) && !step.error)) return 'hand_off';
  const answered = steps.some(
    (step) =>
      !step.error &&
      ((step.nodeType === 'action.auto_reply' && step.port === 'answered') ||
        step.nodeType === 'action.send_message'),
  );
  return answered ? 'auto_reply' : 'none';
}

const NOT_STARTED: Omit<ShadowOutcome, 'effects'> = {
  status: 'not_started',
  path: [],
  ticket: null,
  handling: 'none',
  slaPolicy: null,
  messages: {},
  failures: [],
  recorded: [],
  notSimulated: [],
  steps: [],
};

export function replayRequest(flow: ShadowFlow, request: PastRequest, context: ShadowContext): ShadowOutcome {
  if (!admitted(flow, request)) return { ...NOT_STARTED, effects: [] };
  const effects: SimulatedEffect[] = [];
  const notes: CallNotes = { recorded: [], notSimulated: [] };
  const data = arrivedSample(request.trigger, request.startedAt);
  const outcome = runUntilIdle(
    flow.compiled,
    { data: eventStartData(flow.trigger?.type, data, request.customer) },
    replayActivities(request, effects, notes),
    new SimulatedClock(request.startedAt),
    { events: simulatedDecisions(undefined), executionId: `shadow-${request.executionId}` },
  );
  const steps = outcome.steps;
  const ticket = ticketOf(steps, outcome.state.data as Record<string, unknown>);
  const policy = ticket
    ? pickSlaPolicy(context.slaPolicies, {
        priority: (ticket.priority ?? 'medium') as Priority,
        category: ticket.category,
        vipLevel: Number(asRecord(request.customer).vipLevel ?? 0) || 0,
      })
    : null;
  const failures = steps.flatMap((step) =>
    step.error ? [{ nodeId: step.nodeId, code: step.error.code }] : [],
  );
  const incident = outcome.state.incident;
  if (incident && !failures.some((failure) => failure.nodeId === incident.nodeId)) {
    failures.push({ nodeId: incident.nodeId, code: incident.code });
  }
  return {
    status: outcome.state.status,
    path: steps.map((step) => step.nodeId),
    ticket,
    handling: handlingOf(steps, ticket),
    slaPolicy: policy?.id ?? null,
    messages: messagesOf(steps, effects, request),
    failures,
    recorded: notes.recorded,
    notSimulated: notes.notSimulated,
    steps,
    effects,
  };
}
