// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { ApprovalsPage } from './approvals-page.tsx';
import { ApprovalsWaitingLink } from './inbox/approvals-waiting-link.tsx';
import { renderWithServer } from './ticket-actions/ticket-actions.test-kit.tsx';
import { PendingApprovalBanner } from './ticket-page/pending-approval-banner.tsx';

afterEach(cleanup);

/** Approvals and the pending-confirmation queue both wait for a person: each links to the other, with its count. */

const request = (overrides: Record<string, unknown> = {}) => ({
  id: 'ap-1',
  workspaceId: 'default',
  executionId: 'exec-1',
  seq: 2,
  flowId: 'refunds',
  version: 3,
  nodeId: 'approve',
  ticketId: 't1',
  ticketNumber: 'CS20261122001',
  decider: { kind: 'team', teamId: 'after-sales' },
  question: 'Refund order over 1,000?',
  facts: [{ path: 'request.customFields.amount', value: 1250 }],
  status: 'pending',
  createdAt: '2026-11-22T08:00:00.000Z',
  timeoutAt: null,
  decidedBy: null,
  decidedAt: null,
  note: '',
  flowName: 'Refunds',
  mayDecide: true,
  ...overrides,
});

const inRouter = (ui: ReactNode) => <MemoryRouter>{ui}</MemoryRouter>;

describe('links between the two lists of decisions', () => {
  it('the inbox says how many approvals wait and links to them', async () => {
    renderWithServer(inRouter(<ApprovalsWaitingLink />), { 'approvals.count': 3 });
    const link = await screen.findByRole('link', { name: 'Approvals waiting: 3' });
    expect(link.getAttribute('href')).toBe('/approvals');
  });

  it('the approvals page links to the pending-confirmation queue with its count, and each ticket', async () => {
    renderWithServer(inRouter(<ApprovalsPage />), {
      'approvals.list': [request()],
      'inbox.queues': {
        agentId: 'agent-li',
        items: [],
        counts: { mine: 1, team: 2, pending_confirmation: 4, waiting_for_customer: 0, overdue: 0 },
      },
    });
    const queue = await screen.findByRole('link', { name: 'Tickets pending confirmation: 4' });
    expect(queue.getAttribute('href')).toBe('/inbox?queue=pending_confirmation');
    const ticket = await screen.findByRole('link', { name: 'CS20261122001' });
    expect(ticket.getAttribute('href')).toBe('/tickets/t1');
  });
});

describe('the pending approval banner on a ticket page', () => {
  it('shows the request with Approve and Reject to those who may decide, and sends the decision', async () => {
    let decided = 0;
    const view = renderWithServer(
      inRouter(<PendingApprovalBanner ticketId="t1" onDecided={() => decided++} />),
      {
        'approvals.forTicket': [request()],
        'approvals.decide': { ...request(), status: 'rejected' },
      },
    );
    const banner = await screen.findByRole('region', { name: 'Waiting for approval (1)' });
    expect(within(banner).getByRole('heading', { name: 'Refund order over 1,000?' })).toBeTruthy();
    expect(banner.textContent).toContain('1250');
    expect(within(banner).queryByText('CS20261122001')).toBeNull();
    fireEvent.change(within(banner).getByLabelText('Note (optional)'), { target: { value: 'Too much' } });
    fireEvent.click(within(banner).getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(view.calls('approvals.decide')).toHaveLength(1));
    expect(view.calls('approvals.decide')[0]?.input).toEqual({
      id: 'ap-1',
      decision: 'rejected',
      note: 'Too much',
    });
    await waitFor(() => expect(decided).toBe(1));
    expect(view.calls('approvals.forTicket')[0]?.input).toEqual({ ticketId: 't1' });
  });

  it('shows no buttons to an agent of another team, and nothing at all to a role that does not work tickets', async () => {
    renderWithServer(inRouter(<PendingApprovalBanner ticketId="t1" onDecided={() => {}} />), {
      'approvals.forTicket': [request({ mayDecide: false })],
    });
    const banner = await screen.findByTestId('pending-approval-banner');
    expect(within(banner).queryByRole('button')).toBeNull();
    expect(banner.textContent).toContain('Another team decides this one.');
    cleanup();

    const viewer = renderWithServer(inRouter(<PendingApprovalBanner ticketId="t1" onDecided={() => {}} />), {
      'approvals.forTicket': new Error('Your role may not do this'),
    });
    await waitFor(() => expect(viewer.calls('approvals.forTicket')).toHaveLength(1));
    expect(screen.queryByTestId('pending-approval-banner')).toBeNull();
  });
});
