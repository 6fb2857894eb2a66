import { type TicketEventPayload, ticketData } from '@flowdesk/desk';
import { acceptsEvent, type CompiledFlow, type Input, type WaitAnswerEvent } from '@flowdesk/engine';
import type { StoreRepositories, WaitSubscription } from '@flowdesk/store';
import type { DeskJobServices } from './desk-job-services.ts';
import { loadExecution } from './load-execution.ts';
import { WAIT_EVENT_BY_TICKET_EVENT } from './ticket-wait-subscription.ts';

export interface WaitingExecution {
  readonly flow: CompiledFlow;
  readonly executionId: string;
  readonly seq: number;
}

/**
 * Resumes the executions a ticket event answers: a "Wait for event" node on a
 * customer reply or on the ticket entering one of its statuses. `find` reads
 * before the job's transaction (the published-flow cache reads the outer
 * store, which must not be called inside it); `resume` applies the answers in
 * that transaction, where the engine checks each seq again, so an execution
 * that moved on meanwhile is refused and left alone.
 */
export class TicketEventWaits {
  constructor(private readonly services: DeskJobServices) {}

  async find(payload: TicketEventPayload): Promise<WaitingExecution[]> {
    const event = WAIT_EVENT_BY_TICKET_EVENT[payload.event];
    if (!event) return [];
    const waiting: WaitingExecution[] = [];
    for (const row of await this.services.store.waitSubscriptions.find(event, payload.ticketId)) {
      const found = await this.waitingFor(row, payload);
      if (found) waiting.push(found);
    }
    return waiting;
  }

  async resume(tx: StoreRepositories, payload: TicketEventPayload, waiting: WaitingExecution[]) {
    if (waiting.length === 0) return;
    const ticket = await tx.tickets.get(payload.ticketId);
    const event = WAIT_EVENT_BY_TICKET_EVENT[payload.event] ?? payload.event;
    for (const entry of waiting) {
      const input: Input = {
        kind: 'event_received',
        seq: entry.seq,
        event: {
          kind: event,
          name: event,
          receivedAt: payload.at,
          ticketEvent: payload.event,
          ...(payload.status ? { status: payload.status } : {}),
          ...(payload.previousStatus ? { previousStatus: payload.previousStatus } : {}),
          ...(payload.message !== undefined ? { message: payload.message } : {}),
        },
        // The ticket as it is now, so the rest of the flow sees the new status.
        ...(ticket ? { output: { ticket: ticketData(ticket, this.services.desk) } } : {}),
      };
      const applied = await this.services.driver.applyInput(tx, entry.flow, entry.executionId, input);
      if (applied.outcome === 'applied') {
        this.services.log.debug('waiting execution resumed by a ticket event', {
          executionId: entry.executionId,
          event: payload.event,
        });
      } else {
        this.services.log.debug('ticket event not taken by the waiting execution', {
          executionId: entry.executionId,
          outcome: applied.outcome,
          ...(applied.outcome === 'refused' ? { code: applied.code } : {}),
        });
      }
    }
  }

  /**
   * The execution behind a row, if it still waits for this event with that seq
   * and the event counts for it (the engine's acceptsEvent decides). Stale rows
   * (the execution moved on) are skipped.
   */
  private async waitingFor(
    row: WaitSubscription,
    payload: TicketEventPayload,
  ): Promise<WaitingExecution | null> {
    const record = await this.services.store.executions.get(row.executionId);
    const loaded = record ? loadExecution(record) : null;
    if (record?.status === 'waiting' && loaded && !loaded.ok) {
      // Handed to the driver with the row's seq: it reports the damage and marks the execution failed.
      const flow = await this.services.flows.version(record.flowId, record.version);
      return flow ? { flow, executionId: record.id, seq: row.seq } : null;
    }
    const verdict = loaded?.ok ? acceptsEvent(loaded.state, waitAnswer(row, payload)) : null;
    if (!record || !verdict?.accepted) {
      const stale = !verdict || verdict.accepted || ['not_waiting', 'stale_seq'].includes(verdict.reason);
      if (stale)
        this.services.log.debug('stale wait subscription skipped', {
          executionId: row.executionId,
          seq: row.seq,
        });
      return null;
    }
    const flow = await this.services.flows.version(record.flowId, record.version);
    if (!flow) return null;
    return { flow, executionId: record.id, seq: verdict.seq };
  }
}

/** The ticket event as the engine's acceptsEvent sees it, for the execution a wait-index row names. */
function waitAnswer(row: WaitSubscription, payload: TicketEventPayload): WaitAnswerEvent {
  const causedBy = payload.actor?.kind === 'execution' ? { causedByExecutionId: payload.actor.id } : {};
  return row.event === 'ticket_status'
    ? { kind: 'ticket_status', at: payload.at, status: payload.status ?? '', seq: row.seq, ...causedBy }
    : { kind: 'customer_reply', at: payload.at, seq: row.seq, ...causedBy };
}
