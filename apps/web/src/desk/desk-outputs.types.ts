import type { inferOutput } from '@trpc/tanstack-react-query';
import type { useTRPC } from '../api/trpc.ts';

/** What the inbox and ticket page procedures answer, inferred from the router type (no server code crosses). */
type Api = ReturnType<typeof useTRPC>;

export type InboxAnswer = inferOutput<Api['inbox']['queues']>;
export type InboxItem = InboxAnswer['items'][number];
export type InboxQueue = InboxAnswer['queue'];
export type TicketTimeline = inferOutput<Api['tickets']['timeline']>;
export type TimelineEntry = TicketTimeline['entries'][number];
export type FlowExplanation = NonNullable<inferOutput<Api['tickets']['explanation']>>;
export type TicketCustomerProfile = NonNullable<inferOutput<Api['tickets']['customerProfile']>>;
export type TicketDetail = inferOutput<Api['tickets']['get']>;
