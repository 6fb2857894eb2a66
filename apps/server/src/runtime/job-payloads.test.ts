import type { Job } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB_KINDS, parseRuntimeJob } from './job-payloads.ts';
import { capturingOutbox, createRuntimeHarness, type RuntimeHarness } from './runtime-test-kit.ts';

function claimed(kind: string, payload: Job['payload']): Job {
  const at = '2026-11-22T01:00:00.000Z';
  return {
    id: 'job-1',
    kind,
    status: 'running',
    runAt: at,
    payload,
    idempotencyKey: null,
    attempts: 1,
    maxAttempts: 5,
    leasedBy: 'test-worker',
    leaseToken: 'lease',
    leaseExpiresAt: at,
    lastError: null,
    createdAt: at,
    updatedAt: at,
    finishedAt: null,
  };
}

describe('parseRuntimeJob', () => {
  it('gives each kind its own payload type', () => {
    expect(parseRuntimeJob(claimed(JOB_KINDS.timer, { executionId: 'e-1', seq: 2 }))).toEqual({
      ok: true,
      job: { kind: 'execution.timer', payload: { executionId: 'e-1', seq: 2 } },
    });
    const mail = {
      channel: 'email',
      to: 'wang@example.cn',
      subject: '回复',
      body: '您好',
      references: ['<a@x>'],
    };
    expect(parseRuntimeJob(claimed(JOB_KINDS.deliver, mail))).toEqual({
      ok: true,
      job: { kind: 'outbox.deliver', payload: mail },
    });
  });

  it('says which field of a payload does not fit', () => {
    expect(parseRuntimeJob(claimed(JOB_KINDS.waitTimeout, { executionId: 'e-1' }))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^payload\.seq: /),
    });
    expect(parseRuntimeJob(claimed(JOB_KINDS.deliver, { channel: 'fax', to: '1', body: 'x' }))).toMatchObject(
      {
        ok: false,
        problem: expect.stringMatching(/^payload\.channel: /),
      },
    );
  });
});

describe('a claimed job whose payload does not parse', () => {
  let harness: RuntimeHarness;
  const { outbox, mails } = capturingOutbox();

  beforeEach(async () => {
    harness = await createRuntimeHarness({ outbox });
  });
  afterEach(() => harness.close());

  it('goes dead at once with the problem, and nothing is delivered', async () => {
    const now = harness.clock.now().toISOString();
    await harness.store.jobs.enqueue({
      id: 'broken',
      kind: JOB_KINDS.deliver,
      runAt: now,
      payload: { channel: 'email', to: 'wang@example.cn' },
      now,
    });
    expect(await harness.drain()).toBe(1);
    const job = await harness.store.jobs.get('broken');
    expect(job?.status).toBe('dead');
    expect(job?.lastError).toMatch(/payload does not parse: payload\.body/);
    expect(mails).toEqual([]);
  });
});
