// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithServer } from '../desk/ticket-actions/ticket-actions.test-kit.tsx';
import { signedInAs, ticketPageEntry } from '../desk/ticket-page/ticket-page.test-kit.ts';
import { AppShell } from './app-shell.tsx';

afterEach(cleanup);

/** An admin's shell (wide: happy-dom's window is 1024 px) on a ticket opened from the approvals. */
function adminOnApprovedTicket() {
  return renderWithServer(
    <MemoryRouter initialEntries={[ticketPageEntry('approvals')]}>
      <Routes>
        <Route element={<AppShell />}>
          <Route path="tickets/:ticketId" element={<p>the ticket</p>} />
          <Route path="inbox" element={<p>the inbox</p>} />
        </Route>
      </Routes>
    </MemoryRouter>,
    {
      'auth.me': signedInAs('admin'),
      'approvals.count': 2,
      'notifications.unreadCount': 0,
      'notifications.list': [],
    },
  );
}

const workButton = () => screen.getByRole('button', { name: /^Work/ });

describe('a group folded into a menu of the top bar', () => {
  it('says it holds the page the admin is on and how many approvals wait, while closed', async () => {
    adminOnApprovedTicket();
    await screen.findByText('the ticket');
    expect(workButton().getAttribute('aria-expanded')).toBe('false');
    expect(workButton().className).toContain('active');
    await waitFor(() => expect(workButton().textContent).toContain('2 waiting for a decision'));
    // The admin's own group is a row of links; Work's links are out of sight until it opens.
    expect(screen.getByRole('link', { name: 'Flows' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Inbox' })).toBeNull();
  });

  it('opens on a press, marks the current entry, and Escape closes it with focus back on the button', async () => {
    adminOnApprovedTicket();
    await screen.findByText('the ticket');
    fireEvent.click(workButton());
    expect(workButton().getAttribute('aria-expanded')).toBe('true');
    const panel = document.getElementById(workButton().getAttribute('aria-controls') ?? '');
    expect(panel?.hidden).toBe(false);
    expect(screen.getByRole('link', { name: /Approvals/ }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Tickets' }).getAttribute('aria-current')).toBeNull();
    fireEvent.keyDown(document, { key: 'Escape' });
    await waitFor(() => expect(workButton().getAttribute('aria-expanded')).toBe('false'));
    expect(document.activeElement).toBe(workButton());
    expect(panel?.hidden).toBe(true);
  });

  it('closes when one of its links is chosen, and the chosen section is highlighted', async () => {
    adminOnApprovedTicket();
    await screen.findByText('the ticket');
    fireEvent.click(workButton());
    fireEvent.click(screen.getByRole('link', { name: 'Inbox' }));
    await screen.findByText('the inbox');
    expect(workButton().getAttribute('aria-expanded')).toBe('false');
    expect(workButton().className).toContain('active');
    fireEvent.click(workButton());
    expect(screen.getByRole('link', { name: 'Inbox' }).getAttribute('aria-current')).toBe('page');
  });
});
