/**
 * Which list a ticket page was opened from (the inbox, the tickets list, the
 * approvals, the surveys, the supervisor view or the dashboard's drill-down), carried in the router's location state with the list's query
 * string, so the top bar highlights that section and the back link returns to
 * the list as the agent left it (queue, filters). Opened any other way (a
 * notification, a pasted address) it belongs to the reader's usual list: the
 * inbox for people who work tickets, the tickets list for everyone else.
 */

export const TICKET_ORIGINS = [
  'inbox',
  'tickets',
  'approvals',
  'surveys',
  'supervisor',
  'dashboard',
] as const;
export type TicketOrigin = (typeof TICKET_ORIGINS)[number];

/** Mirrors the server's ROLES.ticketWorkers; the server decides, this only picks a default. */
const TICKET_WORKER_ROLES: readonly string[] = ['admin', 'supervisor', 'agent'];

export interface TicketFrom {
  readonly section: TicketOrigin;
  /** The list's query string as it was (`?queue=team&search=A-1`), or ''. */
  readonly search: string;
}

/** The link to a ticket from one of the lists: `<Link to={…to} state={…state}>`. */
export function ticketLink(
  ticketId: string,
  section: TicketOrigin,
  search = '',
): { to: string; state: { ticketFrom: TicketFrom } } {
  return { to: `/tickets/${encodeURIComponent(ticketId)}`, state: { ticketFrom: { section, search } } };
}

const isOrigin = (value: unknown): value is TicketOrigin =>
  (TICKET_ORIGINS as readonly unknown[]).includes(value);

/** Only a query string is taken back: state can be anything a page pushed, and the path is ours to build. */
const querySearch = (value: unknown): string =>
  typeof value === 'string' && value.startsWith('?') && !value.includes('#') ? value : '';

/** Where the ticket page was opened from, read from location state; falls back to the role's usual list. */
export function ticketOrigin(state: unknown, role: string | undefined): TicketFrom {
  const from = (state as { ticketFrom?: { section?: unknown; search?: unknown } } | null | undefined)
    ?.ticketFrom;
  if (from && isOrigin(from.section)) return { section: from.section, search: querySearch(from.search) };
  return { section: role && TICKET_WORKER_ROLES.includes(role) ? 'inbox' : 'tickets', search: '' };
}

/** The path of the ticket page, when `pathname` is one. */
export const isTicketPage = (pathname: string): boolean => /^\/tickets\/[^/]+\/?$/.test(pathname);
