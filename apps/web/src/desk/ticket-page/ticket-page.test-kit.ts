import { type TicketOrigin, ticketLink } from '../ticket-origin.ts';

/** Test helpers for the ticket page and the shell around it. */

/** The router entry of ticket `t1` opened from a list (with its query string), or by its address alone. */
export function ticketPageEntry(from?: TicketOrigin, search = '') {
  return from
    ? { pathname: '/tickets/t1', state: ticketLink('t1', from, search).state }
    : { pathname: '/tickets/t1' };
}

/** What `auth.me` answers for Li signed in with `role`. */
export function signedInAs(role: string) {
  return { id: 'u1', name: 'Li', email: 'li@example.com', role, locale: 'en', mustChangePassword: false };
}
