import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, queueInput } from './inbox-filters.tsx';

describe('queueInput', () => {
  it('sends only the filters the agent set, trimmed', () => {
    expect(queueInput('team', EMPTY_FILTERS)).toEqual({
      queue: 'team',
      search: undefined,
      customer: undefined,
      category: undefined,
      channel: undefined,
      priority: undefined,
      slaState: undefined,
    });
    expect(
      queueInput('overdue', {
        ...EMPTY_FILTERS,
        customer: ' 5678 ',
        priority: 'urgent',
        slaState: 'breached',
        search: '  ',
      }),
    ).toMatchObject({
      queue: 'overdue',
      customer: '5678',
      priority: 'urgent',
      slaState: 'breached',
      search: undefined,
    });
  });
});
