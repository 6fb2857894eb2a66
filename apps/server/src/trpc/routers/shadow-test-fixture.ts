import type { FlowGraph } from '@flowdesk/model';
import type { TestBed } from '../../testing/server-test-kit.ts';

/** The shadow-run tests' flow, teams and past requests (tests only). */

const SETTINGS = { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN' as const, variables: [] };
const at = { x: 0, y: 0 };

/** Requests whose message holds the keyword go to the VIP team, the rest to after-sales. */
export function routing(keyword: string): FlowGraph {
  const ticket = (id: string, team: string) => ({
    id,
    type: 'action.create_ticket',
    config: { title: '{{ request.message }}', description: '', priority: 'medium', team, customFields: {} },
    position: at,
  });
  return {
    nodes: [
      { id: 'start', type: 'trigger.request_received', config: { channels: [] }, position: at },
      {
        id: 'is-vip',
        type: 'logic.condition',
        config: {
          mode: 'rules',
          rules: {
            kind: 'group',
            combinator: 'all',
            children: [{ kind: 'rule', field: 'request.message', operator: 'contains', value: keyword }],
          },
        },
        position: at,
      },
      ticket('vip-ticket', 'vip'),
      ticket('normal-ticket', 'after-sales'),
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'is-vip' },
      { id: 'e2', source: 'is-vip', sourcePort: 'true', target: 'vip-ticket' },
      { id: 'e3', source: 'is-vip', sourcePort: 'false', target: 'normal-ticket' },
    ],
    settings: SETTINGS,
  };
}

/** A finished past execution of the flow, as intake would have stored it: the request is in its data. */
export async function pastRequest(bed: TestBed, id: string, message: string, startedAt: string) {
  await bed.store.executions.create({
    id,
    flowId: 'returns',
    version: 1,
    status: 'completed',
    state: {
      executionId: id,
      flowId: 'returns',
      version: 1,
      status: 'completed',
      data: {
        variables: {},
        request: {
          id: `req-${id}`,
          channel: 'web_form',
          message,
          customer: { name: '李娜', phone: '13812345678' },
          receivedAt: startedAt,
        },
      },
      cursor: { nodeId: 'start', visit: 1 },
      seq: 0,
      stepSeq: 0,
      visits: {},
      pending: null,
      startedAt,
      updatedAt: startedAt,
      finishedAt: startedAt,
    },
    startedAt,
    finishedAt: startedAt,
  });
}

/**
 * The `returns` flow published as v1 (its draft the same), the VIP and
 * after-sales teams, and one past request per message, an hour apart.
 */
export async function seedReturns(bed: TestBed, messages = ['金卡 退款', '退款', '发票', '退款进度']) {
  for (const id of ['vip', 'after-sales']) {
    await bed.store.teams.put({
      id,
      workspaceId: 'default',
      name: { 'zh-CN': id, en: id === 'vip' ? 'VIP team' : 'After-sales' },
      skills: [],
      calendar: null,
      supervisorQueue: null,
    });
  }
  const now = bed.clock.now().toISOString();
  await bed.store.flows.create({
    id: 'returns',
    workspaceId: 'default',
    name: 'Returns',
    draft: routing('金卡'),
    createdBy: 'user-editor',
    now,
  });
  await bed.store.versions.publish('returns', routing('金卡'), 'v1', 'user-editor', now);
  for (const [index, message] of messages.entries()) {
    const startedAt = new Date(Date.UTC(2026, 10, 21) + index * 3_600_000).toISOString();
    await pastRequest(bed, `exec-${index}`, message, startedAt);
  }
}

export async function changeDraft(bed: TestBed, keyword: string) {
  const flow = await bed.store.flows.get('returns');
  await bed.store.flows.updateDraft(
    'returns',
    routing(keyword),
    flow?.draftRevision ?? 1,
    'user-editor',
    bed.clock.now().toISOString(),
  );
}
