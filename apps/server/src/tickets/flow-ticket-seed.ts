import { createTicket } from '@flowdesk/desk';
import type { FlowGraph, LocalizedText } from '@flowdesk/model';
import type { Store, Ticket } from '@flowdesk/store';
import type { AppServices } from '../app-deps.ts';
import { inDesk } from './ticket-actions.ts';

/**
 * A ticket as a flow hands it over, for the inbox and ticket-page tests (tRPC
 * and browser): the after-sales team with two agents, a VIP customer, a
 * published "Returns triage" flow whose execution classified the request with
 * low confidence and created the ticket from its low-confidence port. The
 * execution's step log is written as the runtime writes it. Only imported by tests.
 */

export const FLOW_SEED = {
  flowId: 'flow-returns',
  executionId: 'exec-returns-1',
  teamId: 'after_sales',
  customerId: 'cust-vip',
  phone: '+8613812345678',
  email: 'zhao@example.cn',
} as const;

const SETTINGS = { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN' as const, variables: [] };

const GRAPH: FlowGraph = {
  nodes: [
    { id: 'trigger', type: 'trigger.request_received', config: { channels: [] }, position: { x: 0, y: 0 } },
    {
      id: 'classify',
      type: 'logic.classify',
      config: {
        categories: [{ id: 'returns', label: { 'zh-CN': '退换货', en: 'Returns' }, keywords: ['退货'] }],
      },
      position: { x: 240, y: 0 },
      label: 'Sort the request',
    },
    {
      id: 'create',
      type: 'action.create_ticket',
      config: {},
      position: { x: 480, y: 0 },
      label: 'Hand to after-sales',
    },
  ],
  edges: [],
  settings: SETTINGS,
};

export interface SeedAgent {
  id: string;
  userId: string;
  name: string;
}

export async function seedFlowTicket(
  store: Store,
  services: AppServices,
  agents: readonly SeedAgent[],
  now: Date,
  /** The flow's names in both languages, as a template's flow has them. */
  options: { localizedName?: LocalizedText } = {},
): Promise<Ticket> {
  const at = now.toISOString();
  await store.teams.put({
    id: FLOW_SEED.teamId,
    workspaceId: 'default',
    name: { 'zh-CN': '售后', en: 'After-sales' },
    skills: [],
    calendar: null,
    supervisorQueue: null,
  });
  await store.slaPolicies.put({
    id: 'standard',
    workspaceId: 'default',
    name: 'Standard',
    match: {},
    firstResponseMinutes: 30,
    resolutionMinutes: 240,
    warnAtShare: 0.8,
    order: 1,
    calendar: null,
  });
  for (const agent of agents) {
    await store.agents.create({
      ...agent,
      workspaceId: 'default',
      teams: [FLOW_SEED.teamId],
      skills: [],
      capacity: 5,
      // Offline, so the routing leaves the ticket in the team queue for someone to claim.
      online: false,
      activeCount: 0,
      lastAssignedAt: null,
    });
  }
  await store.customers.create({
    id: FLOW_SEED.customerId,
    workspaceId: 'default',
    name: '赵敏',
    vipLevel: 2,
    tags: ['repeat_buyer'],
    identities: [
      { kind: 'phone', value: FLOW_SEED.phone },
      { kind: 'email', value: FLOW_SEED.email },
    ],
    now: at,
  });
  await store.flows.create({
    id: FLOW_SEED.flowId,
    workspaceId: 'default',
    name: 'Returns triage',
    ...(options.localizedName ? { localizedName: options.localizedName } : {}),
    draft: GRAPH,
    createdBy: 'seed',
    now: at,
  });
  await store.versions.publish(FLOW_SEED.flowId, GRAPH, 'seed', 'seed', at);
  await store.executions.create({
    id: FLOW_SEED.executionId,
    flowId: FLOW_SEED.flowId,
    version: 1,
    status: 'completed',
    state: {},
    startedAt: at,
    finishedAt: at,
  });
  const step = (seq: number, nodeId: string, nodeType: string, output: object, port: string | null) => ({
    seq,
    nodeId,
    nodeType,
    visit: 1,
    input: {},
    output: output as never,
    port,
    startedAt: at,
    finishedAt: at,
  });
  await store.executions.appendSteps(FLOW_SEED.executionId, [
    step(1, 'trigger', 'trigger.request_received', {}, 'next'),
    step(
      2,
      'classify',
      'logic.classify',
      { classification: { category: 'returns', confidence: 0.42, source: 'model', threshold: 0.7 } },
      'low_confidence',
    ),
    step(3, 'create', 'action.create_ticket', { ticket: { number: 'pending' } }, 'next'),
  ]);
  return inDesk(services, async (scope) => {
    const result = await createTicket(
      scope,
      {
        title: '退货：尺码不合适',
        description: '我买的鞋子尺码不合适，想退货，电话 13812345678',
        channel: 'email',
        priority: 'high',
        team: FLOW_SEED.teamId,
        customerId: FLOW_SEED.customerId,
        createdByKey: `${FLOW_SEED.executionId}:create:1`,
      },
      { actor: { kind: 'execution', id: FLOW_SEED.executionId } },
    );
    if (!result.ok) throw new Error(result.error.message.en);
    return result.value.ticket;
  });
}
