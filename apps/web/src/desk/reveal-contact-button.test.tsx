// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RevealContactButton } from './reveal-contact-button.tsx';
import { renderWithServer } from './ticket-actions/ticket-actions.test-kit.tsx';

afterEach(cleanup);

describe('reveal a ticket’s contact', () => {
  it('asks the server for this ticket’s contact and shows the full values after the click', async () => {
    const view = renderWithServer(<RevealContactButton ticketId="t-7" />, {
      'tickets.revealContact': {
        ticketId: 't-7',
        ticketNumber: 'CS20261122001',
        customerId: 'cust-1',
        name: '王小明',
        identities: [
          { kind: 'phone', value: '+8613812345678' },
          { kind: 'channel:wechat', value: 'oX1abc9' },
        ],
      },
    });
    expect(screen.queryByText('+8613812345678')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Reveal contact' }));
    await waitFor(() => expect(screen.getByTestId('revealed-phone').textContent).toBe('+8613812345678'));
    expect(screen.getByText('Account on wechat')).toBeTruthy();
    expect(screen.getByText('Full contact (recorded in the audit log)')).toBeTruthy();
    expect(view.calls('tickets.revealContact').map((call) => call.input)).toEqual([{ ticketId: 't-7' }]);
  });

  it('says why a role may not reveal, and shows nothing', async () => {
    renderWithServer(<RevealContactButton ticketId="t-7" />, {
      'tickets.revealContact': new Error('Your role (viewer) may not reveal a customer’s contact'),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Reveal contact' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('may not reveal'));
    expect(screen.queryByTestId('revealed-phone')).toBeNull();
  });
});
