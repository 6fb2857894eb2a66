import { describe, expect, it } from 'vitest';
import { isTicketPage, ticketLink, ticketOrigin } from './ticket-origin.ts';

describe('where a ticket page was opened from', () => {
  it('is the list the link came from, with its filters', () => {
    const link = ticketLink('t 1', 'tickets', '?status=all&search=CS1');
    expect(link.to).toBe('/tickets/t%201');
    expect(ticketOrigin(link.state, 'agent')).toEqual({
      section: 'tickets',
      search: '?status=all&search=CS1',
    });
    expect(ticketOrigin(ticketLink('t1', 'approvals').state, 'viewer')).toEqual({
      section: 'approvals',
      search: '',
    });
  });

  it('is the usual list of the reader otherwise: the inbox for ticket workers, the tickets list for others', () => {
    expect(ticketOrigin(null, 'agent').section).toBe('inbox');
    expect(ticketOrigin(undefined, 'supervisor').section).toBe('inbox');
    expect(ticketOrigin({}, 'admin').section).toBe('inbox');
    expect(ticketOrigin(null, 'viewer').section).toBe('tickets');
    expect(ticketOrigin(null, 'editor').section).toBe('tickets');
    expect(ticketOrigin(null, undefined).section).toBe('tickets');
  });

  it('takes back only a known section and a query string', () => {
    expect(ticketOrigin({ ticketFrom: { section: 'flows', search: '' } }, 'agent').section).toBe('inbox');
    expect(ticketOrigin({ ticketFrom: { section: 'inbox', search: '//evil.example' } }, 'agent')).toEqual({
      section: 'inbox',
      search: '',
    });
  });

  it('knows a ticket page from the list', () => {
    expect(isTicketPage('/tickets/abc')).toBe(true);
    expect(isTicketPage('/tickets')).toBe(false);
    expect(isTicketPage('/tickets/')).toBe(false);
  });
});
