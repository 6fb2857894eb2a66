import type { AppServices } from '../app-deps.ts';
import { AppError } from '../http/app-error.ts';
import { notFoundParams } from './ticket-actions.ts';

export interface RevokedProgressLinks {
  /** Links of the ticket issued before this time are refused (410) from now on. */
  revokedBefore: string;
  /** A fresh link, issued now, to send the customer in place of the old ones. */
  link: string;
}

/**
 * Cuts off every progress link of the ticket issued so far (a link forwarded to
 * the wrong person, a customer who asks) and hands back a new one. Links carry
 * their issue time, so one stored time per ticket is enough.
 */
export async function revokeProgressLinks(
  services: AppServices,
  ticketId: string,
): Promise<RevokedProgressLinks> {
  const ticket = await services.store.tickets.get(ticketId);
  if (!ticket) throw new AppError('not_found', 'desk_not_found', notFoundParams(ticketId));
  const now = services.clock.now();
  const revocation = await services.store.progressLinkRevocations.revoke({
    ticketId: ticket.id,
    revokedBefore: now.toISOString(),
  });
  return {
    revokedBefore: revocation.revokedBefore,
    link: await services.links.storedTicket(ticket.number, now),
  };
}
