import type { CustomerIdentity, User } from '@flowdesk/store';
import type { AppServices } from '../app-deps.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { AppError } from '../http/app-error.ts';
import { readPeopleSettings } from '../people/people-settings.ts';
import { notFoundParams } from './ticket-actions.ts';

/**
 * The audited exception to masking: one ticket's customer contacts in full,
 * for a role the workspace allows (people settings). Every reveal writes who,
 * when and which ticket to the audit log; a refused one is written too.
 */
export interface RevealedContact {
  ticketId: string;
  ticketNumber: string;
  customerId: string;
  name: string | null;
  /** Every phone, email and channel account of the customer, unmasked. */
  identities: CustomerIdentity[];
}

export async function revealContact(
  services: AppServices,
  actor: User,
  ticketId: string,
  ip: string,
): Promise<RevealedContact> {
  const { store } = services;
  const audit = (outcome: 'success' | 'denied', details: Record<string, string>) =>
    recordAudit(services, {
      actor: { kind: 'user', id: actor.id, label: actor.email },
      action: 'customer.contact_reveal',
      target: `ticket:${ticketId}`,
      ip,
      outcome,
      details: { role: actor.role, ...details },
    });
  const { revealRoles } = await readPeopleSettings(store);
  if (!revealRoles.includes(actor.role)) {
    await audit('denied', { reason: 'role_not_allowed' });
    throw new AppError('forbidden', 'reveal_not_allowed', { params: { role: actor.role } });
  }
  const ticket = await store.tickets.get(ticketId);
  if (!ticket) throw new AppError('not_found', 'desk_not_found', notFoundParams(ticketId));
  const profile = ticket.customerId ? await store.customers.get(ticket.customerId) : null;
  if (!profile) throw new AppError('not_found', 'reveal_no_customer');
  await audit('success', { ticketNumber: ticket.number, customerId: profile.id });
  return {
    ticketId: ticket.id,
    ticketNumber: ticket.number,
    customerId: profile.id,
    name: profile.name,
    identities: profile.identities.map((identity) => ({ ...identity })),
  };
}
