import {
  CONFIRMATION_REMINDER_JOB,
  handleConfirmationReminder,
  handleSlaJob,
  parseTicketEventPayload,
  SLA_BREACH_JOB,
  SLA_WARNING_JOB,
  SURVEY_ANSWERED_JOB,
  TICKET_EVENT_JOB,
  type TicketEventTriggerConfig,
  ticketEventMatches,
  ticketEventTriggerData,
} from '@flowdesk/desk';
import { start } from '@flowdesk/engine';
import type { Job, StoreRepositories } from '@flowdesk/store';
import { KPI_ROLLUP_REFRESH_JOB, KpiRollupRefreshJobs } from '../analytics/kpi-rollup-schedule.ts';
import { REPORT_DELIVER_JOB, ReportJobs } from '../reports/report-jobs.ts';
import { ANOMALY_DETECT_JOB, AnomalyJobs } from './anomaly-jobs.ts';
import type { DeskJobServices } from './desk-job-services.ts';
import { SurveyAnsweredFlows } from './survey-answered-flows.ts';
import { TicketEventWaits } from './ticket-event-waits.ts';
import { entryAdmits } from './trigger-match.ts';

export const DESK_JOB_KINDS: readonly string[] = [
  TICKET_EVENT_JOB,
  SLA_WARNING_JOB,
  SLA_BREACH_JOB,
  CONFIRMATION_REMINDER_JOB,
  SURVEY_ANSWERED_JOB,
  ANOMALY_DETECT_JOB,
  REPORT_DELIVER_JOB,
  KPI_ROLLUP_REFRESH_JOB,
];

/**
 * Desk jobs that take seconds by design (a rollup refresh spends up to its 10 s
 * budget, a report renders and mails, the detector reads weeks of series): the
 * job worker runs them beside its polling, so SLA timers and deliveries due
 * meanwhile are not held behind them (job-worker.ts, `background`).
 */
export const BACKGROUND_JOB_KINDS: ReadonlySet<string> = new Set([
  KPI_ROLLUP_REFRESH_JOB,
  REPORT_DELIVER_JOB,
  ANOMALY_DETECT_JOB,
]);

/**
 * Jobs the desk enqueues: ticket events start the flows whose ticket-event
 * trigger matches and resume the executions waiting for them; SLA and confirmation jobs re-check the ticket and emit
 * events or reminders. Each runs in one transaction with the job's completion
 * (`complete` throws when the lease was lost, rolling everything back).
 */
export class DeskJobs {
  constructor(private readonly services: DeskJobServices) {}

  handles(kind: string): boolean {
    return DESK_JOB_KINDS.includes(kind);
  }

  async run(job: Job, complete: (tx: StoreRepositories) => Promise<void>): Promise<void> {
    if (job.kind === TICKET_EVENT_JOB) return this.runTicketEvent(job, complete);
    if (job.kind === ANOMALY_DETECT_JOB) return new AnomalyJobs(this.services).run(job, complete);
    if (job.kind === REPORT_DELIVER_JOB) return new ReportJobs(this.services).run(job, complete);
    if (job.kind === KPI_ROLLUP_REFRESH_JOB) {
      const { store, desk, log } = this.services;
      return new KpiRollupRefreshJobs({ store, clock: desk.clock, ids: desk.ids, log }).run(job, complete);
    }
    if (job.kind === SURVEY_ANSWERED_JOB) {
      const surveys = new SurveyAnsweredFlows(this.services);
      return surveys.run(job, complete);
    }
    await this.services.store.transaction(async (tx) => {
      if (job.kind === CONFIRMATION_REMINDER_JOB)
        await handleConfirmationReminder(tx, job, this.services.desk);
      else await handleSlaJob(tx, job, this.services.desk);
      await complete(tx);
    });
  }

  private async runTicketEvent(job: Job, complete: (tx: StoreRepositories) => Promise<void>) {
    const payload = parseTicketEventPayload(job.payload);
    const live = payload
      ? await this.services.flows.withTrigger(this.services.desk.workspaceId, 'trigger.ticket_event')
      : [];
    const matching = payload
      ? live.filter((entry) => ticketEventMatches(entry.triggerConfig as TicketEventTriggerConfig, payload))
      : [];
    // A flow does not re-trigger itself through the ticket changes it makes (no loops of updates).
    const causedBy =
      payload?.actor?.kind === 'execution'
        ? (await this.services.store.executions.get(payload.actor.id))?.flowId
        : undefined;
    const starting = matching.filter((entry) => entry.flow.flowId !== causedBy);
    const waits = new TicketEventWaits(this.services);
    const waiting = payload ? await waits.find(payload) : [];
    await this.services.store.transaction(async (tx) => {
      if (payload) await waits.resume(tx, payload, waiting);
      const data =
        payload && starting.length > 0 ? await ticketEventTriggerData(tx, payload, this.services.desk) : null;
      const admitted = data
        ? starting.filter((entry) =>
            entryAdmits(entry.triggerConfig, data, (error) =>
              this.services.log.warn('entry conditions could not be evaluated; the flow does not start', {
                flowId: entry.flowId,
                error: error instanceof Error ? error.message : String(error),
              }),
            ),
          )
        : [];
      for (const entry of admitted) {
        const executionId = this.services.desk.ids.next();
        const now = this.services.desk.clock.now().toISOString();
        const started = start(entry.flow, { data: data ?? {} }, { now, executionId });
        await this.services.driver.drive(tx, entry.flow, started, null);
        this.services.log.debug('flow started by a ticket event', {
          executionId,
          flowId: entry.flow.flowId,
          event: payload?.event,
        });
      }
      await complete(tx);
    });
  }
}
