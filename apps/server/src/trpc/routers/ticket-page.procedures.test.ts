import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';
import { FLOW_SEED, seedFlowTicket } from '../../tickets/flow-ticket-seed.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

async function seed() {
  return seedFlowTicket(
    bed.store,
    bed.services,
    [{ id: 'agent-li', userId: bed.users.agent.id, name: '李娜' }],
    bed.clock.now(),
  );
}

/** A survey the customer answered, as the survey page records it. */
async function answeredSurvey(ticketId: string, score: number, comment: string | null) {
  const at = bed.clock.now().toISOString();
  await bed.store.surveys.create({
    id: `survey-${score}`,
    workspaceId: 'default',
    tokenHash: `hash-${score}`,
    kind: 'csat',
    ticketId,
    customerId: FLOW_SEED.customerId,
    executionId: null,
    channel: 'email',
    locale: 'zh-CN',
    question: '',
    createdAt: at,
    expiresAt: '2027-01-01T00:00:00.000Z',
  });
  await bed.store.surveys.answer(`survey-${score}`, { score, comment, answeredAt: at });
}

describe('tickets.timeline', () => {
  it('merges the request, changes, replies, notes and the survey answer, oldest first', async () => {
    const ticket = await seed();
    const agent = bed.callerAs(bed.users.agent).tickets;
    bed.clock.advance(60_000);
    await agent.claim({ id: ticket.id });
    bed.clock.advance(60_000);
    await agent.addNote({ id: ticket.id, body: '老客户，先退款' });
    bed.clock.advance(60_000);
    await agent.reply({ id: ticket.id, body: '您好，已安排退货。' });
    bed.clock.advance(60_000);
    await agent.changePriority({ id: ticket.id, priority: 'urgent' });
    bed.clock.advance(60_000);
    await answeredSurvey(ticket.id, 5, '很快');

    const timeline = await agent.timeline({ id: ticket.id });
    expect(timeline.truncated).toBe(false);
    const kinds = timeline.entries.map((entry) =>
      entry.kind === 'change' ? `change:${entry.field}` : entry.kind,
    );
    expect(kinds[0]).toBe('created');
    expect(kinds).toEqual(
      expect.arrayContaining(['change:assignee', 'note', 'agent_reply', 'change:priority', 'survey_answer']),
    );
    expect(kinds.indexOf('note')).toBeLessThan(kinds.indexOf('agent_reply'));
    expect(kinds.at(-1)).toBe('survey_answer');
    expect(timeline.entries[0]).toMatchObject({
      kind: 'created',
      // Contacts the customer wrote into their message are masked in every answer, too.
      body: '我买的鞋子尺码不合适，想退货，电话 *******5678',
      actor: { kind: 'execution', name: 'Returns triage v1' },
    });
    expect(timeline.entries.find((entry) => entry.kind === 'agent_reply')).toMatchObject({
      body: '您好，已安排退货。',
      actor: { kind: 'user', name: bed.users.agent.name },
    });
    expect(timeline.entries.at(-1)).toMatchObject({ score: 5, comment: '很快' });
    expect(
      timeline.entries.find((entry) => entry.kind === 'change' && entry.field === 'assignee'),
    ).toMatchObject({
      from: null,
      to: '李娜',
    });
  });

  it('names a template flow as an actor in both languages, with its version', async () => {
    const ticket = await seedFlowTicket(
      bed.store,
      bed.services,
      [{ id: 'agent-li', userId: bed.users.agent.id, name: '李娜' }],
      bed.clock.now(),
      { localizedName: { 'zh-CN': '退货分拣', en: 'Returns triage' } },
    );
    const timeline = await bed.callerAs(bed.users.agent).tickets.timeline({ id: ticket.id });
    expect(timeline.entries[0]?.actor).toEqual({
      kind: 'execution',
      id: FLOW_SEED.executionId,
      name: 'Returns triage v1',
      localizedName: { 'zh-CN': '退货分拣 v1', en: 'Returns triage v1' },
    });
  });

  it('shows the flow’s own email reply, named after the flow that sent it', async () => {
    const ticket = await seed();
    const at = bed.clock.now().toISOString();
    await bed.store.conversations.create({
      id: 'conv-mail',
      workspaceId: 'default',
      channel: 'email',
      customerKey: FLOW_SEED.email,
      ticketId: null,
      tokenHash: null,
      createdAt: at,
      updatedAt: at,
    });
    await bed.store.conversations.linkTicket('conv-mail', ticket.id, at);
    await bed.store.conversations.appendMessage({
      id: `reply:${FLOW_SEED.executionId}:ack:1`,
      conversationId: 'conv-mail',
      direction: 'out',
      author: 'flow',
      body: '已收到您的邮件',
      externalId: '<ack@flowdesk>',
      createdAt: at,
    });
    const timeline = await bed.callerAs(bed.users.agent).tickets.timeline({ id: ticket.id });
    expect(timeline.entries.filter((entry) => entry.kind === 'flow_reply')).toEqual([
      {
        kind: 'flow_reply',
        at,
        actor: { kind: 'execution', id: FLOW_SEED.executionId, name: 'Returns triage v1' },
        body: '已收到您的邮件',
        channel: 'email',
      },
    ]);
  });

  it('names the teams of a team change in both languages, not by their ids', async () => {
    const ticket = await seed();
    await bed.store.teams.put({
      id: 'complaints',
      workspaceId: 'default',
      name: { 'zh-CN': '投诉专席', en: 'Complaints desk' },
      skills: [],
      calendar: null,
      supervisorQueue: null,
    });
    bed.clock.advance(60_000);
    await bed
      .callerAs(bed.users.agent)
      .tickets.assign({ id: ticket.id, to: { target: 'team', teamId: 'complaints' } });
    const timeline = await bed.callerAs(bed.users.agent).tickets.timeline({ id: ticket.id });
    const moved = timeline.entries.filter((entry) => entry.kind === 'change' && entry.field === 'team');
    expect(moved.at(-1)).toMatchObject({
      from: { 'zh-CN': '售后', en: 'After-sales' },
      to: { 'zh-CN': '投诉专席', en: 'Complaints desk' },
    });
  });

  it('leaves internal notes out for roles that may not read them, and keeps to the limit', async () => {
    const ticket = await seed();
    await bed.callerAs(bed.users.agent).tickets.addNote({ id: ticket.id, body: 'internal only' });
    const forViewer = await bed.callerAs(bed.users.viewer).tickets.timeline({ id: ticket.id });
    expect(forViewer.entries.some((entry) => entry.kind === 'note')).toBe(false);
    const capped = await bed.callerAs(bed.users.agent).tickets.timeline({ id: ticket.id, limit: 1 });
    expect(capped).toMatchObject({ truncated: true, entries: [{ kind: 'note' }] });
    expect(capped.total).toBeGreaterThan(1);
  });

  it('opens a ticket with 500 timeline entries in well under a second', async () => {
    const ticket = await seed();
    const at = bed.clock.now();
    await bed.store.ticketHistory.append(
      Array.from({ length: 500 }, (_, index) => ({
        ticketId: ticket.id,
        at: new Date(at.getTime() + index * 1000).toISOString(),
        actor: { kind: 'system' as const, id: `channel:email` },
        field: 'customer_message',
        from: null,
        to: `message ${index}`,
        note: 'email',
      })),
    );
    const agent = bed.callerAs(bed.users.agent).tickets;
    const started = performance.now();
    const [timeline] = await Promise.all([
      agent.timeline({ id: ticket.id, limit: 1000 }),
      agent.get({ id: ticket.id }),
      agent.explanation({ id: ticket.id }),
      agent.customerProfile({ id: ticket.id }),
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(timeline.entries.length).toBeGreaterThanOrEqual(501);
  });

  it('answers 404 for an unknown ticket and refuses a caller who is not signed in', async () => {
    await expect(bed.callerAs(bed.users.agent).tickets.timeline({ id: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(bed.callerAs(null).tickets.timeline({ id: 'nope' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});

describe('category changes on the timeline', () => {
  it('name the categories in both languages, not by their ids', async () => {
    await bed.callerAs(bed.users.admin).templates.install({ id: 'retail', publish: true });
    const ticket = await seed();
    const agent = bed.callerAs(bed.users.agent).tickets;
    await agent.claim({ id: ticket.id });
    await agent.changeCategory({ id: ticket.id, category: 'order_status' });
    const change = (await agent.timeline({ id: ticket.id })).entries.find(
      (entry) => entry.kind === 'change' && entry.field === 'category',
    );
    expect(change).toMatchObject({ to: { 'zh-CN': '订单与物流', en: 'Order status and shipping' } });
  });
});

describe('tickets.explanation', () => {
  it('names the flow, version, classification and the step that sent the ticket to a person', async () => {
    const ticket = await seed();
    const explanation = await bed.callerAs(bed.users.viewer).tickets.explanation({ id: ticket.id });
    expect(explanation).toEqual({
      executionId: FLOW_SEED.executionId,
      flowId: FLOW_SEED.flowId,
      flowName: 'Returns triage',
      flowLocalizedName: null,
      version: 1,
      executionStatus: 'completed',
      // The category by its label in both languages, so an English agent reads "Returns", not `returns`.
      classification: {
        category: 'returns',
        categoryName: { 'zh-CN': '退换货', en: 'Returns' },
        confidence: 0.42,
        threshold: 0.7,
        source: 'model',
      },
      handover: expect.objectContaining({
        nodeId: 'create',
        nodeType: 'action.create_ticket',
        label: 'Hand to after-sales',
      }),
      decidedBy: expect.objectContaining({
        nodeId: 'classify',
        label: 'Sort the request',
        port: 'low_confidence',
        portLabel: { 'zh-CN': '把握不足（转人工）', en: 'Low confidence (to a person)' },
      }),
      otherExecutionIds: [],
    });
  });

  it('is null for a ticket no flow touched', async () => {
    const ticket = await seed();
    const { createTicket } = await import('@flowdesk/desk');
    const { inDesk } = await import('../../tickets/ticket-actions.ts');
    const manual = await inDesk(bed.services, async (scope) => {
      const result = await createTicket(
        scope,
        { title: 'by hand', description: 'x', channel: 'phone', priority: 'low' },
        { actor: { kind: 'user', id: bed.users.agent.id } },
      );
      if (!result.ok) throw new Error('not created');
      return result.value.ticket;
    });
    expect(ticket.id).not.toBe(manual.id);
    expect(await bed.callerAs(bed.users.agent).tickets.explanation({ id: manual.id })).toBeNull();
  });
});

describe('tickets.customerProfile', () => {
  it('shows viewer, agent and admin the same profile with contacts masked, and CSAT history', async () => {
    const ticket = await seed();
    await answeredSurvey(ticket.id, 3, '有点慢');
    const read = (role: 'viewer' | 'agent' | 'admin') =>
      bed.callerAs(bed.users[role]).tickets.customerProfile({ id: ticket.id });
    const [viewer, agent, admin] = await Promise.all([read('viewer'), read('agent'), read('admin')]);
    for (const profile of [viewer, agent, admin]) {
      expect(profile?.customer).toMatchObject({
        name: '赵敏',
        vipLevel: 2,
        tags: ['repeat_buyer'],
        masked: true,
        phone: expect.stringMatching(/^\*+5678$/),
      });
      expect(JSON.stringify(profile)).not.toContain(FLOW_SEED.phone);
      expect(JSON.stringify(profile)).not.toContain(FLOW_SEED.email);
      expect(profile?.channels).toEqual(['email']);
      expect(profile?.recentTickets.map((entry) => entry.number)).toEqual([ticket.number]);
      expect(profile?.csat).toEqual([
        expect.objectContaining({ ticketNumber: ticket.number, score: 3, comment: '有点慢' }),
      ]);
    }
    expect([viewer?.canEdit, agent?.canEdit, admin?.canEdit]).toEqual([false, true, true]);
  });

  it("lists the customer's own requests, not those whose customer name merely contains the id", async () => {
    const ticket = await seed();
    const at = bed.clock.now().toISOString();
    const request = (id: string, customer: { id: string; name: string }) =>
      bed.store.executions.create({
        id,
        flowId: FLOW_SEED.flowId,
        version: 1,
        status: 'completed',
        state: { data: { customer, variables: {} } },
        startedAt: at,
        finishedAt: at,
      });
    await request('ex-own', { id: FLOW_SEED.customerId, name: '赵敏' });
    await request('ex-namesake', { id: 'someone-else', name: `${FLOW_SEED.customerId} 的朋友` });
    const profile = await bed.callerAs(bed.users.agent).tickets.customerProfile({ id: ticket.id });
    expect(profile?.recentRequests.map((entry) => entry.executionId)).toEqual(['ex-own']);
  });

  it('lets an agent edit the tags through customers.update and refuses a viewer', async () => {
    const ticket = await seed();
    const agent = bed.callerAs(bed.users.agent);
    await agent.customers.update({ id: FLOW_SEED.customerId, tags: ['repeat_buyer', 'size_issue'] });
    expect((await agent.tickets.customerProfile({ id: ticket.id }))?.customer.tags).toEqual([
      'repeat_buyer',
      'size_issue',
    ]);
    await expect(
      bed.callerAs(bed.users.viewer).customers.update({ id: FLOW_SEED.customerId, tags: [] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
