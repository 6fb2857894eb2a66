import type { ActivityRegistry } from '@flowdesk/desk';
import type { ActivityCommand, Input } from '@flowdesk/engine';
import { activityKey } from '@flowdesk/engine';
import type { Job, Store } from '@flowdesk/store';
import type { Clock, Logger } from '../app-deps.ts';
import { NO_RUNTIME_METRICS, type RuntimeMetrics } from '../metrics/runtime-metrics.ts';
import type { DeskJobs } from './desk-jobs.ts';
import type { ExecutionDriver } from './execution-driver.ts';
import { jobLogFields } from './job-log-fields.ts';
import {
  type ApprovalJobPayload,
  type ExecutionJobPayload,
  isRuntimeJobKind,
  JOB_KINDS,
  type OutboundMessage,
  parseRuntimeJob,
} from './job-payloads.ts';
import {
  failUnreadable,
  loadExecution,
  reportUnreadable,
  type UnreadableExecution,
} from './load-execution.ts';
import type { OutboxDelivery } from './outbox/outbox.types.ts';
import type { PublishedFlows } from './published-flows.ts';
import { retryDelayMs } from './retry-policy.ts';

/** The job has moved on without us (lease expired and taken over): everything we wrote must roll back. */
export class LeaseLostError extends Error {
  constructor(readonly jobId: string) {
    super(`lease on job ${jobId} was lost`);
    this.name = 'LeaseLostError';
  }
}

class TimerEarlyError extends Error {
  constructor(readonly jobId: string) {
    super(`job ${jobId} ran before its time`);
  }
}

export interface JobRunnerDeps {
  readonly store: Store;
  readonly flows: PublishedFlows;
  readonly driver: ExecutionDriver;
  readonly activities: ActivityRegistry;
  readonly outbox: OutboxDelivery;
  readonly clock: Clock;
  readonly log: Logger;
  readonly deskJobs: DeskJobs;
  /** Outbox attempts and timer lateness, for GET /metrics. */
  readonly metrics?: RuntimeMetrics;
}

/**
 * Carries out one claimed job. Answers to executions are applied and the job is
 * completed in one transaction, so a crash in between repeats the whole thing,
 * and the engine refuses an answer whose seq has already been used.
 */
export class JobRunner {
  private readonly metrics: RuntimeMetrics;

  constructor(private readonly deps: JobRunnerDeps) {
    this.metrics = deps.metrics ?? NO_RUNTIME_METRICS;
  }

  async run(job: Job): Promise<void> {
    if (!isRuntimeJobKind(job.kind)) return this.runOther(job);
    const parsed = parseRuntimeJob(job);
    if (!parsed.ok) {
      this.deps.log.error('job payload does not parse', { ...jobLogFields(job), problem: parsed.problem });
      await this.finishJob(job, { dead: true, error: `payload does not parse: ${parsed.problem}` });
      return;
    }
    const claimed = parsed.job;
    switch (claimed.kind) {
      case JOB_KINDS.timer:
        this.timerFired('timer', job);
        return this.answer(job, claimed.payload.executionId, {
          kind: 'timer_fired',
          seq: claimed.payload.seq,
        });
      case JOB_KINDS.waitTimeout:
        this.timerFired('wait_timeout', job);
        return this.answer(job, claimed.payload.executionId, {
          kind: 'wait_timed_out',
          seq: claimed.payload.seq,
        });
      case JOB_KINDS.activity:
        return this.runDeferredActivity(job, claimed.payload);
      case JOB_KINDS.approval:
        return this.answerApproval(job, claimed.payload);
      case JOB_KINDS.deliver:
        return this.deliver(job, claimed.payload);
      default: {
        const unknownJob: never = claimed;
        throw new Error(`Unhandled runtime job ${JSON.stringify(unknownJob)}`);
      }
    }
  }

  /** fired_at − due_at; a timer retried because it came early (another clock) counts each try. */
  private timerFired(kind: 'timer' | 'wait_timeout', job: Job): void {
    this.metrics.timerFired(kind, (this.deps.clock.now().getTime() - Date.parse(job.runAt)) / 1000);
  }

  /** Desk jobs, and kinds nobody here knows (dead at once: retrying cannot teach us them). */
  private async runOther(job: Job): Promise<void> {
    if (this.deps.deskJobs.handles(job.kind)) {
      return this.deps.deskJobs.run(job, async (tx) => {
        const completed = await tx.jobs.complete(
          job.id,
          job.leaseToken ?? '',
          this.deps.clock.now().toISOString(),
        );
        if (!completed.ok) throw new LeaseLostError(job.id);
      });
    }
    await this.finishJob(job, { dead: true, error: `unknown job kind ${job.kind}` });
  }

  /** Feeds an answer to a stored execution and completes the job, atomically. */
  async answer(job: Job, executionId: string, input: Input): Promise<void> {
    try {
      await this.applyAnswer(job, executionId, input);
    } catch (error) {
      if (!(error instanceof TimerEarlyError)) throw error;
      const retryAt = new Date(this.deps.clock.now().getTime() + 1000).toISOString();
      await this.finishJob(job, { retryAt, error: error.message });
    }
  }

  private async applyAnswer(job: Job, executionId: string, input: Input): Promise<void> {
    await this.deps.store.transaction(async (tx) => {
      // The execution is read once, inside the transaction, and its version found from it.
      const applied = await this.deps.driver.applyInput(
        tx,
        (flowId, version) => this.deps.flows.version(flowId, version, tx),
        executionId,
        input,
      );
      if (applied.outcome === 'refused') {
        // Another process's clock ran ahead of ours: try again once our clock agrees.
        if (applied.code === 'engine.timer_early') throw new TimerEarlyError(job.id);
        this.deps.log.debug('answer refused by the engine', {
          ...jobLogFields(job),
          executionId,
          code: applied.code,
        });
      }
      const completed = await tx.jobs.complete(
        job.id,
        job.leaseToken ?? '',
        this.deps.clock.now().toISOString(),
      );
      if (!completed.ok) throw new LeaseLostError(job.id);
    });
  }

  /**
   * Resumes the execution with the decision as stored on the request (the
   * request, not the job, is the record of who decided what). The execution
   * runs on on its pinned version, like every answer.
   */
  private async answerApproval(job: Job, payload: ApprovalJobPayload): Promise<void> {
    const request = await this.deps.store.approvals.get(payload.approvalId);
    if (request?.status !== 'approved' && request?.status !== 'rejected') {
      await this.finishJob(job, 'done');
      return;
    }
    return this.answer(job, payload.executionId, {
      kind: 'event_received',
      seq: payload.seq,
      event: {
        kind: 'approval',
        approvalId: request.id,
        decision: request.status,
        note: request.note,
        decidedBy: request.decidedBy ?? '',
        decidedAt: request.decidedAt ?? '',
      },
    });
  }

  private async runDeferredActivity(job: Job, payload: ExecutionJobPayload): Promise<void> {
    const record = await this.deps.store.executions.get(payload.executionId);
    const loaded = record ? loadExecution(record) : null;
    if (loaded && !loaded.ok) {
      await this.failUnreadableWith(job, loaded);
      return;
    }
    const state = loaded?.state;
    const pending = state?.pending?.command;
    if (!state || pending?.kind !== 'activity' || pending.seq !== payload.seq) {
      await this.finishJob(job, 'done');
      return;
    }
    const handler = this.deps.activities.get(pending.nodeType);
    if (handler?.mode !== 'deferred') {
      await this.finishJob(job, { dead: true, error: `no deferred handler for ${pending.nodeType}` });
      return;
    }
    const command: ActivityCommand = pending;
    const result = await handler.run(command, {
      executionId: state.executionId,
      idempotencyKey: activityKey(state, command),
      now: this.deps.clock.now(),
      dryRun: false,
    });
    await this.answer(job, state.executionId, { kind: 'activity_result', seq: command.seq, result });
  }

  /** A damaged execution fails with an incident and its job completes: nothing to run, nothing to retry. */
  private async failUnreadableWith(job: Job, unreadable: UnreadableExecution): Promise<void> {
    reportUnreadable(this.deps.log, unreadable, job.kind);
    await this.deps.store.transaction(async (tx) => {
      const current = await tx.executions.get(unreadable.record.id);
      const still = current ? loadExecution(current) : null;
      const now = this.deps.clock.now().toISOString();
      if (still && !still.ok) await failUnreadable(tx, still, now);
      const completed = await tx.jobs.complete(job.id, job.leaseToken ?? '', now);
      if (!completed.ok) throw new LeaseLostError(job.id);
    });
  }

  private async deliver(job: Job, message: OutboundMessage): Promise<void> {
    try {
      await this.deps.outbox.deliver(message, job.idempotencyKey ?? job.id);
    } catch (error) {
      const reason = String((error as Error)?.message ?? error);
      const fields = { ...jobLogFields(job), channel: message.channel, reason };
      if (job.attempts >= job.maxAttempts) {
        this.metrics.outboxAttempt(message.channel, 'gave_up', job.attempts);
        this.deps.log.error('outbox delivery gave up', fields);
        await this.finishJob(job, { dead: true, error: reason });
        return;
      }
      const retryAt = new Date(this.deps.clock.now().getTime() + retryDelayMs(job.attempts)).toISOString();
      this.metrics.outboxAttempt(message.channel, 'retrying', job.attempts);
      this.deps.log.warn('outbox delivery failed, will retry', { ...fields, retryAt });
      await this.finishJob(job, { retryAt, error: reason });
      return;
    }
    this.metrics.outboxAttempt(message.channel, 'delivered', job.attempts);
    await this.finishJob(job, 'done');
  }

  private async finishJob(
    job: Job,
    outcome: 'done' | { dead: true; error: string } | { retryAt: string; error: string },
  ) {
    const now = this.deps.clock.now().toISOString();
    const token = job.leaseToken ?? '';
    const result =
      outcome === 'done'
        ? await this.deps.store.jobs.complete(job.id, token, now)
        : await this.deps.store.jobs.fail(job.id, token, now, outcome);
    if (!result.ok) throw new LeaseLostError(job.id);
  }
}
