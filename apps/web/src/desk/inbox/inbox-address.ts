import { PRIORITIES } from '@flowdesk/model';
import type { InboxQueue } from '../desk-outputs.types.ts';
import { EMPTY_FILTERS, type InboxFilterValues, SLA_STATE_VALUES } from './inbox-filters.tsx';

/**
 * The inbox's queue and filters live in its address (`/inbox?queue=team&priority=high`),
 * so a ticket opened from it comes back to the same list and a reload keeps it.
 */

export const INBOX_QUEUES: readonly InboxQueue[] = [
  'mine',
  'team',
  'pending_confirmation',
  'waiting_for_customer',
  'overdue',
];

const TEXT_KEYS = ['search', 'customer', 'category', 'channel'] as const;

export function readInboxAddress(params: URLSearchParams): { queue: InboxQueue; filters: InboxFilterValues } {
  const queue = INBOX_QUEUES.find((id) => id === params.get('queue')) ?? 'mine';
  const filters: InboxFilterValues = { ...EMPTY_FILTERS };
  for (const key of TEXT_KEYS) filters[key] = (params.get(key) ?? '').slice(0, 200);
  const priority = PRIORITIES.values.find((value) => value === params.get('priority'));
  if (priority) filters.priority = priority;
  const sla = SLA_STATE_VALUES.find((state) => state === params.get('sla'));
  if (sla) filters.slaState = sla;
  return { queue, filters };
}

/** Only what differs from the default list goes into the address. */
export function inboxParams(queue: InboxQueue, filters: InboxFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  if (queue !== 'mine') params.set('queue', queue);
  for (const key of TEXT_KEYS) if (filters[key]) params.set(key, filters[key]);
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.slaState) params.set('sla', filters.slaState);
  return params;
}
