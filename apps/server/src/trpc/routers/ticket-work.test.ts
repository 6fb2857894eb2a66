import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';
import { seedDesk } from '../../tickets/ticket-test-seed.ts';

/** The ticket page's work panel: options, templates, knowledge, @mentions, replies, merging customers. */

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

const now = () => bed.clock.now().toISOString();

async function addAgent(id: string, name: string, teams: string[]) {
  await bed.store.agents.create({
    id,
    workspaceId: 'default',
    userId: null,
    name,
    teams,
    skills: [],
    capacity: 5,
    online: true,
    activeCount: 0,
    lastAssignedAt: null,
  });
}

async function addTemplate(id: string, channel: 'reply' | 'webhook', body: string) {
  await bed.store.messageTemplates.put({
    id,
    workspaceId: 'default',
    name: `Template ${id}`,
    channel,
    subject: { 'zh-CN': '关于工单 {{ ticket.number }}', en: '' },
    body: { 'zh-CN': body, en: '' },
    updatedAt: now(),
  });
}

const refusedFor = async (work: () => Promise<unknown>) =>
  (await work().catch((error: unknown) => error)) as object;

describe('tickets.workOptions', () => {
  it('offers the workspace’s teams and agents, customer templates, and only the ticket team’s other members to mention', async () => {
    const ticket = await seedDesk(bed);
    await addAgent('agent-zhao', '赵强', ['after_sales']);
    await addAgent('agent-qian', '钱多', ['billing']);
    await addTemplate('apology', 'reply', '抱歉');
    await addTemplate('hook', 'webhook', '{}');

    const options = await bed.callerAs(bed.users.agent).tickets.workOptions({ id: ticket.id });

    expect(options.teams.map((team) => team.id)).toEqual(['after_sales']);
    expect(options.agents.map((agent) => agent.id).sort()).toEqual(['agent-li', 'agent-qian', 'agent-zhao']);
    expect(options.templates.map((template) => template.id)).toEqual(['apology']);
    // The signed-in agent is Li: the others are offered, not herself.
    expect(options.mentionable.map((agent) => agent.id)).toEqual(['agent-zhao']);
    await expect(bed.callerAs(bed.users.viewer).tickets.workOptions({ id: ticket.id })).rejects.toMatchObject(
      { code: 'FORBIDDEN' },
    );
    await expect(bed.callerAs(bed.users.agent).tickets.workOptions({ id: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('tickets.renderReplyTemplate', () => {
  it('fills a template with the ticket and customer, keeping the customer’s own text as data', async () => {
    const ticket = await seedDesk(bed);
    await bed.store.customers.update('cust-1', { name: '王{{ ticket.id }}' }, now());
    await addTemplate('greeting', 'reply', '{{ customer.name }}您好，您的工单 {{ ticket.number }} 已受理。');

    const rendered = await bed
      .callerAs(bed.users.agent)
      .tickets.renderReplyTemplate({ id: ticket.id, templateId: 'greeting' });

    expect(rendered).toEqual({
      subject: `关于工单 ${ticket.number}`,
      body: `王{{ ticket.id }}您好，您的工单 ${ticket.number} 已受理。`,
      locale: 'zh-CN',
    });
  });

  it('refuses an unknown template, one not meant for customers, and a viewer', async () => {
    const ticket = await seedDesk(bed);
    await addTemplate('hook', 'webhook', '{}');
    const agent = bed.callerAs(bed.users.agent).tickets;
    for (const templateId of ['missing', 'hook']) {
      expect(await refusedFor(() => agent.renderReplyTemplate({ id: ticket.id, templateId }))).toMatchObject({
        code: 'NOT_FOUND',
        cause: { code: 'template_not_found' },
      });
    }
    await expect(
      bed.callerAs(bed.users.viewer).tickets.renderReplyTemplate({ id: ticket.id, templateId: 'hook' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('tickets.knowledgeSuggestions', () => {
  it('puts the article that answers the ticket’s text first, with its answer in both languages', async () => {
    const ticket = await seedDesk(bed);
    await bed.store.kbArticles.put({
      id: 'returns',
      workspaceId: 'default',
      title: { 'zh-CN': '如何退货', en: 'How to return an item' },
      questions: { 'zh-CN': ['尺码不对想退货怎么办'], en: ['How do I return shoes that do not fit'] },
      answer: { 'zh-CN': '7 天内可免费退货。', en: 'Returns are free within 7 days.' },
      tags: [],
      status: 'published',
      updatedAt: now(),
    });
    await bed.store.kbArticles.put({
      id: 'invoice',
      workspaceId: 'default',
      title: { 'zh-CN': '开发票', en: 'Invoices' },
      questions: { 'zh-CN': ['怎么开发票'], en: ['How do I get an invoice'] },
      answer: { 'zh-CN': '在订单页申请发票。', en: 'Ask for an invoice on the order page.' },
      tags: [],
      status: 'published',
      updatedAt: now(),
    });

    const suggestions = await bed.callerAs(bed.users.agent).tickets.knowledgeSuggestions({ id: ticket.id });

    expect(suggestions[0]).toMatchObject({
      articleId: 'returns',
      answer: { 'zh-CN': '7 天内可免费退货。' },
      locale: 'zh-CN',
    });
    expect(suggestions.map((suggestion) => suggestion.articleId)).not.toContain('invoice');
    await expect(
      bed.callerAs(bed.users.viewer).tickets.knowledgeSuggestions({ id: ticket.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('tickets.addMentionNote', () => {
  it('adds the note and puts one in-app message in each mentioned member’s inbox', async () => {
    const ticket = await seedDesk(bed);
    await addAgent('agent-zhao', '赵强', ['after_sales']);

    const note = await bed.callerAs(bed.users.agent).tickets.addMentionNote({
      id: ticket.id,
      body: '@赵强 请帮忙看一下退货地址',
      mentions: ['agent-zhao', 'agent-zhao'],
    });

    expect(note).toMatchObject({ body: '@赵强 请帮忙看一下退货地址' });
    const inbox = await bed.store.inAppMessages.listFor('agent', 'agent-zhao');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      subject: `${ticket.number} 鞋子尺码不对，想退货`,
      body: '@赵强 请帮忙看一下退货地址',
      ticketId: ticket.id,
      readAt: null,
    });
    expect(await bed.store.inAppMessages.listFor('agent', 'agent-li')).toEqual([]);
  });

  it('refuses a mention of someone outside the ticket’s team and writes neither note nor message', async () => {
    const ticket = await seedDesk(bed);
    await addAgent('agent-qian', '钱多', ['billing']);
    const agent = bed.callerAs(bed.users.agent).tickets;

    const refused = await refusedFor(() =>
      agent.addMentionNote({ id: ticket.id, body: '@钱多 看看', mentions: ['agent-qian'] }),
    );

    expect(refused).toMatchObject({
      code: 'BAD_REQUEST',
      cause: { code: 'mention_not_member', pointer: '/mentions' },
    });
    expect((await agent.get({ id: ticket.id })).notes).toEqual([]);
    expect(await bed.store.inAppMessages.listFor('agent', 'agent-qian')).toEqual([]);
    await expect(
      bed.callerAs(bed.users.viewer).tickets.addMentionNote({ id: ticket.id, body: 'x', mentions: [] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(agent.addMentionNote({ id: 'nope', body: 'x', mentions: [] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('acting on a ticket: refusals change nothing', () => {
  it('refuses a reply to a customer with no address on the ticket’s channel, with a translated reason', async () => {
    await bed.store.customers.create({
      id: 'cust-phone-only',
      workspaceId: 'default',
      name: '李四',
      identities: [{ kind: 'phone', value: '+8613900001111' }],
      now: now(),
    });
    const ticket = await seedDesk(bed);
    await bed.store.tickets.update(ticket.id, { customerId: 'cust-phone-only' });
    const agent = bed.callerAs(bed.users.agent).tickets;

    const refused = await refusedFor(() => agent.reply({ id: ticket.id, body: '您好' }));

    expect(refused).toMatchObject({
      code: 'PRECONDITION_FAILED',
      cause: {
        extra: { reason: 'desk.no_contact', channel: 'email' },
        messages: {
          en: 'The customer has no email address, so the reply was not sent',
          'zh-CN': '客户没有邮箱地址，回复未发送',
        },
      },
    });
    expect(await bed.store.jobs.list({ kind: 'outbox.deliver' })).toEqual([]);
    const detail = await agent.get({ id: ticket.id });
    expect(detail.history.filter((entry) => entry.field === 'reply')).toEqual([]);
    expect(detail.ticket.firstRespondedAt).toBeNull();
  });

  it('refuses a status the lifecycle does not allow and leaves the ticket as it was', async () => {
    const ticket = await seedDesk(bed);
    const agent = bed.callerAs(bed.users.agent).tickets;
    const before = await agent.get({ id: ticket.id });
    expect(before.allowedTransitions).not.toContain('waiting_for_customer');

    await expect(agent.changeStatus({ id: ticket.id, status: 'waiting_for_customer' })).rejects.toMatchObject(
      { code: 'CONFLICT' },
    );

    const after = await agent.get({ id: ticket.id });
    expect(after.ticket.status).toBe('new');
    expect(after.history).toEqual(before.history);
  });
});

describe('tickets.findCustomers and tickets.mergeCustomer', () => {
  it('finds the other profile, folds it into the ticket’s customer with its tickets, and audits it', async () => {
    const ticket = await seedDesk(bed);
    await bed.store.customers.create({
      id: 'cust-2',
      workspaceId: 'default',
      name: '王小明（微信）',
      identities: [
        { kind: 'channel:wechat', value: 'o-wang-openid' },
        // Stored as identify-customer stores a phone: normalised digits.
        { kind: 'phone', value: '13955556666' },
      ],
      now: now(),
    });
    const agent = bed.callerAs(bed.users.agent).tickets;
    expect((await agent.findCustomers({ query: '微信' })).map((found) => found.id)).toEqual(['cust-2']);
    // Contacts are found only whole: part of one would let a searcher rebuild what the mask hides.
    expect(await agent.findCustomers({ query: 'o-wang' })).toEqual([]);
    expect((await agent.findCustomers({ query: 'o-wang-openid' })).map((found) => found.id)).toEqual([
      'cust-2',
    ]);
    expect(await agent.findCustomers({ query: '1381234' })).toEqual([]);
    expect((await agent.findCustomers({ query: '+8613812345678' })).map((found) => found.id)).toEqual([
      'cust-1',
    ]);
    // A whole phone typed the way people write it, with spaces, is the same phone.
    expect((await agent.findCustomers({ query: '139 5555 6666' })).map((found) => found.id)).toEqual([
      'cust-2',
    ]);

    const merged = await agent.mergeCustomer({ id: ticket.id, otherCustomerId: 'cust-2' });

    expect(merged).toMatchObject({ mergedFrom: 'cust-2', customer: { id: 'cust-1' } });
    expect(merged.customer.channelIds).toHaveProperty('channel:wechat');
    expect(await bed.store.customers.get('cust-2')).toBeNull();
    const [entry] = (await bed.store.audit.list()).items.filter((item) => item.action === 'customer.merge');
    expect(entry).toMatchObject({ target: 'customer:cust-1', outcome: 'success' });
  });

  it('refuses merging a customer with itself or an unknown one, and viewers; nothing changes', async () => {
    const ticket = await seedDesk(bed);
    const agent = bed.callerAs(bed.users.agent).tickets;
    expect(
      await refusedFor(() => agent.mergeCustomer({ id: ticket.id, otherCustomerId: 'cust-1' })),
    ).toMatchObject({ code: 'BAD_REQUEST', cause: { code: 'merge_same_customer' } });
    expect(
      await refusedFor(() => agent.mergeCustomer({ id: ticket.id, otherCustomerId: 'ghost' })),
    ).toMatchObject({
      code: 'NOT_FOUND',
      cause: { code: 'customer_not_found' },
    });
    expect(
      await refusedFor(() => agent.mergeCustomer({ id: 'nope', otherCustomerId: 'cust-1' })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    const viewer = bed.callerAs(bed.users.viewer).tickets;
    await expect(viewer.mergeCustomer({ id: ticket.id, otherCustomerId: 'ghost' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(viewer.findCustomers({ query: '王' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await bed.store.customers.get('cust-1'))?.identities).toHaveLength(2);
    expect((await bed.store.audit.list()).items.filter((item) => item.action === 'customer.merge')).toEqual(
      [],
    );
  });
});
