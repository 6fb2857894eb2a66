import type { AppDeps, AppServices } from '../app-deps.ts';
import { silentLogger } from '../app-ports.ts';
import { LoginRateLimiter } from '../auth/login-rate-limit.ts';
import { DEFAULT_STREAM_TIMING } from '../channels/widget/widget-events.ts';
import { WidgetStreamHub } from '../channels/widget/widget-stream-hub.ts';
import { StoreRateLimits } from '../http/store-rate-limits.ts';
import { createServerMetrics } from '../metrics/server-metrics.ts';
import { ShadowRunJobs } from '../runtime/shadow-run/shadow-run-jobs.ts';

/**
 * The services every route shares, built once per process by the wiring (or
 * a test bed) rather than by the routes, so the one who built them closes them.
 */
export function createServices(deps: AppDeps): AppServices {
  const log = deps.log ?? silentLogger;
  // The wiring passes the process's registry; a test bed gets its own without the process metrics,
  // whose event-loop monitor would otherwise tick in every one of a test file's beds.
  const metrics = deps.metrics ?? createServerMetrics({ processMetrics: false });
  // The queue gauges are read from the store on each scrape: one indexed query, no bookkeeping on the hot path.
  metrics.collectQueueFrom(async () => {
    const now = deps.clock.now();
    return { now, stats: await deps.store.jobs.queueStats(now.toISOString()) };
  });
  const rateLimits = new StoreRateLimits(deps.store, log);
  const widgetStreams = new WidgetStreamHub(
    (conversationId, afterSeq, limit) =>
      deps.store.conversations.listMessages(conversationId, afterSeq, limit),
    DEFAULT_STREAM_TIMING.pollMs,
    log,
  );
  const shadowRuns = new ShadowRunJobs({ store: deps.store, clock: deps.clock, ids: deps.ids, log });
  return {
    ...deps,
    log,
    metrics,
    rateLimits,
    loginLimiter: new LoginRateLimiter(rateLimits),
    widgetStreams,
    shadowRuns,
    // Open event streams would keep the server from closing, and their pollers would query a closed store.
    // This process's shadow runs stop and read interrupted at once (the store closes after the listener).
    close: async () => {
      widgetStreams.stop();
      await shadowRuns.close();
    },
  };
}
