import type { TicketEventKind } from '@flowdesk/model';
import type { StoreRepositories } from '@flowdesk/store';

/** Time and ids come in from outside so tests pin them and the runtime's step time is used. */
export interface DeskClock {
  now(): Date;
}

export interface DeskIds {
  next(): string;
}

export interface DeskDeps {
  readonly clock: DeskClock;
  readonly ids: DeskIds;
  /** The one workspace until multi-tenancy arrives. Default 'default'. */
  readonly workspaceId?: string;
  /** The zone whose calendar day numbers tickets. Default Asia/Shanghai. */
  readonly timezone?: string;
  /** The customer's progress link for a ticket number, issued at the given time (links expire). Default `/t/<number>`. */
  readonly ticketLink?: (ticketNumber: string, issuedAt: Date) => string;
  /** How long a ticket parked for category confirmation waits before a reminder. Default 10. */
  readonly pendingReminderMinutes?: number;
  /**
   * Whether anything (a published ticket-event flow, an execution waiting for
   * it) listens to this event. An event nobody listens to is not queued at
   * all; without this, all are.
   */
  readonly listensTo?: (event: TicketEventKind) => boolean;
}

export const DEFAULT_WORKSPACE_ID = 'default';
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';
export const DEFAULT_PENDING_REMINDER_MINUTES = 10;

/** What every desk service works with: one transaction's repositories, and the deps. */
export interface DeskScope {
  readonly tx: StoreRepositories;
  readonly deps: DeskDeps;
}

export function workspaceOf(deps: DeskDeps): string {
  return deps.workspaceId ?? DEFAULT_WORKSPACE_ID;
}

export function nowIso(deps: DeskDeps): string {
  return deps.clock.now().toISOString();
}

export function ticketLinkOf(deps: DeskDeps, ticketNumber: string): string {
  return deps.ticketLink ? deps.ticketLink(ticketNumber, deps.clock.now()) : `/t/${ticketNumber}`;
}
