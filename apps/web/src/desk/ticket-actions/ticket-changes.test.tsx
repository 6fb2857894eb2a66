// @vitest-environment happy-dom
import { allowedTransitions } from '@flowdesk/model';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithServer } from './ticket-actions.test-kit.tsx';
import { type ChangeableTicket, TicketChanges } from './ticket-changes.tsx';

afterEach(cleanup);

const ticket: ChangeableTicket = {
  id: 't-1',
  status: 'assigned',
  priority: 'medium',
  category: 'returns',
  team: 'after_sales',
  assignee: 'agent-li',
};
const named = (id: string, name: string) => ({ id, name: { 'zh-CN': name, en: name } });

function Harness(props: { onChanged: () => void }) {
  const [saved, setSaved] = useState(false);
  return (
    <TicketChanges
      ticket={ticket}
      allowedTransitions={allowedTransitions(ticket.status)}
      categories={[named('returns', 'Returns'), named('order_status', 'Order status')]}
      teams={[named('after_sales', 'After-sales')]}
      agents={[{ ...named('agent-li', 'Li Na'), teams: ['after_sales'] }]}
      saved={saved}
      onSaved={setSaved}
      onChanged={props.onChanged}
    />
  );
}

const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;

describe('changing a ticket', () => {
  it('offers the current status and only the lifecycle’s next ones', () => {
    renderWithServer(<Harness onChanged={vi.fn()} />, {});
    expect([...select('Status').options].map((option) => option.value)).toEqual([
      'assigned',
      'in_progress',
      'waiting_for_customer',
      'resolved',
      'closed',
    ]);
  });

  it('sends only what changed: a corrected category goes through changeCategory', async () => {
    const onChanged = vi.fn();
    const view = renderWithServer(<Harness onChanged={onChanged} />, {
      'tickets.changeCategory': { ...ticket, category: 'order_status' },
    });
    fireEvent.change(select('Category'), { target: { value: 'order_status' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledOnce());
    expect(view.sent.map((call) => [call.path, call.input])).toEqual([
      ['tickets.changeCategory', { id: 't-1', category: 'order_status' }],
    ]);
    expect(screen.getByRole('status').textContent).toBe('Changes saved.');
  });

  it('asks for a solution summary of at most 100 characters before resolving', async () => {
    const view = renderWithServer(<Harness onChanged={vi.fn()} />, {
      'tickets.changeStatus': { ...ticket, status: 'resolved' },
    });
    fireEvent.change(select('Status'), { target: { value: 'resolved' } });
    const resolve = screen.getByRole('button', { name: 'Resolve ticket' }) as HTMLButtonElement;
    expect(resolve.disabled).toBe(true);
    const summary = screen.getByRole('textbox', { name: /Solution summary/ });
    fireEvent.change(summary, { target: { value: '好'.repeat(101) } });
    expect(resolve.disabled).toBe(true);
    expect(screen.getByText('101 of 100 characters.')).toBeTruthy();
    fireEvent.change(summary, { target: { value: 'Return label sent' } });
    fireEvent.click(resolve);
    await waitFor(() => expect(view.calls('tickets.changeStatus')).toHaveLength(1));
    expect(view.calls('tickets.changeStatus')[0]?.input).toEqual({
      id: 't-1',
      status: 'resolved',
      solution: 'Return label sent',
    });
  });

  it('shows the server’s refusal and tells the page to reload what went through', async () => {
    const onChanged = vi.fn();
    renderWithServer(<Harness onChanged={onChanged} />, {
      'tickets.changeStatus': new Error('Ticket t-1 does not exist'),
    });
    fireEvent.change(select('Status'), { target: { value: 'closed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Ticket t-1 does not exist');
    expect(onChanged).toHaveBeenCalledOnce();
  });
});
