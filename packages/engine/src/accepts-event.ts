import type { ExecutionState } from './execution-state.schema.ts';

/**
 * What may answer a pending wait, as the runtime sees it before it feeds the
 * engine anything. Ticket events carry the seq of the wait-index row that
 * found the execution (the row is stale when the execution has moved on) and
 * the execution whose own update caused them, if any.
 */
export type WaitAnswerEvent =
  | {
      readonly kind: 'customer_reply';
      readonly at: string;
      readonly seq?: number;
      readonly causedByExecutionId?: string;
    }
  | {
      readonly kind: 'ticket_status';
      readonly at: string;
      readonly status: string;
      readonly seq?: number;
      readonly causedByExecutionId?: string;
    }
  | { readonly kind: 'survey_answer' }
  /** A person's decision on an "Ask for approval" step, for the wait with this seq. */
  | { readonly kind: 'approval_decision'; readonly seq: number }
  | { readonly kind: 'timer_fired' | 'wait_timed_out'; readonly seq: number; readonly now: string };

export type WaitRefusal =
  | 'not_waiting'
  | 'stale_seq'
  | 'other_event'
  | 'own_change'
  | 'before_wait'
  | 'status_not_awaited'
  | 'early';

export type AcceptsEventVerdict =
  | { readonly accepted: true; readonly seq: number }
  | { readonly accepted: false; readonly reason: WaitRefusal };

function refuse(reason: WaitRefusal): AcceptsEventVerdict {
  return { accepted: false, reason };
}

/**
 * Whether the execution's pending wait takes this event, and with which seq
 * the answer must be sent. Pure: every resume path asks this instead of
 * reading the pending command itself, and `advance` checks the answer again
 * against the same state inside the transaction.
 */
export function acceptsEvent(state: ExecutionState, event: WaitAnswerEvent): AcceptsEventVerdict {
  const pending = state.pending;
  const command = pending?.command;
  if (!pending || command?.kind !== 'wait') return refuse('not_waiting');
  if ('seq' in event && event.seq !== undefined && event.seq !== command.seq) return refuse('stale_seq');
  switch (event.kind) {
    case 'timer_fired':
    case 'wait_timed_out': {
      const awaitsEvent = command.event !== undefined;
      if (awaitsEvent !== (event.kind === 'wait_timed_out')) return refuse('other_event');
      const due = event.kind === 'timer_fired' ? command.until : command.timeoutAt;
      if (due !== undefined && Date.parse(event.now) < Date.parse(due)) return refuse('early');
      return { accepted: true, seq: command.seq };
    }
    case 'approval_decision':
      if (command.event?.name !== 'approval') return refuse('other_event');
      return { accepted: true, seq: command.seq };
    case 'survey_answer':
      // A survey is sent before its wait begins, so an answer from before the wait still counts.
      if (command.event?.name !== 'survey_answer') return refuse('other_event');
      return { accepted: true, seq: command.seq };
    case 'customer_reply':
    case 'ticket_status': {
      if (command.event?.name !== event.kind) return refuse('other_event');
      // The execution's own ticket update, or a change from before the wait began, is not an answer.
      if (event.causedByExecutionId === state.executionId) return refuse('own_change');
      if (Date.parse(event.at) < Date.parse(pending.issuedAt)) return refuse('before_wait');
      const statuses = command.event.statuses ?? [];
      if (event.kind === 'ticket_status' && statuses.length > 0 && !statuses.includes(event.status)) {
        return refuse('status_not_awaited');
      }
      return { accepted: true, seq: command.seq };
    }
    default: {
      const unknownEvent: never = event;
      throw new Error(`Unknown wait answer ${JSON.stringify(unknownEvent)}`);
    }
  }
}
