import type { Store, Ticket } from '@flowdesk/store';

/** Tickets written straight into the store for report tests: only what the KPIs read, the rest defaults. */
export interface SeedTicket {
  id: string;
  createdAt: string;
  channel?: string;
  category?: string | null;
  team?: string | null;
  /** A flow step's key (`executionId:nodeId:visit`): the ticket counts as a flow ticket. */
  createdByKey?: string | null;
  status?: Ticket['status'];
  resolvedAt?: string | null;
}

export async function seedReportTickets(store: Store, tickets: readonly SeedTicket[]): Promise<Ticket[]> {
  const created: Ticket[] = [];
  for (const [index, seed] of tickets.entries()) {
    created.push(
      await store.tickets.create({
        id: seed.id,
        number: `CS${seed.createdAt.slice(0, 10).replace(/-/g, '')}${String(index + 1).padStart(4, '0')}`,
        workspaceId: 'default',
        title: `Report seed ${seed.id}`,
        description: '',
        channel: seed.channel ?? 'web_form',
        category: seed.category ?? null,
        priority: 'medium',
        status: seed.status ?? 'new',
        team: seed.team ?? null,
        assignee: null,
        customerId: null,
        vipLevel: 0,
        customFields: {},
        tags: [],
        solution: null,
        slaPolicyId: null,
        firstResponseDueAt: null,
        resolutionDueAt: null,
        firstRespondedAt: null,
        pausedAt: null,
        pausedMs: 0,
        slaState: 'none',
        slaRevision: 0,
        createdByKey: seed.createdByKey ?? null,
        createdAt: seed.createdAt,
        updatedAt: seed.createdAt,
        resolvedAt: seed.resolvedAt ?? null,
        closedAt: null,
      }),
    );
  }
  return created;
}
