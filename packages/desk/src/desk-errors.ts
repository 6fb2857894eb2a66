import type { LocalizedText, TicketStatus } from '@flowdesk/model';
import { deskMessage } from './desk-messages.ts';

/**
 * Errors a desk operation returns instead of throwing, so the API can turn
 * them into status codes (not_found → 404, invalid_transition → 409, invalid →
 * 422) and flows into an error port. Each carries a message in both languages.
 */
export type DeskError =
  | {
      code: 'desk.not_found';
      what: 'ticket' | 'customer' | 'team' | 'agent';
      id: string;
      message: LocalizedText;
    }
  | {
      code: 'desk.invalid_transition';
      from: TicketStatus;
      to: TicketStatus;
      allowed: TicketStatus[];
      message: LocalizedText;
    }
  | { code: 'desk.solution_required'; message: LocalizedText }
  | { code: 'desk.solution_too_long'; limit: number; message: LocalizedText }
  | { code: 'desk.customer_unknown'; message: LocalizedText }
  | { code: 'desk.no_contact'; channel: string; message: LocalizedText }
  | { code: 'desk.already_claimed'; id: string; assignee: string; message: LocalizedText }
  | { code: 'desk.not_claimed'; id: string; message: LocalizedText };

export type DeskResult<T> = { ok: true; value: T } | { ok: false; error: DeskError };

export const ok = <T>(value: T): DeskResult<T> => ({ ok: true, value });
export const fail = <T = never>(error: DeskError): DeskResult<T> => ({ ok: false, error });

export function notFound(what: 'ticket' | 'customer' | 'team' | 'agent', id: string): DeskError {
  return { code: 'desk.not_found', what, id, message: deskMessage('desk.not_found', { what, id }) };
}

export function invalidTransition(from: TicketStatus, to: TicketStatus, allowed: TicketStatus[]): DeskError {
  const params = { from, to, allowed: allowed.join(',') };
  return {
    code: 'desk.invalid_transition',
    from,
    to,
    allowed,
    message: deskMessage('desk.invalid_transition', params),
  };
}

export function solutionRequired(): DeskError {
  return { code: 'desk.solution_required', message: deskMessage('desk.solution_required') };
}

export function solutionTooLong(limit: number): DeskError {
  return { code: 'desk.solution_too_long', limit, message: deskMessage('desk.solution_too_long', { limit }) };
}

export function customerUnknown(): DeskError {
  return { code: 'desk.customer_unknown', message: deskMessage('desk.customer_unknown') };
}

/** The ticket's customer cannot be reached on the ticket's channel (no address, account or conversation). */
export function noContact(channel: string): DeskError {
  return { code: 'desk.no_contact', channel, message: deskMessage('desk.no_contact', { channel }) };
}

/** Someone else holds the ticket: claiming it again would silently take it from them. */
export function alreadyClaimed(id: string, assignee: string): DeskError {
  return {
    code: 'desk.already_claimed',
    id,
    assignee,
    message: deskMessage('desk.already_claimed', { id, assignee }),
  };
}

/** Only the agent who holds a ticket may hand it back to the queue. */
export function notClaimed(id: string): DeskError {
  return { code: 'desk.not_claimed', id, message: deskMessage('desk.not_claimed', { id }) };
}

/** The params the desk catalog needs to write this error again, e.g. in the reader's language. */
export function deskErrorParams(error: DeskError): Record<string, string | number> {
  switch (error.code) {
    case 'desk.not_found':
      return { what: error.what, id: error.id };
    case 'desk.invalid_transition':
      return { from: error.from, to: error.to, allowed: error.allowed.join(',') };
    case 'desk.solution_too_long':
      return { limit: error.limit };
    case 'desk.no_contact':
      return { channel: error.channel };
    case 'desk.already_claimed':
      return { id: error.id, assignee: error.assignee };
    case 'desk.not_claimed':
      return { id: error.id };
    case 'desk.solution_required':
    case 'desk.customer_unknown':
      return {};
    default: {
      const unknown: never = error;
      throw new Error(`unknown desk error ${JSON.stringify(unknown)}`);
    }
  }
}

/** The HTTP status an API answers a desk error with. */
export function deskErrorStatus(error: DeskError): 404 | 409 | 422 {
  switch (error.code) {
    case 'desk.not_found':
      return 404;
    case 'desk.invalid_transition':
    case 'desk.already_claimed':
    case 'desk.not_claimed':
      return 409;
    case 'desk.solution_required':
    case 'desk.solution_too_long':
    case 'desk.customer_unknown':
    case 'desk.no_contact':
      return 422;
    default: {
      const unknown: never = error;
      throw new Error(`unknown desk error ${JSON.stringify(unknown)}`);
    }
  }
}
