import type { Store } from '@flowdesk/store';
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
}

/**
 * Polls for due jobs (timers, wait timeouts, deferred activities, outbox
 * deliveries) and runs them. Any number of processes may run one against the
 * same database: a job is leased to one worker at a time.
 */
export class JobWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly batch: number;

  constructor(private readonly deps: JobWorkerDeps) {
    this.leaseMs = deps.leaseMs ?? 60_000;
    this.pollMs = deps.pollMs ?? 250;
    // 64 = one group commit's worth (MAX_GROUP): 10,000 timers due in one second drain in a
    // quarter of the claims and commits that batches of 16 took (BENCHMARKS.md, timers at volume).
    this.batch = deps.batch ?? 64;
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
  }

  /** Claims and runs one batch; returns how many jobs it ran. Tests call it directly. */
  async tick(): Promise<number> {
    const jobs = await this.deps.store.jobs.claimDue({
      workerId: this.deps.workerId,
      now: this.deps.clock.now().toISOString(),
      leaseMs: this.leaseMs,
      limit: this.batch,
    });
    await Promise.all(
      jobs.map(async (job) => {
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
      }),
    );
    return jobs.length;
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
