import type { User } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideApproval } from '../approvals/approval-decisions.ts';
import {
  edge,
  emailRequest,
  graph,
  type HarnessWithSink,
  type HttpSink,
  node,
  type RuntimeHarness,
  requestTicketNodes,
  sequentialIds,
  startHarnessWithSink,
  webhookNode,
} from './runtime-test-kit.ts';

const HOUR = 60 * 60 * 1000;

function user(id: string, role: User['role']): User {
  return {
    id,
    email: `${id}@example.cn`,
    name: id,
    role,
    passwordHash: 'x',
    locale: 'zh-CN',
    createdAt: '2026-01-01T00:00:00.000Z',
    deactivatedAt: null,
    mustChangePassword: false,
  };
}

const supervisor = user('u-sup', 'supervisor');
const agent = user('u-agent', 'agent');

/** "Ask for approval" parks a refund until a person decides; the decision resumes the pinned version. */
describe('flows that ask for approval', () => {
  let setup: HarnessWithSink;
  let harness: RuntimeHarness;
  let sink: HttpSink;
  let url: string;

  beforeEach(async () => {
    setup = await startHarnessWithSink();
    ({ harness, sink, url } = setup);
  });
  afterEach(() => setup.close());

  const request = emailRequest({
    subject: '退款 {{ 7*7 }}',
    message: '订单 8812 要退款',
    customFields: { amount: 1250 },
  });

  /** request → ticket → ask after-sales (2 h) → a webhook per outcome, its body naming the version. */
  const refundFlow = (version: string, onTimeout = 'timed_out') =>
    graph(
      [
        ...requestTicketNodes(),
        node('approve', 'timing.ask_approval', {
          decider: 'after-sales',
          question: '同意为「{{ request.subject }}」退款 {{ request.customFields.amount }} 吗？',
          facts: ['request.customFields.amount', 'request.subject', 'ticket.number'],
          timeout: { amount: 2, unit: 'hours' },
          onTimeout,
        }),
        webhookNode('refund', `${url}/approved`, `${version}|{{ approval.decision }}|{{ approval.note }}`),
        webhookNode('decline', `${url}/rejected`, `${version}|{{ approval.decision }}`),
        webhookNode('late', `${url}/late`, `${version}|{{ approval.decision }}`),
      ],
      [
        edge('start', 'next', 'ticket'),
        edge('ticket', 'next', 'approve'),
        edge('approve', 'approved', 'refund'),
        edge('approve', 'rejected', 'decline'),
        edge('approve', 'timed_out', 'late'),
      ],
    );

  const bodies = (path: string) =>
    sink.received.filter((hook) => hook.path === path).map((hook) => JSON.parse(hook.body).body);

  async function startWaiting(onTimeout?: string) {
    await harness.publish('refunds', refundFlow('v1', onTimeout));
    const { executionIds } = await harness.runtime.intake(request, { apiKeyId: 'k' });
    const executionId = executionIds[0] as string;
    expect((await harness.store.executions.get(executionId))?.status).toBe('waiting');
    const [pending] = await harness.store.approvals.listPending({ workspaceId: 'default' });
    if (!pending) throw new Error('no approval request was stored');
    return { executionId, pending };
  }

  const decide = (by: User, id: string, decision: 'approved' | 'rejected', note = '') =>
    decideApproval({ store: harness.store, clock: harness.clock, ids: sequentialIds('decision') }, by, {
      id,
      decision,
      note,
    });

  it('stores the request with the question and facts, and the decision resumes the pinned version', async () => {
    const { executionId, pending } = await startWaiting();
    const ticket = await harness.store.tickets.get(pending.ticketId ?? '');
    expect(pending).toMatchObject({
      executionId,
      flowId: 'refunds',
      version: 1,
      nodeId: 'approve',
      decider: { kind: 'team', teamId: 'after-sales' },
      // The customer's template-looking subject stays text.
      question: '同意为「退款 {{ 7*7 }}」退款 1250 吗？',
      facts: [
        { path: 'request.customFields.amount', value: 1250 },
        { path: 'request.subject', value: '退款 {{ 7*7 }}' },
        { path: 'ticket.number', value: ticket?.number },
      ],
      status: 'pending',
      ticketNumber: ticket?.number,
    });

    // The deciding team is told in its inbox, linked to the ticket.
    const inbox = await harness.store.inAppMessages.listFor('team', 'after-sales');
    expect(inbox).toMatchObject([{ ticketId: ticket?.id, subject: ticket?.number }]);
    expect(inbox[0]?.body).toContain('Approval requested: 同意为');

    // A newer version is published while the execution waits: it finishes on version 1.
    expect(await harness.publish('refunds', refundFlow('v2'))).toBe(2);
    harness.clock.advance(HOUR);
    await decide(supervisor, pending.id, 'approved', '金额核对无误');
    await harness.drain();

    expect(bodies('/approved')).toEqual(['v1|approved|金额核对无误']);
    expect(bodies('/rejected')).toEqual([]);
    const execution = await harness.store.executions.get(executionId);
    expect(execution).toMatchObject({ status: 'completed', version: 1 });
    const steps = await harness.store.executions.listSteps(executionId);
    expect(steps.find((step) => step.nodeId === 'approve')?.port).toBe('approved');
    expect(await harness.store.approvals.get(pending.id)).toMatchObject({
      status: 'approved',
      decidedBy: 'u-sup',
      note: '金额核对无误',
    });
    expect(await harness.store.approvals.countPending({ workspaceId: 'default' })).toBe(0);
  });

  it('goes on by Rejected, lets a member of the team decide, and refuses a second decision', async () => {
    const { executionId, pending } = await startWaiting();
    await harness.store.agents.create({
      id: 'agent-li',
      workspaceId: 'default',
      userId: agent.id,
      name: '李',
      teams: ['after-sales'],
      skills: [],
      capacity: 5,
      online: true,
      activeCount: 0,
      lastAssignedAt: null,
    });
    await decide(agent, pending.id, 'rejected');
    await expect(decide(supervisor, pending.id, 'approved')).rejects.toMatchObject({
      kind: 'conflict',
      code: 'approval_already_decided',
    });
    await harness.drain();
    expect(bodies('/rejected')).toEqual(['v1|rejected']);
    expect(bodies('/approved')).toEqual([]);
    expect((await harness.store.executions.get(executionId))?.status).toBe('completed');
  });

  it('refuses an agent outside the deciding team, and changes nothing', async () => {
    const { executionId, pending } = await startWaiting();
    await expect(decide(agent, pending.id, 'approved')).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'approval_not_yours',
    });
    expect((await harness.store.approvals.get(pending.id))?.status).toBe('pending');
    await harness.drain();
    expect((await harness.store.executions.get(executionId))?.status).toBe('waiting');
  });

  it('takes Timed out when nobody decides, and the request leaves the queue', async () => {
    const { executionId, pending } = await startWaiting();
    harness.clock.advance(2 * HOUR + 1000);
    await harness.drain();
    expect(bodies('/late')).toEqual(['v1|timed_out']);
    expect((await harness.store.executions.get(executionId))?.status).toBe('completed');
    expect((await harness.store.approvals.get(pending.id))?.status).toBe('timed_out');
    await expect(decide(supervisor, pending.id, 'approved')).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('counts a timeout as rejected when the step says so', async () => {
    await startWaiting('rejected');
    harness.clock.advance(2 * HOUR + 1000);
    await harness.drain();
    expect(bodies('/rejected')).toEqual(['v1|rejected']);
  });
});
