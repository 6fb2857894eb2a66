import { describe, expect, it } from 'vitest';
import { inboxParams, readInboxAddress } from './inbox-address.ts';
import { EMPTY_FILTERS } from './inbox-filters.tsx';

describe('the inbox address', () => {
  it('keeps the queue and the filters set, and reads them back', () => {
    const filters = {
      ...EMPTY_FILTERS,
      search: 'CS2026',
      priority: 'high' as const,
      slaState: 'breached' as const,
    };
    const params = inboxParams('overdue', filters);
    expect(params.toString()).toBe('queue=overdue&search=CS2026&priority=high&sla=breached');
    expect(readInboxAddress(new URLSearchParams(params.toString()))).toEqual({ queue: 'overdue', filters });
  });

  it('is empty for the default list, and ignores values it does not know', () => {
    expect(inboxParams('mine', EMPTY_FILTERS).toString()).toBe('');
    expect(readInboxAddress(new URLSearchParams('queue=everything&priority=huge&sla=x'))).toEqual({
      queue: 'mine',
      filters: EMPTY_FILTERS,
    });
  });
});
