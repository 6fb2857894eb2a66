import type { Job, Store, StoreRepositories } from '@flowdesk/store';
import type { Clock, IdSource, Logger } from '../app-deps.ts';
import { refreshKpiRollups } from './kpi-rollup-job.ts';

/**
 * Keeps the KPI rollups current in the background (docs/kpis.md "Rollups"),
 * so the first dashboard read after a quiet spell does not fold in everything
 * that changed since the last read.
 *
 * A durable job on a fixed grid of REFRESH_EVERY_MS slots, keyed by its slot:
 * each run enqueues the first slot after it ends, in its completion's
 * transaction, and every replica's start-up enqueues the first slot after
 * now: while runs end within their slot (their work is capped at
 * RUN_BUDGET_MS), both name the same key, so the replicas share one chain
 * and one run at a time (the job's lease). A run folds in small batches
 * (BATCH_SIZE tickets per transaction) and waits as long as each batch took
 * before the next, so the intake gets the write lock in between; what is left
 * when the budget is spent waits for the next slot (or the next dashboard
 * read). Should two runs ever overlap (a late worker, a dashboard read on
 * another replica), the rollups stay right: each write recomputes its deltas
 * from the fact rows it reads in its own transaction and clears only the marks
 * it computed; the overlap only costs work done twice.
 *
 * A failed fold is logged and the chain goes on (the marks stay for the next
 * run). Not scheduled on Mongo, which keeps no rollups.
 */
export const KPI_ROLLUP_REFRESH_JOB = 'analytics.refresh_kpi_rollups';

/** The grid: 2,880 small job rows a day, pruned with the other finished jobs. */
export const REFRESH_EVERY_MS = 30_000;
/** Work per run, pauses included: well inside a slot and a lease (60 s). */
export const RUN_BUDGET_MS = 10_000;
/** Tickets recomputed per transaction in the background (the dashboard's own catch-up uses 500). */
export const BACKGROUND_BATCH_SIZE = 100;

export interface KpiRefreshServices {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly log: Logger;
  /** Waits between batches, told how long the last one took (default: as long again, 2 ms to 1 s). */
  readonly pause?: (batchMs: number) => Promise<void>;
}

const asLongAgain = (batchMs: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.min(1000, Math.max(2, Math.round(batchMs)))));

/** The first slot of the grid strictly after `at`. */
export function nextRefreshSlot(at: number): number {
  return (Math.floor(at / REFRESH_EVERY_MS) + 1) * REFRESH_EVERY_MS;
}

export async function enqueueKpiRollupRefresh(
  repos: Pick<StoreRepositories, 'jobs'>,
  slot: number,
  id: string,
  now: Date,
): Promise<void> {
  const at = new Date(slot).toISOString();
  await repos.jobs.enqueue({
    id,
    kind: KPI_ROLLUP_REFRESH_JOB,
    runAt: at,
    payload: { slot: at },
    idempotencyKey: `${KPI_ROLLUP_REFRESH_JOB}:${at}`,
    now: now.toISOString(),
  });
}

/** At start: makes sure the chain exists (every replica may call it; the slot's key makes it one job). */
export async function scheduleKpiRollupRefresh(store: Store, clock: Clock, ids: IdSource): Promise<void> {
  if (!store.kpiRollups.enabled) return;
  const now = clock.now();
  await enqueueKpiRollupRefresh(store, nextRefreshSlot(now.getTime()), ids.next(), now);
}

/** Folds in waiting changes for at most `budgetMs`; gives how many were folded in and how many still wait. */
export async function refreshInBackground(
  services: Pick<KpiRefreshServices, 'store' | 'clock' | 'pause'>,
  budgetMs = RUN_BUDGET_MS,
): Promise<{ folded: number; waiting: number }> {
  const pause = services.pause ?? asLongAgain;
  const started = performance.now();
  let waiting = await services.store.kpiRollups.dirtyCount();
  let folded = 0;
  while (waiting > 0 && performance.now() - started < budgetMs) {
    const batchStarted = performance.now();
    const before = waiting;
    waiting = await refreshKpiRollups(services, BACKGROUND_BATCH_SIZE, BACKGROUND_BATCH_SIZE);
    folded += Math.max(0, before - waiting);
    if (waiting > 0) await pause(performance.now() - batchStarted);
  }
  return { folded, waiting };
}

export class KpiRollupRefreshJobs {
  constructor(private readonly services: KpiRefreshServices) {}

  async run(job: Job, complete: (tx: StoreRepositories) => Promise<void>): Promise<void> {
    const { store, clock, ids, log } = this.services;
    try {
      const { folded, waiting } = await refreshInBackground(this.services);
      if (folded > 0) log.debug('kpi rollups folded in', { jobId: job.id, folded, waiting });
    } catch (error) {
      log.warn('kpi rollup refresh failed, the next run tries again', {
        jobId: job.id,
        reason: String(error),
      });
    }
    await store.transaction(async (tx) => {
      const now = clock.now();
      if (store.kpiRollups.enabled)
        await enqueueKpiRollupRefresh(tx, nextRefreshSlot(now.getTime()), ids.next(), now);
      await complete(tx);
    });
  }
}
