import type { JobQueueStats, TransactionObservation } from '@flowdesk/store';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { OutboxOutcome, RuntimeMetrics } from './runtime-metrics.ts';

/**
 * The server's Prometheus metrics, in a registry of its own (never prom-client's
 * global one), so each app instance, and each test, counts only its own
 * traffic. Labels are bounded by design: route templates (never a URL with its
 * ids or tokens), methods, status codes, channels, flow ids, error codes.
 */

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const TRANSACTION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const LATENESS_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

export type QueueSource = () => Promise<{ stats: JobQueueStats; now: Date }>;

export interface ServerMetrics extends RuntimeMetrics {
  readonly registry: Registry;
  /** One answered HTTP request. */
  httpRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
  /** An intake endpoint refused a request (bad body, credentials, rate limit…); reason is the error code. */
  intakeRefused(channel: string, reason: string): void;
  /** The store's transaction observer (the `onTransaction` option of @flowdesk/store). */
  storeTransaction(observation: TransactionObservation): void;
  /** Where the job queue gauges are read on each scrape (the store's jobs.queueStats). */
  collectQueueFrom(source: QueueSource): void;
  /** The exposition text and its content type, for GET /metrics. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface ServerMetricsOptions {
  /** prom-client's default process and Node.js metrics (CPU, memory, event loop, GC). Default true. */
  processMetrics?: boolean;
}

export function createServerMetrics(options: ServerMetricsOptions = {}): ServerMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const http = new Histogram({
    name: 'flowdesk_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const accepted = new Counter({
    name: 'flowdesk_intake_accepted_total',
    help: 'Customer requests the runtime took (executions and answer committed), by channel.',
    labelNames: ['channel'] as const,
    registers,
  });
  const refused = new Counter({
    name: 'flowdesk_intake_refused_total',
    help: 'Requests an intake endpoint refused, by channel and reason (the error code).',
    labelNames: ['channel', 'reason'] as const,
    registers,
  });
  const started = new Counter({
    name: 'flowdesk_executions_started_total',
    help: 'Executions started, by flow id.',
    labelNames: ['flow_id'] as const,
    registers,
  });
  const finished = new Counter({
    name: 'flowdesk_executions_finished_total',
    help: 'Executions that ended without failing (completed or cancelled), by flow id and status.',
    labelNames: ['flow_id', 'status'] as const,
    registers,
  });
  const failed = new Counter({
    name: 'flowdesk_executions_failed_total',
    help: 'Executions saved as failed (an incident), by flow id; a retried one that fails again counts again.',
    labelNames: ['flow_id'] as const,
    registers,
  });
  const deliveries = new Counter({
    name: 'flowdesk_outbox_deliveries_total',
    help: 'Outbox delivery attempts by channel and outcome (delivered, retrying, gave_up).',
    labelNames: ['channel', 'outcome'] as const,
    registers,
  });
  const retries = new Counter({
    name: 'flowdesk_outbox_retries_total',
    help: 'Outbox delivery attempts after the first, by channel.',
    labelNames: ['channel'] as const,
    registers,
  });
  const lateness = new Histogram({
    name: 'flowdesk_timer_lateness_seconds',
    help: 'How long after its due time a timer or wait timeout ran (fired_at - due_at).',
    labelNames: ['kind'] as const,
    buckets: LATENESS_BUCKETS,
    registers,
  });
  const transactions = new Histogram({
    name: 'flowdesk_store_transaction_duration_seconds',
    help: 'Store transactions from call to commit or rollback (queueing included), by store and outcome.',
    labelNames: ['store', 'outcome'] as const,
    buckets: TRANSACTION_BUCKETS,
    registers,
  });

  let queueSource: QueueSource | undefined;
  // Both gauges come from one store query per scrape, shared by whichever gauge is collected first.
  let pendingRead: Promise<{ stats: JobQueueStats; now: Date } | undefined> | undefined;
  const readQueue = () => {
    // A store that cannot answer (closing, unreachable) leaves the gauges out; the rest of the scrape still works.
    pendingRead ??= (queueSource ? queueSource().catch(() => undefined) : Promise.resolve(undefined)).finally(
      () =>
        queueMicrotask(() => {
          pendingRead = undefined;
        }),
    );
    return pendingRead;
  };
  new Gauge({
    name: 'flowdesk_job_queue_depth',
    help: 'Unfinished durable jobs (timers, outbox, deferred activities) by state: pending, running, due now.',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      const read = await readQueue();
      this.reset();
      if (!read) return;
      this.set({ state: 'pending' }, read.stats.pending);
      this.set({ state: 'running' }, read.stats.running);
      this.set({ state: 'due' }, read.stats.due);
    },
  });
  new Gauge({
    name: 'flowdesk_job_queue_lag_seconds',
    help: 'How long the oldest due job has waited for a worker (0 when none is due).',
    registers,
    async collect() {
      const read = await readQueue();
      const oldest = read?.stats.oldestDueAt;
      this.set(oldest && read ? Math.max(0, (read.now.getTime() - Date.parse(oldest)) / 1000) : 0);
    },
  });

  return {
    registry,
    httpRequest: (labels, seconds) =>
      http.observe({ method: labels.method, route: labels.route, status: String(labels.status) }, seconds),
    intakeAccepted: (channel) => accepted.inc({ channel }),
    intakeRefused: (channel, reason) => refused.inc({ channel, reason }),
    executionStarted: (flowId) => started.inc({ flow_id: flowId }),
    executionEnded: (flowId, status) => {
      if (status === 'failed') failed.inc({ flow_id: flowId });
      else finished.inc({ flow_id: flowId, status });
    },
    outboxAttempt: (channel: string, outcome: OutboxOutcome, attempt: number) => {
      deliveries.inc({ channel, outcome });
      if (attempt > 1) retries.inc({ channel });
    },
    timerFired: (kind, latenessSeconds) => lateness.observe({ kind }, Math.max(0, latenessSeconds)),
    storeTransaction: (observation) =>
      transactions.observe(
        { store: observation.store, outcome: observation.outcome },
        observation.durationMs / 1000,
      ),
    collectQueueFrom: (source) => {
      queueSource = source;
    },
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
