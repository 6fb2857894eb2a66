// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithI18n } from '../../testing/render-with-i18n.tsx';
import type { TicketDetail } from '../desk-outputs.types.ts';
import { SlaPanel } from './sla-panel.tsx';

afterEach(cleanup);

type PanelTicket = TicketDetail['ticket'];

/** The SLA facts of a ticket created at 08:00 with 1 h to answer and 8 h to resolve. */
function ticket(facts: Partial<PanelTicket>): PanelTicket {
  return {
    status: 'in_progress',
    slaState: 'running',
    firstResponseDueAt: '2026-11-22T09:00:00.000Z',
    firstRespondedAt: null,
    resolutionDueAt: '2026-11-22T16:00:00.000Z',
    resolvedAt: null,
    pausedAt: null,
    ...facts,
  } as PanelTicket;
}

const panel = () => screen.getByTestId('sla-panel');
const line = (term: string) => {
  const terms = within(panel()).getAllByRole('term');
  const index = terms.findIndex((node) => node.textContent === term);
  return within(panel()).getAllByRole('definition')[index];
};

describe('the SLA panel', () => {
  it('shows a resolved ticket’s clocks as stopped with their final state, not as paused', () => {
    renderWithI18n(
      <SlaPanel
        ticket={ticket({
          status: 'resolved',
          slaState: 'met',
          firstRespondedAt: '2026-11-22T08:20:00.000Z',
          resolvedAt: '2026-11-22T10:00:00.000Z',
          pausedAt: '2026-11-22T10:00:00.000Z',
        })}
      />,
    );
    expect(panel().textContent).not.toMatch(/Paused|waits for the customer|due in/);
    expect(within(panel()).getByRole('heading').textContent).toContain('Met');
    expect(line('First response')?.textContent).toMatch(/^answered /);
    expect(line('Resolution')?.textContent).toMatch(/^resolved /);
    expect(line('Resolution')?.className).toContain('sla-clock-met');
  });

  it('says how late a breached target was, counting only up to the pause before resolving', () => {
    renderWithI18n(
      <SlaPanel
        ticket={ticket({
          status: 'closed',
          slaState: 'breached',
          firstRespondedAt: '2026-11-22T09:30:00.000Z',
          // Waited for the customer from 17:00, resolved the next day: late by 1 h, not by a day.
          pausedAt: '2026-11-22T17:00:00.000Z',
          resolvedAt: '2026-11-23T10:00:00.000Z',
        })}
      />,
    );
    expect(line('First response')?.textContent).toMatch(/^answered .*, 30 min after the target$/);
    expect(line('Resolution')?.textContent).toMatch(/^resolved .*, 1 h after the target$/);
    expect(line('Resolution')?.className).toContain('sla-clock-overdue');
    expect(panel().textContent).not.toContain('Paused');
  });

  it('a ticket closed without being resolved: the resolution clock stopped at closing', () => {
    renderWithI18n(
      <SlaPanel
        ticket={ticket({
          status: 'closed',
          slaState: 'met',
          firstRespondedAt: '2026-11-22T08:10:00.000Z',
          pausedAt: '2026-11-22T11:00:00.000Z',
        })}
      />,
    );
    expect(line('Resolution')?.textContent).toMatch(/^clock stopped .*, target not reached$/);
    expect(panel().textContent).not.toContain('Paused');
  });

  it('waiting for the customer: paused, with the time left kept', () => {
    renderWithI18n(
      <SlaPanel
        ticket={ticket({
          status: 'waiting_for_customer',
          slaState: 'paused',
          firstRespondedAt: '2026-11-22T08:20:00.000Z',
          pausedAt: '2026-11-22T12:00:00.000Z',
        })}
      />,
    );
    expect(line('Resolution')?.textContent).toBe('due in 4 h');
    expect(panel().textContent).toContain('the clock waits for the customer');
  });

  it('reopened (in progress again, pause lifted): the clock runs', () => {
    renderWithI18n(
      <SlaPanel
        ticket={ticket({
          status: 'in_progress',
          slaState: 'running',
          firstRespondedAt: '2026-11-22T08:20:00.000Z',
          resolutionDueAt: new Date(Date.now() + 3 * 3600_000 + 30_000).toISOString(),
        })}
      />,
    );
    expect(line('Resolution')?.textContent).toBe('due in 3 h');
    expect(line('Resolution')?.className).toContain('sla-clock-running');
    expect(panel().textContent).not.toContain('Paused');
  });
});
