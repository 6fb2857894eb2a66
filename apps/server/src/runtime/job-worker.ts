import { type Job, SQLITE_MAX_GROUP, type Store } from '@flowdesk/store';
import type { Clock, Logger } from '../app-deps.ts';
import { jobLogFields } from './job-log-fields.ts';
import type { JobRunner } from './job-runner.ts';
import { type HeartbeatTimer, intervalHeartbeatTimer, startLeaseHeartbeat } from './lease-heartbeat.ts';

export interface JobWorkerDeps {
  readonly store: Store;
  readonly runner: JobRunner;
  readonly clock: Clock;
  readonly log: Logger;
  readonly workerId: string;
  readonly leaseMs?: number;
  readonly pollMs?: number;
  readonly batch?: number;
  /** Extends the leases of running jobs; tests pass a timer they fire by hand. */
  readonly heartbeat?: HeartbeatTimer;
  /**
   * Kinds that may run for seconds by design (the KPI rollup refresh spends up to
   * 10 s, a report renders and mails): they run beside the polling, so timers and
   * deliveries claimed after them are not held until they end.
   */
  readonly background?: (kind: string) => boolean;
}

/**
 * Polls for due jobs (timers, wait timeouts, deferred activities, outbox
 * deliveries) and runs them. Any number of processes may run one against the
 * same database: a job is leased to one worker at a time.
 */
export class JobWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** Background jobs still running; stop() waits for them too. */
  private readonly aside = new Set<Promise<void>>();
  private stopped = true;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly batch: number;

  constructor(private readonly deps: JobWorkerDeps) {
    this.leaseMs = deps.leaseMs ?? 60_000;
    this.pollMs = deps.pollMs ?? 250;
    // One SQLite group commit's worth: 10,000 timers due in one second drain in an eighth of the
    // claims and commits that batches of 16 took (BENCHMARKS.md, timers at volume).
    this.batch = deps.batch ?? SQLITE_MAX_GROUP;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.settled();
  }

  /** Claims and runs one batch; returns how many jobs it ran. Tests call it directly. */
  async tick(): Promise<number> {
    const jobs = await this.deps.store.jobs.claimDue({
      workerId: this.deps.workerId,
      now: this.deps.clock.now().toISOString(),
      leaseMs: this.leaseMs,
      limit: this.batch,
    });
    const background = this.deps.background ?? (() => false);
    const leased = jobs.map((job) => ({ job, run: this.runLeased(job) }));
    for (const { job, run } of leased) {
      if (!background(job.kind)) continue;
      this.aside.add(run);
      const done = () => this.aside.delete(run);
      run.then(done, done);
    }
    await Promise.all(leased.filter(({ job }) => !background(job.kind)).map(({ run }) => run));
    return jobs.length;
  }

  /** Background jobs running now. */
  get backgroundRunning(): number {
    return this.aside.size;
  }

  /** Resolves when the background jobs running now have ended (tests drain with it). */
  async settled(): Promise<void> {
    await Promise.all(this.aside);
  }

  /** Runs one claimed job under its lease's heartbeat; never rejects. */
  private async runLeased(job: Job): Promise<void> {
    const heartbeat = startLeaseHeartbeat(
      {
        jobs: this.deps.store.jobs,
        clock: this.deps.clock,
        timer: this.deps.heartbeat ?? intervalHeartbeatTimer,
        log: this.deps.log,
      },
      job,
      this.leaseMs,
    );
    try {
      await this.deps.runner.run(job);
    } catch (error) {
      // The lease expires and another attempt follows; a lost lease is expected under takeover.
      this.deps.log.warn('job did not finish', { ...jobLogFields(job), error: String(error) });
    } finally {
      await heartbeat.stop();
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error) => {
          this.deps.log.error('job polling failed', { error: String(error) });
          return 0;
        })
        .then((count) => this.schedule(count === this.batch ? 0 : this.pollMs));
    }, delayMs);
  }
}
