import type { Ticket } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  apiKeyFor,
  createTestBed,
  type RunningServer,
  startServer,
  type TestBed,
} from '../testing/server-test-kit.ts';
import { seedDesk } from '../tickets/ticket-test-seed.ts';

let bed: TestBed;
let server: RunningServer;
let agentKey: string;
let ticket: Ticket;
beforeEach(async () => {
  bed = await createTestBed();
  server = await startServer(bed);
  agentKey = await apiKeyFor(bed, 'agent');
  ticket = await seedDesk(bed);
});
afterEach(async () => {
  await server.close();
  await bed.close();
});

async function call(method: 'GET' | 'POST', path: string, body?: unknown, key = agentKey) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('/api/v1/tickets', () => {
  it('claim → reply → resolve → reopen over HTTP, with the API key in the history', async () => {
    const base = `/api/v1/tickets/${ticket.id}`;
    const queue = await call('GET', '/api/v1/tickets/queue?teamId=after_sales');
    expect(queue).toMatchObject({ status: 200, body: { items: [{ id: ticket.id }] } });

    expect(await call('POST', `${base}/claim`, { agentId: 'agent-li' })).toMatchObject({
      status: 200,
      body: { assignee: 'agent-li', status: 'assigned' },
    });
    expect(await call('POST', `${base}/reply`, { body: 'Your return label is on its way.' })).toMatchObject({
      status: 200,
      body: { queued: true, channel: 'email' },
    });
    expect(await call('POST', `${base}/notes`, { body: 'called the courier' })).toMatchObject({
      status: 200,
    });
    expect(await call('POST', `${base}/priority`, { priority: 'high' })).toMatchObject({
      body: { priority: 'high' },
    });
    expect(await call('POST', `${base}/status`, { status: 'in_progress' })).toMatchObject({
      body: { status: 'in_progress' },
    });
    expect(await call('POST', `${base}/resolve`, { solution: 'Label sent' })).toMatchObject({
      status: 200,
      body: { status: 'resolved', solution: 'Label sent' },
    });
    expect(await call('POST', `${base}/reopen`, {})).toMatchObject({
      status: 200,
      body: { status: 'in_progress' },
    });

    const mine = await call('GET', '/api/v1/tickets/queue?agentId=agent-li');
    expect((mine.body.items as Ticket[]).map((entry) => entry.id)).toEqual([ticket.id]);
    const detail = await call('GET', base);
    expect(detail.status).toBe(200);
    const history = detail.body.history as { actor: { id: string }; field: string; to: unknown }[];
    const byKey = history.filter((entry) => entry.actor.id === 'api-key:key-agent');
    expect(byKey.map((entry) => entry.field)).toEqual(
      expect.arrayContaining(['assignee', 'reply', 'priority', 'status', 'solution']),
    );
    expect(detail.body.notes).toMatchObject([{ body: 'called the courier' }]);
    const [delivery] = await bed.store.jobs.list({ kind: 'outbox.deliver' });
    expect(delivery?.payload).toMatchObject({
      to: 'wang@example.cn',
      body: 'Your return label is on its way.',
    });
  });

  it('answers 409 with the allowed transitions when resolving a closed ticket', async () => {
    await call('POST', `/api/v1/tickets/${ticket.id}/status`, { status: 'closed' });
    const refused = await call('POST', `/api/v1/tickets/${ticket.id}/resolve`, { solution: 'again' });
    expect(refused).toMatchObject({
      status: 409,
      body: {
        error: { code: 'invalid_transition', from: 'closed', to: 'resolved', allowed: ['in_progress'] },
      },
    });
    expect((refused.body.error as { message: string }).message).toContain('"Closed" to "Resolved"');
  });

  it('answers 404, 400 with a pointer, and 403 for a viewer key', async () => {
    expect(await call('GET', '/api/v1/tickets/nope')).toMatchObject({
      status: 404,
      body: { error: { code: 'desk_not_found', id: 'nope' } },
    });
    expect(await call('POST', '/api/v1/tickets/nope/claim', { agentId: 'agent-li' })).toMatchObject({
      status: 404,
    });
    expect(await call('POST', `/api/v1/tickets/${ticket.id}/priority`, { priority: 'asap' })).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_request', pointer: '/priority' } },
    });
    expect(
      await call('POST', `/api/v1/tickets/${ticket.id}/resolve`, { solution: 'x'.repeat(101) }),
    ).toMatchObject({ status: 400, body: { error: { pointer: '/solution' } } });
    expect(await call('GET', '/api/v1/tickets/queue')).toMatchObject({
      status: 400,
      body: { error: { pointer: '/agentId' } },
    });
    const viewerKey = await apiKeyFor(bed, 'viewer');
    expect(
      await call('POST', `/api/v1/tickets/${ticket.id}/claim`, { agentId: 'agent-li' }, viewerKey),
    ).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect((await bed.store.tickets.get(ticket.id))?.assignee).toBeNull();
  });
});

describe('POST /api/v1/knowledge/feedback', () => {
  it('stores the customer’s verdict on an answer, and 404s for an unknown article', async () => {
    await bed.store.kbArticles.put({
      id: 'kb-returns',
      workspaceId: 'default',
      title: { 'zh-CN': '退货', en: 'Returns' },
      questions: { 'zh-CN': ['怎么退货'], en: [] },
      answer: { 'zh-CN': '七天内可退', en: 'Within seven days' },
      tags: [],
      status: 'published',
      updatedAt: bed.clock.now().toISOString(),
    });
    const stored = await call('POST', '/api/v1/knowledge/feedback', {
      articleId: 'kb-returns',
      helpful: false,
      requestId: 'req-7',
    });
    expect(stored).toMatchObject({ status: 201, body: { articleId: 'kb-returns', helpful: false } });
    expect(await bed.store.kbFeedback.list('kb-returns')).toMatchObject([
      { helpful: false, requestId: 'req-7' },
    ]);
    expect(
      await call('POST', '/api/v1/knowledge/feedback', { articleId: 'nope', helpful: true }),
    ).toMatchObject({
      status: 404,
      body: { error: { code: 'article_not_found', pointer: '/articleId' } },
    });
    expect(await call('POST', '/api/v1/knowledge/feedback', { articleId: 'kb-returns' })).toMatchObject({
      status: 400,
      body: { error: { pointer: '/helpful' } },
    });
  });
});
