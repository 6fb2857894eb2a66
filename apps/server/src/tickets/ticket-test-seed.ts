import { createTicket } from '@flowdesk/desk';
import type { Ticket } from '@flowdesk/store';
import type { TestBed } from '../testing/server-test-kit.ts';
import { inDesk } from './ticket-actions.ts';

/**
 * A small service desk for the ticket API tests: the after-sales team, agent
 * Li (linked to the bed's agent user), a customer with phone and email, and one
 * new email ticket waiting in the team queue. Only imported by tests.
 */
export async function seedDesk(bed: TestBed, channel = 'email'): Promise<Ticket> {
  const { store } = bed;
  await store.teams.put({
    id: 'after_sales',
    workspaceId: 'default',
    name: { 'zh-CN': '售后', en: 'After-sales' },
    skills: [],
    calendar: null,
    supervisorQueue: null,
  });
  await store.agents.create({
    id: 'agent-li',
    workspaceId: 'default',
    userId: bed.users.agent.id,
    name: '李娜',
    teams: ['after_sales'],
    skills: [],
    capacity: 5,
    online: true,
    activeCount: 0,
    lastAssignedAt: null,
  });
  await store.customers.create({
    id: 'cust-1',
    workspaceId: 'default',
    name: '王小明',
    identities: [
      { kind: 'phone', value: '+8613812345678' },
      { kind: 'email', value: 'wang@example.cn' },
    ],
    now: bed.clock.now().toISOString(),
  });
  return inDesk(bed.services, async (scope) => {
    const result = await createTicket(
      scope,
      {
        title: '鞋子尺码不对，想退货',
        description: '鞋子尺码不对，想退货',
        channel,
        priority: 'medium',
        team: 'after_sales',
        customerId: 'cust-1',
      },
      { actor: { kind: 'execution', id: 'exec-seed' } },
    );
    if (!result.ok) throw new Error(result.error.message.en);
    return result.value.ticket;
  });
}
