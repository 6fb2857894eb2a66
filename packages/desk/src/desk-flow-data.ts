import type { CustomerProfile, JsonObject, Ticket } from '@flowdesk/store';
import { primaryIdentity } from './customers/customer-service.ts';
import { type DeskDeps, ticketLinkOf } from './desk-deps.ts';

/**
 * Tickets and customers as flows see them (the `ticket.*` and `customer.*`
 * fields of the model's field list): what activities output and what
 * ticket_event triggers start with.
 */
export function ticketData(ticket: Ticket, deps: DeskDeps): JsonObject {
  return {
    id: ticket.id,
    number: ticket.number,
    title: ticket.title,
    status: ticket.status,
    priority: ticket.priority,
    category: ticket.category,
    channel: ticket.channel,
    team: ticket.team,
    assignee: ticket.assignee,
    customerId: ticket.customerId,
    createdAt: ticket.createdAt,
    dueAt: ticket.resolutionDueAt,
    firstResponseDueAt: ticket.firstResponseDueAt,
    tags: ticket.tags,
    link: ticketLinkOf(deps, ticket.number),
    customFields: ticket.customFields,
  };
}

/** The customer as flows see it; contacts are whole here, templates mask them with `| mask`. */
export function customerData(profile: CustomerProfile, isNew: boolean): JsonObject {
  return {
    id: profile.id,
    name: profile.name,
    phone: primaryIdentity(profile, 'phone'),
    email: primaryIdentity(profile, 'email'),
    vipLevel: profile.vipLevel,
    tags: profile.tags,
    requestCount: profile.requestCount,
    complaintCount: profile.complaintCount,
    lastContactAt: profile.lastContactAt,
    locale: profile.locale,
    isNew,
  };
}
