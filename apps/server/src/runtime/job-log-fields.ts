import type { Job } from '@flowdesk/store';

/**
 * What every log line about a job says: the job, its kind and, when the job
 * belongs to an execution, its execution id, so an operator can go from a
 * warning to the run in the executions list. Timers, wait timeouts, deferred
 * activities and approvals carry it in their payload; an outbox message sent
 * by a flow step carries it in its context. Read, never trusted: a payload
 * that does not parse simply gives no id.
 */
export function jobLogFields(job: Job): { jobId: string; kind: string; executionId?: string } {
  const fields = { jobId: job.id, kind: job.kind };
  const executionId = executionIdOf(job.payload);
  return executionId ? { ...fields, executionId } : fields;
}

function executionIdOf(payload: Job['payload']): string | undefined {
  if (typeof payload.executionId === 'string') return payload.executionId;
  const context = payload.context;
  if (context && typeof context === 'object' && !Array.isArray(context)) {
    const id = (context as Record<string, unknown>).executionId;
    if (typeof id === 'string') return id;
  }
  return undefined;
}
