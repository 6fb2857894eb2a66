import type { Job, JobRepository } from '@flowdesk/store';
import type { Clock, Logger } from '../app-deps.ts';
import { jobLogFields } from './job-log-fields.ts';

/** Calls beat every intervalMs until the returned function is called; tests fire beats by hand. */
export interface HeartbeatTimer {
  every(intervalMs: number, beat: () => Promise<void>): () => void;
}

export const intervalHeartbeatTimer: HeartbeatTimer = {
  every(intervalMs, beat) {
    let beating = false;
    const handle = setInterval(() => {
      // A slow database must not pile up extensions: skip a beat while one is in flight.
      if (beating) return;
      beating = true;
      void beat().finally(() => {
        beating = false;
      });
    }, intervalMs);
    // A heartbeat alone must not keep a stopping process alive.
    handle.unref();
    return () => clearInterval(handle);
  },
};

export interface LeaseHeartbeat {
  /** False once an extension was refused: the lease ran out and another worker took the job, or it was cancelled. */
  readonly held: boolean;
  stop(): Promise<void>;
}

export interface LeaseHeartbeatDeps {
  jobs: JobRepository;
  clock: Clock;
  timer: HeartbeatTimer;
  log: Logger;
}

/** Three beats per lease: one slow or failed extension still leaves time for the next. */
export const BEATS_PER_LEASE = 3;

/**
 * Keeps a claimed job's lease alive while it runs (an HTTP step may outlast
 * the lease), so no other worker takes over a job that is still making progress.
 * A refused extension means the job is no longer ours: the heartbeat stops and
 * the runner's completion is refused as for any lost lease.
 */
export function startLeaseHeartbeat(deps: LeaseHeartbeatDeps, job: Job, leaseMs: number): LeaseHeartbeat {
  const token = job.leaseToken;
  let held = token !== null;
  let stopped = !held;
  let inFlight: Promise<void> = Promise.resolve();

  const extend = async (): Promise<void> => {
    if (stopped || token === null) return;
    try {
      const result = await deps.jobs.extendLease(job.id, token, deps.clock.now().toISOString(), leaseMs);
      // A beat that lands after the job finished is refused too; that is not a loss.
      if (result.ok || stopped) return;
      held = false;
      stopped = true;
      cancel();
      deps.log.warn('job lease lost while it ran; its result will be refused', jobLogFields(job));
    } catch (error) {
      // The database hiccuped: the lease still has time left, the next beat tries again.
      deps.log.warn('job lease extension failed', { ...jobLogFields(job), error: String(error) });
    }
  };

  const cancel = stopped
    ? () => undefined
    : deps.timer.every(Math.max(1, Math.floor(leaseMs / BEATS_PER_LEASE)), () => {
        inFlight = extend();
        return inFlight;
      });

  return {
    get held() {
      return held;
    },
    async stop() {
      stopped = true;
      cancel();
      await inFlight;
    },
  };
}
