import type { ActivityRegistry, ProducedItem } from '@flowdesk/desk';
import { type CompiledFlow, type NodeFailure, start, startFailed, type TriggerEvent } from '@flowdesk/engine';
import type { Store, StoreRepositories } from '@flowdesk/store';
import { scheduleKpiRollupRefresh } from '../analytics/kpi-rollup-schedule.ts';
import { type Clock, DEFAULT_WORKSPACE_ID, type IdSource, type Logger, silentLogger } from '../app-deps.ts';
import { NO_RUNTIME_METRICS, type RuntimeMetrics } from '../metrics/runtime-metrics.ts';
import { scheduleReportDeliveries } from '../reports/report-jobs.ts';
import type {
  EventResult,
  ExternalEvent,
  IntakeContext,
  IntakeRequest,
  IntakeResult,
  RetryResult,
  RuntimePort,
} from '../runtime-port.ts';
import { scheduleAnomalyChecks } from './anomaly-jobs.ts';
import { BACKGROUND_JOB_KINDS, DeskJobs } from './desk-jobs.ts';
import { eventCustomer, requestCustomer } from './event-customer.ts';
import { ExecutionDriver } from './execution-driver.ts';
import { IdempotencyJanitor } from './idempotency-janitor.ts';
import { JobRunner } from './job-runner.ts';
import { JobWorker } from './job-worker.ts';
import { loadExecution, reportUnreadable } from './load-execution.ts';
import type { OutboxDelivery } from './outbox/outbox.types.ts';
import { PublishedFlows } from './published-flows.ts';
import { requestTriggerData } from './request-trigger-data.ts';
import { RetentionJanitor } from './retention-janitor.ts';
import {
  chooseRequestFlows,
  type ExternalEventTriggerConfig,
  entryAdmits,
  externalEventMatches,
  hasEntryConditions,
} from './trigger-match.ts';

export interface FlowRuntimeDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly activities: ActivityRegistry;
  readonly outbox: OutboxDelivery;
  readonly log?: Logger;
  readonly workerId: string;
  readonly workerPollMs?: number;
  /** Jobs one worker claims at a time (JobWorker's default when absent). */
  readonly workerBatch?: number;
  readonly leaseMs?: number;
  /** Audit log entries older than this many days are purged by the janitor (default 365). */
  readonly auditRetentionDays?: number;
  /** Step logs of finished executions and finished jobs older than this many days are pruned (default 90). */
  readonly executionRetentionDays?: number;
  /** Shared with the desk activities, which ask it who listens to ticket events. */
  readonly flows?: PublishedFlows;
  /** Counts for GET /metrics; none when absent. */
  readonly metrics?: RuntimeMetrics;
  /** Queue the hourly anomaly check when the workers start (the wiring does; test beds schedule it themselves). */
  readonly anomalyChecks?: boolean;
  /** Queue this week's and this month's report emails when the workers start (the wiring does). */
  readonly scheduledReports?: boolean;
  /** Queue the background KPI rollup refresh (every 30 s) when the workers start, on a store that keeps rollups (the wiring does). */
  readonly kpiRollupRefresh?: boolean;
}

/**
 * Runs published flows: starts executions for requests and events, answers
 * their timers and deferred activities from durable jobs, retries failures.
 * Every answer to a caller is sent only after the execution's first steps are
 * committed.
 */
export class FlowRuntime implements RuntimePort {
  readonly flows: PublishedFlows;
  readonly driver: ExecutionDriver;
  readonly runner: JobRunner;
  readonly worker: JobWorker;
  private readonly janitor: IdempotencyJanitor;
  readonly retention: RetentionJanitor;
  private readonly log: Logger;

  constructor(private readonly deps: FlowRuntimeDeps) {
    this.log = deps.log ?? silentLogger;
    this.flows = deps.flows ?? new PublishedFlows(deps.store);
    this.driver = new ExecutionDriver({
      activities: deps.activities,
      clock: deps.clock,
      ids: deps.ids,
      log: this.log,
      metrics: deps.metrics ?? NO_RUNTIME_METRICS,
    });
    const deskJobs = new DeskJobs({
      store: deps.store,
      flows: this.flows,
      driver: this.driver,
      desk: {
        clock: deps.clock,
        ids: deps.ids,
        workspaceId: DEFAULT_WORKSPACE_ID,
        listensTo: (event) => this.flows.listensToTicketEvent(DEFAULT_WORKSPACE_ID, event),
      },
      log: this.log,
    });
    this.runner = new JobRunner({
      store: deps.store,
      flows: this.flows,
      driver: this.driver,
      activities: deps.activities,
      outbox: deps.outbox,
      clock: deps.clock,
      log: this.log,
      deskJobs,
      metrics: deps.metrics ?? NO_RUNTIME_METRICS,
    });
    this.janitor = new IdempotencyJanitor({
      store: deps.store,
      clock: deps.clock,
      log: this.log,
      ...(deps.auditRetentionDays !== undefined ? { auditRetentionDays: deps.auditRetentionDays } : {}),
    });
    this.retention = new RetentionJanitor({
      store: deps.store,
      clock: deps.clock,
      log: this.log,
      ...(deps.executionRetentionDays !== undefined ? { retentionDays: deps.executionRetentionDays } : {}),
    });
    this.worker = new JobWorker({
      store: deps.store,
      runner: this.runner,
      clock: deps.clock,
      log: this.log,
      workerId: deps.workerId,
      background: (kind) => BACKGROUND_JOB_KINDS.has(kind),
      ...(deps.workerPollMs ? { pollMs: deps.workerPollMs } : {}),
      ...(deps.workerBatch ? { batch: deps.workerBatch } : {}),
      ...(deps.leaseMs ? { leaseMs: deps.leaseMs } : {}),
    });
  }

  async intake(request: IntakeRequest, context: IntakeContext): Promise<IntakeResult> {
    const requestId = this.deps.ids.next();
    const receivedAt = this.deps.clock.now().toISOString();
    const live = await this.flows.withTrigger(DEFAULT_WORKSPACE_ID, 'trigger.request_received');
    const requestData = requestTriggerData(request, { id: requestId, receivedAt });
    const trigger: TriggerEvent = { data: { request: requestData } };
    // Live flows in the workspace's order; the first exclusive one that takes the request ends the list,
    // and so does one that cannot evaluate its entry conditions (it fails closed, see chooseRequestFlows).
    const selection = chooseRequestFlows(
      live,
      {
        channel: request.channel,
        message: request.message,
        ...(request.category ? { category: request.category } : {}),
        ...(request.subject ? { subject: request.subject } : {}),
      },
      {
        request: requestData,
        // Only entry conditions read the profile; without any, intake costs no lookup.
        customer: live.some(hasEntryConditions) ? await requestCustomer(this.deps.store, request) : {},
      },
      (entry, error) =>
        this.log.warn('entry conditions could not be evaluated; the flow does not start', {
          flowId: entry.flowId,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
    // One transaction for every flow the request starts: all of them, and the stored answer, or none.
    const result = await this.deps.store.transaction(async (tx) => {
      await context.inTransaction?.before?.(tx);
      const { executionIds, produced } = await this.startFlows(
        tx,
        selection.start.map((entry) => entry.flow),
        trigger,
        receivedAt,
        true,
      );
      const failed = selection.failedExclusive;
      if (failed) {
        // Recorded as a failed execution of that flow, so the admin finds it in the executions list.
        executionIds.push(
          await this.startFailed(tx, failed.candidate.flow, trigger, receivedAt, failed.failure),
        );
      }
      const ticket = produced.find((item) => item.kind === 'ticket');
      const result: IntakeResult = {
        requestId,
        executionIds,
        produced: {
          ...(ticket ? { ticketNumber: ticket.number } : {}),
          replies: produced.flatMap((item) =>
            item.kind === 'reply' ? [{ channel: item.channel, text: item.text }] : [],
          ),
        },
      };
      if (context.idempotency) {
        const { scope, key } = context.idempotency;
        await tx.idempotency.saveResponse(scope, key, { status: 202, body: result as never }, receivedAt);
      }
      await context.inTransaction?.after?.(tx, result);
      return result;
    });
    (this.deps.metrics ?? NO_RUNTIME_METRICS).intakeAccepted(request.channel);
    return result;
  }

  async emitEvent(event: ExternalEvent): Promise<EventResult> {
    const eventId = this.deps.ids.next();
    const receivedAt = this.deps.clock.now().toISOString();
    const live = await this.flows.withTrigger(DEFAULT_WORKSPACE_ID, 'trigger.external_event');
    const customer = event.customer ? await eventCustomer(this.deps.store, event.customer) : undefined;
    const trigger: TriggerEvent = {
      data: {
        event: { id: eventId, name: event.name, payload: event.payload, receivedAt },
        ...(customer ? { customer } : {}),
      },
    };
    const matching = live.filter(
      (entry) =>
        externalEventMatches(entry.triggerConfig as ExternalEventTriggerConfig, event.name) &&
        entryAdmits(entry.triggerConfig, trigger.data, (error) =>
          this.log.warn('entry conditions could not be evaluated; the flow does not start', {
            flowId: entry.flowId,
            error: error instanceof Error ? error.message : String(error),
          }),
        ),
    );
    // Like intake: every flow the event starts, or none.
    const { executionIds } = await this.deps.store.transaction((tx) =>
      this.startFlows(
        tx,
        matching.map((entry) => entry.flow),
        trigger,
        receivedAt,
      ),
    );
    return { eventId, executionIds };
  }

  async retryExecution(executionId: string, _by: string): Promise<RetryResult> {
    const record = await this.deps.store.executions.get(executionId);
    if (!record) return { ok: false, reason: 'not_found' };
    if (record.status !== 'failed') return { ok: false, reason: 'not_retryable', status: record.status };
    const flow = await this.flows.version(record.flowId, record.version);
    if (!flow) return { ok: false, reason: 'not_found' };
    return this.deps.store.transaction(async (tx) => {
      const current = await tx.executions.get(executionId);
      if (current?.status !== 'failed') {
        return { ok: false as const, reason: 'not_retryable' as const, status: current?.status ?? 'unknown' };
      }
      const loaded = loadExecution(current);
      if (!loaded.ok) {
        reportUnreadable(this.log, loaded, 'retry');
        return { ok: false as const, reason: 'not_retryable' as const, status: current.status };
      }
      const result = this.driver.advanceStored(flow, loaded.state, { kind: 'retry' });
      if (!result.ok) return { ok: false as const, reason: 'not_retryable' as const, status: current.status };
      const outcome = await this.driver.drive(tx, flow, result, { revision: current.revision });
      return { ok: true as const, executionId, status: outcome.state.status };
    });
  }

  async ready(): Promise<boolean> {
    try {
      await this.deps.store.counters.current('readiness');
      return true;
    } catch {
      return false;
    }
  }

  flowsChanged(): void {
    this.flows.invalidate();
  }

  startWorkers(): void {
    this.worker.start();
    this.janitor.start();
    this.retention.start();
    // The hourly anomaly check chains itself; this only makes sure a chain exists (once, whoever starts first).
    if (this.deps.anomalyChecks) {
      scheduleAnomalyChecks(this.deps.store, this.deps.clock, this.deps.ids).catch((error: unknown) =>
        this.log.warn('could not schedule the anomaly check, will try at the next start', {
          reason: String(error),
        }),
      );
    }
    if (this.deps.kpiRollupRefresh) {
      scheduleKpiRollupRefresh(this.deps.store, this.deps.clock, this.deps.ids).catch((error: unknown) =>
        this.log.warn('could not schedule the kpi rollup refresh, will try at the next start', {
          reason: String(error),
        }),
      );
    }
    if (this.deps.scheduledReports) {
      scheduleReportDeliveries(this.deps.store, this.deps.clock, this.deps.ids).catch((error: unknown) =>
        this.log.warn('could not schedule the report emails, will try at the next start', {
          reason: String(error),
        }),
      );
    }
  }

  async stopWorkers(): Promise<void> {
    this.janitor.stop();
    await this.retention.stop();
    await this.worker.stop();
  }

  /** Records an execution of `flow` that failed at its trigger, inside the caller's transaction. */
  private async startFailed(
    tx: StoreRepositories,
    flow: CompiledFlow,
    trigger: TriggerEvent,
    now: string,
    failure: NodeFailure,
  ): Promise<string> {
    const executionId = this.deps.ids.next();
    await this.driver.drive(tx, flow, startFailed(flow, trigger, { now, executionId }, failure), null);
    return executionId;
  }

  /** Starts each flow for the trigger inside the caller's transaction, up to its first wait. */
  private async startFlows(
    tx: StoreRepositories,
    flows: readonly CompiledFlow[],
    trigger: TriggerEvent,
    now: string,
    answering = false,
  ): Promise<{ executionIds: string[]; produced: ProducedItem[] }> {
    const executionIds: string[] = [];
    const produced: ProducedItem[] = [];
    for (const flow of flows) {
      const executionId = this.deps.ids.next();
      const started = start(flow, trigger, { now, executionId });
      const outcome = await this.driver.drive(tx, flow, started, null, { answering });
      executionIds.push(executionId);
      produced.push(...outcome.produced);
    }
    return { executionIds, produced };
  }
}
