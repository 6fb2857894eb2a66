import type { Job } from '@flowdesk/store';
import { describe, expect, it } from 'vitest';
import { jobLogFields } from './job-log-fields.ts';

function job(kind: string, payload: Job['payload']): Job {
  return {
    id: 'job-1',
    kind,
    status: 'running',
    runAt: '2026-11-22T08:00:00.000Z',
    payload,
    idempotencyKey: null,
    attempts: 1,
    maxAttempts: 5,
    leasedBy: 'w1',
    leaseToken: 't',
    leaseExpiresAt: null,
    lastError: null,
    createdAt: '2026-11-22T08:00:00.000Z',
    updatedAt: '2026-11-22T08:00:00.000Z',
    finishedAt: null,
  };
}

describe('jobLogFields', () => {
  it('names the execution of timers and of outbox messages a flow step sent, and nothing it cannot read', () => {
    expect(jobLogFields(job('execution.timer', { executionId: 'ex-7', seq: 3 }))).toEqual({
      jobId: 'job-1',
      kind: 'execution.timer',
      executionId: 'ex-7',
    });
    const sent = job('outbox.deliver', {
      channel: 'sms',
      to: '13812345678',
      body: 'hi',
      context: { executionId: 'ex-8', nodeId: 'notify' },
    });
    expect(jobLogFields(sent)).toEqual({ jobId: 'job-1', kind: 'outbox.deliver', executionId: 'ex-8' });
    // An agent's reply has no execution; a malformed payload gives no id rather than a wrong one.
    expect(
      jobLogFields(
        job('outbox.deliver', { channel: 'email', to: 'a@b.cn', body: 'x', context: { ticket: 'CS1' } }),
      ),
    ).toEqual({
      jobId: 'job-1',
      kind: 'outbox.deliver',
    });
    expect(jobLogFields(job('execution.timer', { executionId: 42, context: ['ex-9'] }))).toEqual({
      jobId: 'job-1',
      kind: 'execution.timer',
    });
  });
});
