// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithServer } from '../desk/ticket-actions/ticket-actions.test-kit.tsx';
import type { TicketOrigin } from '../desk/ticket-origin.ts';
import { signedInAs, ticketPageEntry } from '../desk/ticket-page/ticket-page.test-kit.ts';
import { AppShell } from './app-shell.tsx';

afterEach(cleanup);

/** The shell around a ticket page opened from `from` (or straight by its address), and a list page to go back to. */
function openTicket(role: string, from?: TicketOrigin, search = '') {
  return renderWithServer(
    <MemoryRouter initialEntries={[ticketPageEntry(from, search)]}>
      <Routes>
        <Route element={<AppShell />}>
          <Route path="tickets/:ticketId" element={<p>the ticket</p>} />
          <Route path="inbox" element={<p>the inbox</p>} />
          <Route path="tickets" element={<p>the tickets list</p>} />
        </Route>
      </Routes>
    </MemoryRouter>,
    {
      'auth.me': signedInAs(role),
      'approvals.count': 2,
      'notifications.unreadCount': 0,
      'notifications.list': [],
    },
  );
}

const highlighted = async () => {
  await screen.findByText('the ticket');
  const nav = screen.getByRole('navigation', { name: /main|navigation/i });
  return [...nav.querySelectorAll('a[aria-current="page"]')].map((link) => link.getAttribute('href'));
};

describe('the top bar on a ticket page', () => {
  it('highlights the Inbox when the agent came from the inbox, not Tickets', async () => {
    openTicket('agent', 'inbox', '?queue=team');
    expect(await highlighted()).toEqual(['/inbox']);
  });

  it('highlights Tickets or Approvals when the ticket was opened from there', async () => {
    openTicket('supervisor', 'tickets');
    expect(await highlighted()).toEqual(['/tickets']);
    cleanup();
    openTicket('supervisor', 'approvals');
    expect(await highlighted()).toEqual(['/approvals']);
  });

  it('without an origin: the Inbox for ticket workers, Tickets for everyone else', async () => {
    openTicket('agent');
    expect(await highlighted()).toEqual(['/inbox']);
    cleanup();
    openTicket('viewer');
    expect(await highlighted()).toEqual(['/tickets']);
  });

  it('highlights by the address again once the agent leaves the ticket', async () => {
    openTicket('agent', 'inbox');
    await highlighted();
    fireEvent.click(screen.getByRole('link', { name: 'Tickets' }));
    await screen.findByText('the tickets list');
    await waitFor(() =>
      expect(screen.getByRole('link', { name: 'Tickets' }).getAttribute('aria-current')).toBe('page'),
    );
    expect(screen.getByRole('link', { name: 'Inbox' }).getAttribute('aria-current')).toBeNull();
  });
});
