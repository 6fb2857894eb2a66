import type { ExecutionState, StepRecord } from '@flowdesk/engine';
import type { ExecutionStep, JsonObject } from '@flowdesk/store';

/**
 * Engine values as the JSON documents the store keeps; `loadExecution` is the
 * way back. The engine's schemas type flow data, node input and output as
 * records of `unknown`, but they only ever hold what came in as JSON (requests,
 * events, activity outputs) and what the engine computed from it, so these
 * conversions are where that knowledge is written down, once.
 */
function jsonRecord(record: Record<string, unknown>): JsonObject {
  return record as JsonObject;
}

/** The execution state as the document saved with the execution. */
export function stateDocument(state: ExecutionState): JsonObject {
  return state as JsonObject;
}

/** The error of a failed step, field by field: all of it is typed JSON (a code and its params, no text). */
function stepErrorDocument(error: NonNullable<StepRecord['error']>): JsonObject {
  return { code: error.code, params: { ...error.params }, retryable: error.retryable };
}

/** One step of the trace as the store appends it. */
export function storedStep(step: StepRecord): ExecutionStep {
  return {
    seq: step.seq,
    nodeId: step.nodeId,
    nodeType: step.nodeType,
    visit: step.visit,
    input: jsonRecord(step.input),
    output: jsonRecord(step.output),
    port: step.port ?? null,
    startedAt: step.startedAt,
    finishedAt: step.finishedAt,
    error: step.error ? stepErrorDocument(step.error) : null,
  };
}
