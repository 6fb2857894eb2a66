import { deskActivities } from '@flowdesk/desk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultActivities } from '../../runtime/activities/default-activities.ts';
import { FlowRuntime } from '../../runtime/flow-runtime.ts';
import { ChannelOutbox } from '../../runtime/outbox/channel-outbox.ts';
import { PublishedFlows } from '../../runtime/published-flows.ts';
import { edge, graph, node, sequentialIds } from '../../runtime/runtime-test-kit.ts';
import type { IntakeRequest } from '../../runtime-port.ts';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';
import { seedDesk } from '../../tickets/ticket-test-seed.ts';

/**
 * Drafts answer nobody, and usage counts what really happened: requests sent
 * through the real runtime (not the bed's recording fake) over the bed's store,
 * answered by a published flow's auto-reply step.
 */

let bed: TestBed;
let runtime: FlowRuntime;
/** What the reply composer sends to name one insertion of an article. */
const USE_ID = '6f1d2c3b-8a4e-4b5f-9c6d-7e8f9a0b1c2d';

beforeEach(async () => {
  bed = await createTestBed();
  const ids = sequentialIds('rt');
  const clock = { now: () => bed.clock.now() };
  const flows = new PublishedFlows(bed.store);
  runtime = new FlowRuntime({
    store: bed.store,
    clock,
    ids,
    flows,
    activities: defaultActivities(
      { allowPrivateNetworks: true },
      deskActivities({ clock, ids, listensTo: (event) => flows.listensToTicketEvent('default', event) }),
    ),
    outbox: new ChannelOutbox({
      secret: 'test-secret',
      now: () => bed.clock.now(),
      allowPrivateNetworks: true,
    }),
    workerId: 'test-worker',
  });
  const faq = graph(
    [
      node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
      node('kb', 'action.auto_reply', { source: 'request.message', threshold: 0.4, sendReply: true }),
      node('human', 'action.send_message', {
        channel: 'reply',
        to: 'customer',
        body: { 'zh-CN': '已转人工客服', en: 'An agent will answer you' },
      }),
      node('done', 'action.end', { outcome: 'completed' }),
    ],
    [edge('start', 'next', 'kb'), edge('kb', 'answered', 'done'), edge('kb', 'not_answered', 'human')],
  );
  const now = bed.clock.now().toISOString();
  await bed.store.flows.create({
    id: 'faq',
    workspaceId: 'default',
    name: 'faq',
    draft: faq,
    createdBy: 'u1',
    now,
  });
  await bed.store.versions.publish('faq', faq, 'test', 'u1', now);
  runtime.flowsChanged();
});
afterEach(async () => {
  await bed.close();
});

const returns = {
  title: { 'zh-CN': '退货', en: 'Returns' },
  questions: { 'zh-CN': ['鞋子尺码不对想退货', '怎么申请退货'], en: ['How do I return an item?'] },
  answer: {
    'zh-CN': '签收 7 天内在订单页点击“申请退货”。',
    en: 'Within 7 days, choose "Return" on the order.',
  },
  tags: ['returns'],
};

const ask = (message: string): Promise<{ replies: string[]; executionId: string }> =>
  runtime
    .intake(
      {
        channel: 'chat',
        customer: { name: 'Wang' },
        message,
        attachments: [],
        customFields: {},
        metadata: {},
      } satisfies IntakeRequest,
      { apiKeyId: 'k' },
    )
    .then((result) => ({
      replies: result.produced.replies.map((reply) => reply.text),
      executionId: result.executionIds[0] as string,
    }));

describe('knowledge drafts, publishing and usage', () => {
  it('keeps a draft out of auto-replies and agents’ suggestions, and counts the answers once published', async () => {
    const editor = bed.callerAs(bed.users.editor).knowledge;
    const draft = await editor.create(returns);
    expect(draft.status).toBe('draft');
    const ticket = await seedDesk(bed);

    expect((await ask('鞋子尺码不对，想退货')).replies).toEqual(['已转人工客服']);
    expect(await bed.callerAs(bed.users.agent).tickets.knowledgeSuggestions({ id: ticket.id })).toEqual([]);
    expect(await editor.try({ question: '鞋子尺码不对，想退货' })).toEqual([]);
    expect((await editor.usage())[0]).toMatchObject({ articleId: draft.id, usesTotal: 0, lastUsedAt: null });

    await editor.publish({ id: draft.id });
    const answered = await ask('鞋子尺码不对，想退货');
    expect(answered.replies).toEqual(['签收 7 天内在订单页点击“申请退货”。']);
    const [suggestion] = await bed.callerAs(bed.users.agent).tickets.knowledgeSuggestions({ id: ticket.id });
    expect(suggestion?.articleId).toBe(draft.id);

    const [usage] = await editor.usage();
    expect(usage).toMatchObject({
      articleId: draft.id,
      usesTotal: 1,
      usesLast30Days: 1,
      lastUsedAt: bed.clock.now().toISOString(),
    });
    expect(usage?.latest).toEqual([
      {
        source: 'flow',
        executionId: answered.executionId,
        requestId: expect.any(String),
        ticketId: null,
        locale: 'zh-CN',
        at: bed.clock.now().toISOString(),
      },
    ]);

    // An agent inserting it into a reply is a use too; 31 days later neither counts as recent.
    bed.clock.advance(60_000);
    await bed
      .callerAs(bed.users.agent)
      .knowledge.recordUse({ useId: USE_ID, articleId: draft.id, ticketId: ticket.id, locale: 'zh-CN' });
    bed.clock.advance(31 * 86_400_000);
    await bed.store.kbFeedback.add({
      id: 'f1',
      workspaceId: 'default',
      articleId: draft.id,
      helpful: false,
      requestId: null,
      executionId: answered.executionId,
      at: bed.clock.now().toISOString(),
    });
    expect((await editor.usage())[0]).toMatchObject({
      usesTotal: 2,
      usesLast30Days: 0,
      helpful: 0,
      notHelpful: 1,
      latest: [{ source: 'agent', ticketId: ticket.id }, { source: 'flow' }],
    });

    await editor.unpublish({ id: draft.id });
    expect((await ask('鞋子尺码不对，想退货')).replies).toEqual(['已转人工客服']);
    expect((await editor.usage())[0]?.usesTotal).toBe(2);
  });

  it('refuses an agent’s use of a draft or of an unknown ticket, and recording uses to viewers and editors', async () => {
    const draft = await bed.callerAs(bed.users.editor).knowledge.create(returns);
    const ticket = await seedDesk(bed);
    const agent = bed.callerAs(bed.users.agent).knowledge;
    await expect(
      agent.recordUse({ useId: USE_ID, articleId: draft.id, ticketId: ticket.id, locale: 'en' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', cause: { code: 'article_not_found' } });
    await expect(
      agent.recordUse({ useId: USE_ID, articleId: draft.id, ticketId: 'nope', locale: 'en' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const role of ['viewer', 'editor'] as const) {
      await expect(
        bed
          .callerAs(bed.users[role])
          .knowledge.recordUse({ useId: USE_ID, articleId: draft.id, ticketId: ticket.id, locale: 'en' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    for (const role of ['agent', 'supervisor', 'viewer'] as const) {
      await expect(bed.callerAs(bed.users[role]).knowledge.usage()).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    expect(await bed.store.kbAnswers.usage('default', '2000-01-01T00:00:00.000Z')).toEqual([]);
  });

  it('counts one use once however often it is sent (double click, retry), and a new use again', async () => {
    const editor = bed.callerAs(bed.users.editor).knowledge;
    const article = await editor.create(returns);
    await editor.publish({ id: article.id });
    const ticket = await seedDesk(bed);
    const agent = bed.callerAs(bed.users.agent).knowledge;
    const use = { useId: USE_ID, articleId: article.id, ticketId: ticket.id, locale: 'zh-CN' as const };
    expect(await agent.recordUse(use)).toEqual({ recorded: true });
    expect(await agent.recordUse(use)).toEqual({ recorded: true });
    expect((await editor.usage())[0]?.usesTotal).toBe(1);
    await agent.recordUse({ ...use, useId: 'a3c1f0c2-5b7e-4d7a-9f3e-2b8c6d1e4f50' });
    expect((await editor.usage())[0]?.usesTotal).toBe(2);
    await expect(agent.recordUse({ ...use, useId: 'click-1' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect((await editor.usage())[0]?.usesTotal).toBe(2);
  });
});
