import type { Store } from '@flowdesk/store';
import type { Clock, Logger } from '../app-deps.ts';

/** Step logs of finished executions and finished jobs are kept this many days (FLOWDESK_EXECUTION_RETENTION_DAYS). */
export const EXECUTION_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
/** About 600 step rows (an intake writes ~6): one short transaction. */
export const EXECUTIONS_PER_BATCH = 100;
export const JOBS_PER_BATCH = 500;
const SWEEP_EVERY_MS = 60 * 60 * 1000;
/** After the idempotency sweep (60 s), once start-up work is done. */
const FIRST_SWEEP_AFTER_MS = 2 * 60 * 1000;

export interface RetentionJanitorDeps {
  readonly store: Pick<Store, 'executions' | 'jobs'>;
  readonly clock: Clock;
  readonly log: Logger;
  /** Default EXECUTION_RETENTION_DAYS. */
  readonly retentionDays?: number;
  /**
   * Waits between two batches, told how long the last one took; by default as long again
   * (2 ms to 1 s), so the sweep holds the write lock at most about half the time and
   * requests (of this process or another on the same file) get it in between.
   */
  readonly pause?: (batchMs: number) => Promise<void>;
}

export interface RetentionSweep {
  /** Executions whose step log went. */
  executions: number;
  /** Finished jobs deleted. */
  jobs: number;
  batches: number;
}

const asLongAgain = (batchMs: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.min(1000, Math.max(2, Math.round(batchMs)))));

/**
 * Prunes what a long-running desk would otherwise keep forever: the step logs of
 * executions that finished more than the retention ago (the execution keeps its
 * status, version, times and state; the trace view says the steps were pruned) and
 * finished jobs (completed, dead, cancelled) as old. Counts that come from steps are
 * not touched: SQLite counted each step into the flow rollup when it was written,
 * and Mongo keeps what its overlay counts from. The steps the KPI hand-off reason
 * reads stay without their data (first, Classify, hand-over: shared/handoff-steps.ts
 * in the store), so the KPIs answer the same for tickets older than the retention,
 * whether the rollups computed them before the sweep or after. Each batch is one short transaction
 * and the sweep then waits as long as the batch took, so a backlog never holds the
 * write lock while requests wait (BENCHMARKS.md: intake while 100,000 are pruned). Several processes may sweep at once; a second prune of the
 * same rows finds nothing.
 */
export class RetentionJanitor {
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Timeout | undefined;
  private sweeping: Promise<RetentionSweep> | undefined;
  private stopped = false;
  private readonly retentionDays: number;
  private readonly pause: (batchMs: number) => Promise<void>;

  constructor(private readonly deps: RetentionJanitorDeps) {
    this.retentionDays = deps.retentionDays ?? EXECUTION_RETENTION_DAYS;
    this.pause = deps.pause ?? asLongAgain;
  }

  start(): void {
    if (this.timer) return;
    this.stopped = false;
    const sweep = () => void this.sweep().catch(() => undefined);
    this.first = setTimeout(sweep, FIRST_SWEEP_AFTER_MS);
    this.first.unref();
    this.timer = setInterval(sweep, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  /** Stops the timer and the sweep in progress after its current batch. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.first) clearTimeout(this.first);
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.first = undefined;
    await this.sweeping?.catch(() => undefined);
  }

  /** Prunes everything older than the retention, batch by batch; one sweep at a time per process. */
  sweep(): Promise<RetentionSweep> {
    this.sweeping ??= this.run().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async run(): Promise<RetentionSweep> {
    const now = this.deps.clock.now();
    const before = new Date(now.getTime() - this.retentionDays * DAY_MS).toISOString();
    const done: RetentionSweep = { executions: 0, jobs: 0, batches: 0 };
    try {
      for (let more = true; more && !this.stopped; ) {
        const started = performance.now();
        const pruned = await this.deps.store.executions.pruneSteps({
          finishedBefore: before,
          now: now.toISOString(),
          limit: EXECUTIONS_PER_BATCH,
        });
        done.executions += pruned;
        done.batches++;
        more = pruned === EXECUTIONS_PER_BATCH;
        await this.pause(performance.now() - started);
      }
      for (let more = true; more && !this.stopped; ) {
        const started = performance.now();
        const purged = await this.deps.store.jobs.purgeFinished(before, JOBS_PER_BATCH);
        done.jobs += purged;
        done.batches++;
        more = purged === JOBS_PER_BATCH;
        await this.pause(performance.now() - started);
      }
    } catch (error) {
      this.deps.log.warn('retention sweep failed, will try again', { reason: String(error), ...done });
      throw error;
    }
    if (done.executions > 0 || done.jobs > 0) {
      this.deps.log.info('old step logs and finished jobs pruned', { ...done, before });
    }
    return done;
  }
}
