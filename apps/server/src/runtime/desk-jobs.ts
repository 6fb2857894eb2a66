import {
  CONFIRMATION_REMINDER_JOB,
  type DeskDeps,
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
import type { Job, Store, StoreRepositories } from '@flowdesk/store';
import type { Logger } from '../app-deps.ts';
import type { ExecutionDriver } from './execution-driver.ts';
import type { PublishedFlows } from './published-flows.ts';
import { SurveyAnsweredFlows } from './survey-answered-flows.ts';
import { TicketEventWaits } from './ticket-event-waits.ts';

export const DESK_JOB_KINDS: readonly string[] = [
  TICKET_EVENT_JOB,
  SLA_WARNING_JOB,
  SLA_BREACH_JOB,
  CONFIRMATION_REMINDER_JOB,
  SURVEY_ANSWERED_JOB,
];

/**
 * Jobs the desk enqueues: ticket events start the flows whose ticket-event
 * trigger matches and resume the executions waiting for them; SLA and confirmation jobs re-check the ticket and emit
 * events or reminders. Each runs in one transaction with the job's completion
 * (`complete` throws when the lease was lost, rolling everything back).
 */
export class DeskJobs {
  constructor(
    private readonly store: Store,
    private readonly flows: PublishedFlows,
    private readonly driver: ExecutionDriver,
    private readonly deps: DeskDeps & { workspaceId: string },
    private readonly log: Logger,
  ) {}

  handles(kind: string): boolean {
    return DESK_JOB_KINDS.includes(kind);
  }

  async run(job: Job, complete: (tx: StoreRepositories) => Promise<void>): Promise<void> {
    if (job.kind === TICKET_EVENT_JOB) return this.runTicketEvent(job, complete);
    if (job.kind === SURVEY_ANSWERED_JOB) {
      const surveys = new SurveyAnsweredFlows(this.store, this.flows, this.driver, this.deps, this.log);
      return surveys.run(job, complete);
    }
    await this.store.transaction(async (tx) => {
      if (job.kind === CONFIRMATION_REMINDER_JOB) await handleConfirmationReminder(tx, job, this.deps);
      else await handleSlaJob(tx, job, this.deps);
      await complete(tx);
    });
  }

  private async runTicketEvent(job: Job, complete: (tx: StoreRepositories) => Promise<void>) {
    const payload = parseTicketEventPayload(job.payload);
    const live = payload ? await this.flows.withTrigger(this.deps.workspaceId, 'trigger.ticket_event') : [];
    const matching = payload
      ? live.filter((entry) => ticketEventMatches(entry.triggerConfig as TicketEventTriggerConfig, payload))
      : [];
    // A flow does not re-trigger itself through the ticket changes it makes (no loops of updates).
    const causedBy =
      payload?.actor?.kind === 'execution'
        ? (await this.store.executions.get(payload.actor.id))?.flowId
        : undefined;
    const starting = matching.filter((entry) => entry.flow.flowId !== causedBy);
    const waits = new TicketEventWaits(this.store, this.flows, this.driver, this.deps, this.log);
    const waiting = payload ? await waits.find(payload) : [];
    await this.store.transaction(async (tx) => {
      if (payload) await waits.resume(tx, payload, waiting);
      const data =
        payload && starting.length > 0 ? await ticketEventTriggerData(tx, payload, this.deps) : null;
      for (const entry of data ? starting : []) {
        const executionId = this.deps.ids.next();
        const now = this.deps.clock.now().toISOString();
        const started = start(entry.flow, { data: data ?? {} }, { now, executionId });
        await this.driver.drive(tx, entry.flow, started, null);
        this.log.debug('flow started by a ticket event', {
          executionId,
          flowId: entry.flow.flowId,
          event: payload?.event,
        });
      }
      await complete(tx);
    });
  }
}
