import type { NewApprovalRequest } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
  await bed.store.agents.create({
    id: 'agent-li',
    workspaceId: 'default',
    userId: bed.users.agent.id,
    name: '李',
    teams: ['after-sales'],
    skills: [],
    capacity: 5,
    online: true,
    activeCount: 0,
    lastAssignedAt: null,
  });
});
afterEach(async () => {
  await bed.close();
});

const NOW = '2026-11-22T08:00:00.000Z';

function request(id: string, decider: NewApprovalRequest['decider']): NewApprovalRequest {
  return {
    id,
    workspaceId: 'default',
    executionId: `exec-${id}`,
    seq: 2,
    flowId: 'refunds',
    version: 3,
    nodeId: 'approve',
    ticketId: 't1',
    ticketNumber: 'CS20261122001',
    decider,
    question: '同意退款 1250 吗？',
    facts: [{ path: 'request.customFields.amount', value: 1250 }],
    createdAt: NOW,
    timeoutAt: '2026-11-23T08:00:00.000Z',
  };
}

async function seed() {
  await bed.store.approvals.create(request('team-one', { kind: 'team', teamId: 'after-sales' }));
  await bed.store.approvals.create(request('other-team', { kind: 'team', teamId: 'billing' }));
  await bed.store.approvals.create(request('for-supervisors', { kind: 'supervisor' }));
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; cause: { code: string; messages: { 'zh-CN': string; en: string } } };
  }
  throw new Error('expected a refusal');
}

describe('approvals', () => {
  it('lists pending requests with their facts: supervisors and admins all, agents their teams', async () => {
    await seed();
    const supervisor = await bed.callerAs(bed.users.supervisor).approvals.list();
    expect(supervisor.map((item) => item.id).sort()).toEqual(['for-supervisors', 'other-team', 'team-one']);
    expect(supervisor.find((item) => item.id === 'team-one')).toMatchObject({
      question: '同意退款 1250 吗？',
      facts: [{ path: 'request.customFields.amount', value: 1250 }],
      version: 3,
      flowName: 'refunds',
      mayDecide: true,
    });
    expect(await bed.callerAs(bed.users.admin).approvals.count()).toBe(3);
    const agent = bed.callerAs(bed.users.agent).approvals;
    expect((await agent.list()).map((item) => item.id)).toEqual(['team-one']);
    expect(await agent.count()).toBe(1);
    for (const role of ['viewer', 'editor'] as const) {
      await expect(bed.callerAs(bed.users[role]).approvals.list()).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(
        bed.callerAs(bed.users[role]).approvals.decide({ id: 'team-one', decision: 'approved' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('lists one ticket’s pending requests for its page, as the queue shows them to each role', async () => {
    await seed();
    await bed.store.approvals.create({ ...request('elsewhere', { kind: 'supervisor' }), ticketId: 't2' });
    const supervisor = await bed.callerAs(bed.users.supervisor).approvals.forTicket({ ticketId: 't1' });
    expect(supervisor.map((item) => item.id).sort()).toEqual(['for-supervisors', 'other-team', 'team-one']);
    expect(supervisor.every((item) => item.mayDecide && item.flowName === 'refunds')).toBe(true);
    const agent = await bed.callerAs(bed.users.agent).approvals.forTicket({ ticketId: 't1' });
    expect(agent.map((item) => [item.id, item.mayDecide])).toEqual([['team-one', true]]);
    expect(await bed.callerAs(bed.users.agent).approvals.forTicket({ ticketId: 't2' })).toEqual([]);
    for (const role of ['viewer', 'editor'] as const) {
      await expect(
        bed.callerAs(bed.users[role]).approvals.forTicket({ ticketId: 't1' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(bed.callerAs(bed.users.admin).approvals.forTicket({ ticketId: '' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('records a decision once, enqueues the resume and audits it; a second decision is a translated conflict', async () => {
    await seed();
    const agent = bed.callerAs(bed.users.agent).approvals;
    const decided = await agent.decide({ id: 'team-one', decision: 'approved', note: ' 核对无误 ' });
    expect(decided).toMatchObject({ status: 'approved', decidedBy: bed.users.agent.id, note: '核对无误' });
    const jobs = await bed.store.jobs.list({ kind: 'execution.approval' });
    expect(jobs.map((job) => job.payload)).toEqual([
      { executionId: 'exec-team-one', seq: 2, approvalId: 'team-one' },
    ]);
    const audit = await bed.store.audit.list({ action: 'approval.approved' });
    expect(audit.items).toMatchObject([
      {
        target: 'team-one',
        actor: { id: bed.users.agent.id },
        details: { executionId: 'exec-team-one', version: 3 },
      },
    ]);

    const again = await failure(
      bed.callerAs(bed.users.supervisor).approvals.decide({ id: 'team-one', decision: 'rejected' }),
    );
    expect(again.code).toBe('CONFLICT');
    expect(again.cause.code).toBe('approval_already_decided');
    expect(again.cause.messages['zh-CN']).toContain('已批准');
    expect(again.cause.messages.en).toContain('already approved');
    expect((await bed.store.approvals.get('team-one'))?.status).toBe('approved');
    expect(await bed.store.jobs.list({ kind: 'execution.approval' })).toHaveLength(1);
    expect(await agent.count()).toBe(0);
  });

  it('refuses what the caller may not decide, unknown requests and bad input, changing nothing', async () => {
    await seed();
    const agent = bed.callerAs(bed.users.agent).approvals;
    const notYours = await failure(agent.decide({ id: 'for-supervisors', decision: 'approved' }));
    expect(notYours.code).toBe('FORBIDDEN');
    expect(notYours.cause.messages['zh-CN']).toContain('主管');
    await expect(agent.decide({ id: 'other-team', decision: 'rejected' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(agent.decide({ id: 'nope', decision: 'approved' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(agent.decide({ id: 'team-one', decision: 'maybe' as 'approved' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await bed.store.approvals.countPending({ workspaceId: 'default' })).toBe(3);
    expect(await bed.store.jobs.list({ kind: 'execution.approval' })).toEqual([]);
    // The supervisors decide their own requests and any team's.
    const supervisor = bed.callerAs(bed.users.supervisor).approvals;
    await supervisor.decide({ id: 'for-supervisors', decision: 'rejected', note: '超出额度' });
    await supervisor.decide({ id: 'other-team', decision: 'approved' });
    expect(await supervisor.count()).toBe(1);
  });
});

describe('notifications', () => {
  const message = (id: string, recipientKind: 'agent' | 'team', recipientId: string, createdAt: string) =>
    bed.store.inAppMessages.create({
      id,
      workspaceId: 'default',
      recipientKind,
      recipientId,
      subject: `CS2026112200${id.slice(-1)}`,
      body: '客户 24 小时未回复',
      idempotencyKey: null,
      ticketId: `ticket-${id}`,
      createdAt,
    });

  it("lists the user's and their teams' reminders with their tickets, counts and marks them read", async () => {
    await message('m1', 'agent', 'agent-li', '2026-11-22T08:00:00.000Z');
    await message('m2', 'team', 'after-sales', '2026-11-22T09:00:00.000Z');
    await message('m3', 'team', 'billing', '2026-11-22T10:00:00.000Z');
    const agent = bed.callerAs(bed.users.agent).notifications;
    const listed = await agent.list();
    expect(listed.map((entry) => [entry.id, entry.ticketId])).toEqual([
      ['m2', 'ticket-m2'],
      ['m1', 'ticket-m1'],
    ]);
    expect(await agent.unreadCount()).toBe(2);
    await expect(agent.markRead({ id: 'm3' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(agent.markRead({ id: 'missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await agent.markRead({ id: 'm1' })).toEqual({ id: 'm1', read: true });
    expect(await agent.unreadCount()).toBe(1);
    expect((await agent.list({ unreadOnly: true })).map((entry) => entry.id)).toEqual(['m2']);
    expect(await agent.markAllRead()).toEqual({ marked: 1 });
    expect(await agent.unreadCount()).toBe(0);
    // Billing's message is untouched, and a viewer without an agent profile has an empty inbox.
    expect((await bed.store.inAppMessages.get('m3'))?.readAt).toBeNull();
    const viewer = bed.callerAs(bed.users.viewer).notifications;
    expect(await viewer.list()).toEqual([]);
    expect(await viewer.unreadCount()).toBe(0);
  });
});
