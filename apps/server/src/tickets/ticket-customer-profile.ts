import { type CustomerView, maskCustomer } from '@flowdesk/desk';
import type { UserRole } from '@flowdesk/store';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { AppError } from '../http/app-error.ts';
import { notFoundParams } from './ticket-actions.ts';

/**
 * The customer profile (客户画像) beside a ticket: who they are, the channels
 * they reached us on, their recent requests and tickets, and what they said in
 * surveys. Contacts are masked for every role here; seeing one whole is the
 * audited reveal's job.
 */

const RECENT = 10;

export interface CustomerTicketSummary {
  id: string;
  number: string;
  title: string;
  status: string;
  channel: string;
  createdAt: string;
}

export interface CustomerRequestSummary {
  executionId: string;
  flowId: string;
  status: string;
  startedAt: string;
}

export interface CsatEntry {
  ticketId: string;
  ticketNumber: string;
  kind: string;
  score: number;
  comment: string | null;
  answeredAt: string;
}

export interface TicketCustomerProfile {
  customer: CustomerView;
  /** Request channels of their tickets and the channels they have an account on, without repeats. */
  channels: string[];
  recentTickets: CustomerTicketSummary[];
  recentRequests: CustomerRequestSummary[];
  csat: CsatEntry[];
  /** Whether the reader may change tags (and VIP level) with customers.update. */
  canEdit: boolean;
}

const EDITORS: readonly UserRole[] = ['admin', 'agent'];

export async function ticketCustomerProfile(
  services: AppServices,
  ticketId: string,
  role: UserRole,
): Promise<TicketCustomerProfile | null> {
  const { store } = services;
  const ticket = await store.tickets.get(ticketId);
  if (!ticket) throw new AppError('not_found', 'desk_not_found', notFoundParams(ticketId));
  if (!ticket.customerId) return null;
  const profile = await store.customers.get(ticket.customerId);
  if (!profile) return null;
  const tickets = await store.tickets.list({
    workspaceId: DEFAULT_WORKSPACE_ID,
    customerId: profile.id,
    order: 'newest',
    limit: 200,
  });
  const [surveys, requests] = await Promise.all([
    store.surveys.listByTickets(tickets.map((entry) => entry.id)),
    // By the customer id key alone: a search by the id also scanned every name for it (70 ms at 1M).
    store.executions.list({ customerId: profile.id, limit: RECENT }),
  ]);
  const numbers = new Map(tickets.map((entry) => [entry.id, entry.number]));
  const identityChannels = profile.identities
    .filter((identity) => identity.kind.startsWith('channel:'))
    .map((identity) => identity.kind.slice('channel:'.length));
  return {
    customer: maskCustomer(profile, role, []),
    channels: [...new Set([...tickets.map((entry) => entry.channel), ...identityChannels])],
    recentTickets: tickets.slice(0, RECENT).map((entry) => ({
      id: entry.id,
      number: entry.number,
      title: entry.title,
      status: entry.status,
      channel: entry.channel,
      createdAt: entry.createdAt,
    })),
    recentRequests: requests.items.map((item) => ({
      executionId: item.id,
      flowId: item.flowId,
      status: item.status,
      startedAt: item.startedAt,
    })),
    csat: surveys
      .filter((survey) => survey.answeredAt !== null && survey.score !== null && survey.ticketId !== null)
      .map((survey) => ({
        ticketId: survey.ticketId as string,
        ticketNumber: numbers.get(survey.ticketId as string) ?? '',
        kind: survey.kind,
        score: survey.score as number,
        comment: survey.comment,
        answeredAt: survey.answeredAt as string,
      }))
      .reverse(),
    canEdit: EDITORS.includes(role),
  };
}
