// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithServer } from '../ticket-actions/ticket-actions.test-kit.tsx';
import type { TicketOrigin } from '../ticket-origin.ts';
import { signedInAs, ticketPageEntry } from './ticket-page.test-kit.ts';
import { TicketPage } from './ticket-page.tsx';

afterEach(cleanup);

/** The ticket page (its ticket refused, so only the way back and the reason show) opened from `from`. */
function openFrom(role: string, from?: TicketOrigin, search = '') {
  return renderWithServer(
    <MemoryRouter initialEntries={[ticketPageEntry(from, search)]}>
      <Routes>
        <Route path="tickets/:ticketId" element={<TicketPage />} />
      </Routes>
    </MemoryRouter>,
    {
      'auth.me': signedInAs(role),
      'tickets.get': new Error('No such ticket'),
    },
  );
}

const backLink = async () => {
  await screen.findByRole('alert');
  return screen.getByRole('link', { name: /^Back to/ });
};

describe('the ticket page’s back link', () => {
  it('returns to the inbox queue and filters the agent came from', async () => {
    openFrom('agent', 'inbox', '?queue=team&priority=high');
    const link = await backLink();
    expect(link.textContent).toBe('Back to the inbox');
    expect(link.getAttribute('href')).toBe('/inbox?queue=team&priority=high');
  });

  it('returns to the tickets list or the approvals when opened from there', async () => {
    openFrom('supervisor', 'tickets', '?status=all&search=CS2026');
    const tickets = await backLink();
    expect(tickets.textContent).toBe('Back to tickets');
    expect(tickets.getAttribute('href')).toBe('/tickets?status=all&search=CS2026');
    cleanup();
    openFrom('supervisor', 'approvals');
    expect((await backLink()).getAttribute('href')).toBe('/approvals');
  });

  it('opened by its address: the inbox for agents, the tickets list for a viewer', async () => {
    openFrom('agent');
    // In the app the shell has the session before the page shows; here it may come after the refusal.
    await waitFor(async () => expect((await backLink()).getAttribute('href')).toBe('/inbox'));
    cleanup();
    openFrom('viewer');
    expect((await backLink()).getAttribute('href')).toBe('/tickets');
  });
});
