import { type ExecutionState, ExecutionStateSchema, type Incident } from '@flowdesk/engine';
import type { ExecutionRecord, JsonObject, StoreRepositories } from '@flowdesk/store';
import type { Logger } from '../app-ports.ts';
import { ExecutionConflictError } from './execution-conflict.error.ts';

/** A stored execution whose state document passed the engine's schema. */
export interface LoadedExecution {
  readonly ok: true;
  readonly record: ExecutionRecord;
  readonly state: ExecutionState;
}

/** A stored execution whose state document does not: an operations problem, never retried blindly. */
export interface UnreadableExecution {
  readonly ok: false;
  readonly record: ExecutionRecord;
  /** The first schema issue, with its path, for the log and the incident. */
  readonly problem: string;
}

/**
 * The one place stored execution state becomes an `ExecutionState`: parsed
 * with the engine's zod schema, so every resume path works on checked data
 * and a damaged document is reported instead of crashing the engine.
 */
export function loadExecution(record: ExecutionRecord): LoadedExecution | UnreadableExecution {
  const parsed = ExecutionStateSchema.safeParse(record.state);
  if (parsed.success) return { ok: true, record, state: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  const problem = `${path === '' ? 'state' : path}: ${issue?.message ?? 'invalid'}`;
  return { ok: false, record, problem };
}

/** Logs an unreadable execution with what an operator needs to find it. */
export function reportUnreadable(log: Logger, unreadable: UnreadableExecution, during: string): void {
  log.error('stored execution state does not parse', {
    executionId: unreadable.record.id,
    flowId: unreadable.record.flowId,
    version: unreadable.record.version,
    revision: unreadable.record.revision,
    problem: unreadable.problem,
    during,
  });
}

/**
 * Marks an unreadable execution failed, in the caller's transaction, with an
 * incident that says why. The damaged document is kept as it was (plus the
 * incident) for whoever repairs it; a failed execution is no longer resumed,
 * so its jobs complete instead of failing again and again.
 */
export async function failUnreadable(
  tx: StoreRepositories,
  unreadable: UnreadableExecution,
  now: string,
): Promise<void> {
  const { record, problem } = unreadable;
  if (record.status === 'failed' || record.status === 'completed' || record.status === 'cancelled') return;
  const incident: Incident = {
    nodeId: record.currentNodeId ?? '',
    code: 'runtime.state_unreadable',
    params: { detail: problem },
    retryable: false,
    at: now,
  };
  const state: JsonObject = { ...record.state, status: 'failed', incident, finishedAt: now };
  const saved = await tx.executions.save(
    record.id,
    { state, status: 'failed', currentNodeId: record.currentNodeId, updatedAt: now, finishedAt: now },
    record.revision,
  );
  if (!saved.ok) throw new ExecutionConflictError(record.id, saved.reason);
  // Nothing answers a failed execution: later ticket events must not find it again.
  await tx.waitSubscriptions.replaceFor(record.id, []);
}
