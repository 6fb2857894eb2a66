import type { DataPatch } from '@flowdesk/engine';
import type { ExecutionRecord, ExecutionStep, JsonObject } from '@flowdesk/store';
import { loadExecution } from '../load-execution.ts';

/**
 * A past request as a shadow run replays it: the trigger data the flow was
 * started with, rebuilt from what the execution kept, the customer profile the
 * flow saw then (not today's), the time it arrived (the replay's fixed clock)
 * and the answers its outside calls got, for steps that call out.
 */
export interface PastRequest {
  readonly executionId: string;
  readonly startedAt: string;
  readonly trigger: DataPatch;
  readonly customer: JsonObject | undefined;
  /** Recorded results of steps that leave the system, by `nodeId#visit`. */
  readonly recorded: ReadonlyMap<string, RecordedStep>;
}

export interface RecordedStep {
  readonly nodeType: string;
  readonly port: string | null;
  readonly output: Record<string, unknown>;
  /** The call failed (the service was down, refused, answered 404): the replay fails the same way. */
  readonly error: { code: string; params: Record<string, string | number> } | null;
}

/**
 * Why a past execution is not replayed; the report counts each instead of guessing:
 * - `trigger_not_replayed`: started by a survey answer, an anomaly or a schedule. Only
 *   requests and events are replayed: the others' inputs (an answer, an hour's
 *   volumes, a time) are not what the draft's trigger would receive again.
 * - `state_unreadable`: its stored state no longer parses.
 * - `no_trigger_data`: it kept no request or event to replay.
 * - `execution_missing`: it was deleted while the run went on.
 */
export const SKIP_REASONS = [
  'trigger_not_replayed',
  'state_unreadable',
  'no_trigger_data',
  'execution_missing',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
export type UnreadableReason = Exclude<SkipReason, 'execution_missing'>;

/** Triggers whose executions are not replayed, by the data key each gives the flow. */
const NOT_REPLAYED_TRIGGERS: readonly (readonly [string, string])[] = [
  ['survey', 'trigger.survey_answered'],
  ['anomaly', 'trigger.anomaly_detected'],
  ['schedule', 'trigger.schedule'],
];

export type PastRequestResult =
  | { readonly ok: true; readonly request: PastRequest }
  | {
      readonly ok: false;
      readonly executionId: string;
      readonly reason: UnreadableReason;
      readonly detail: string;
    };

/** Steps whose answer came from outside FlowDesk and cannot be recomputed offline. */
export const RECORDED_NODE_TYPES: ReadonlySet<string> = new Set(['action.http_request', 'action.auto_reply']);

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

export const recordedKey = (nodeId: string, visit: number): string => `${nodeId}#${visit}`;

function recordedSteps(steps: readonly ExecutionStep[]): Map<string, RecordedStep> {
  const recorded = new Map<string, RecordedStep>();
  for (const step of steps) {
    if (!RECORDED_NODE_TYPES.has(step.nodeType)) continue;
    const error = asRecord(step.error);
    recorded.set(recordedKey(step.nodeId, step.visit), {
      nodeType: step.nodeType,
      port: step.port,
      output: asRecord(step.output) ?? {},
      error: error
        ? {
            code: String(error.code ?? 'runtime.http_failed'),
            params: (asRecord(error.params) ?? {}) as Record<string, string | number>,
          }
        : null,
    });
  }
  return recorded;
}

/** The profile identify-customer (or the event) gave the flow, when it has one. */
function customerOf(data: Record<string, unknown>): JsonObject | undefined {
  const customer = asRecord(data.customer);
  return customer && typeof customer.id === 'string' ? (customer as JsonObject) : undefined;
}

/**
 * Rebuilds the trigger data: a request (with its id, arrival time and
 * language as intake gave them), an external event, or a ticket event (with
 * the customer it brought). Anything else no longer reads as a trigger.
 */
function triggerOf(data: Record<string, unknown>): DataPatch | undefined {
  const request = asRecord(data.request);
  if (request) {
    if (typeof request.message !== 'string' || typeof request.channel !== 'string') return undefined;
    return { request };
  }
  const event = asRecord(data.event);
  if (event && (typeof event.name === 'string' || typeof event.kind === 'string')) {
    const customer = asRecord(data.customer);
    const ticket = asRecord(data.ticket);
    return { event, ...(customer ? { customer } : {}), ...(ticket ? { ticket } : {}) };
  }
  return undefined;
}

export function pastRequestOf(record: ExecutionRecord, steps: readonly ExecutionStep[]): PastRequestResult {
  const loaded = loadExecution(record);
  if (!loaded.ok) {
    return { ok: false, executionId: record.id, reason: 'state_unreadable', detail: loaded.problem };
  }
  const data = loaded.state.data as Record<string, unknown>;
  const trigger = triggerOf(data);
  if (!trigger) {
    const other = NOT_REPLAYED_TRIGGERS.find(([key]) => asRecord(data[key]) !== undefined);
    return other
      ? { ok: false, executionId: record.id, reason: 'trigger_not_replayed', detail: other[1] }
      : { ok: false, executionId: record.id, reason: 'no_trigger_data', detail: 'request/event' };
  }
  return {
    ok: true,
    request: {
      executionId: record.id,
      startedAt: record.startedAt,
      trigger,
      customer: trigger.request ? customerOf(data) : undefined,
      recorded: recordedSteps(steps),
    },
  };
}
