import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WIDGET_CHANNEL_CACHE_MS } from '../../src/channels/widget/widget-cors.ts';
import { replyWithTicketFlow } from '../../src/channels/widget/widget-test-kit.ts';
import { ManualClock } from '../../src/runtime/runtime-test-kit.ts';
import { tempDatabase } from '../process-kit.ts';
import { type InProcessServer, startInProcessServer } from './in-process-server.ts';

/**
 * Finding 5 (progress part): `/t/<ticket>?token=` links never expired and
 * could not be withdrawn, so a link forwarded once showed the ticket forever.
 * The real server runs on a simulated clock: links die 90 days after they were
 * issued, an agent's revocation cuts off the ticket's links at once, and the
 * fresh link it answers works. Both refusals are a 410 page that asks for a
 * new link and shows nothing of the ticket.
 */

const SHOP = 'https://shop.example.cn';
const DAY_MS = 86_400_000;

interface Started {
  ticketNumber: string;
  progressUrl: string;
  messages: { body: string }[];
}

describe('progress links expire and can be revoked (finding 5)', () => {
  let server: InProcessServer;
  let clock: ManualClock;
  let visitor = 0;

  beforeEach(async () => {
    clock = new ManualClock(new Date('2026-11-22T01:00:00.000Z'));
    server = await startInProcessServer({ FLOWDESK_DB: tempDatabase() }, {}, clock);
    const { store, runtime } = server.running;
    // The flow's reply carries {{ ticket.link }}, the link flows send customers.
    const flow = replyWithTicketFlow(' {{ ticket.link }}');
    const now = clock.now().toISOString();
    await store.flows.create({
      id: 'intake',
      workspaceId: 'default',
      name: 'intake',
      draft: flow,
      createdBy: 't',
      now,
    });
    await store.versions.publish('intake', flow, 'test', 't', now);
    runtime.flowsChanged();
    await server.adminCaller().channels.update({ channel: 'widget', settings: { allowedOrigins: [SHOP] } });
    clock.advance(WIDGET_CHANNEL_CACHE_MS);
  });

  afterEach(async () => {
    await server.close();
  });

  /** A customer's request through the widget: its ticket, the link the widget shows and the one in the reply. */
  async function openTicket() {
    const response = await fetch(`${server.running.url}/api/v1/channels/widget/conversations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: SHOP,
        'x-forwarded-for': `198.51.100.${++visitor}`,
      },
      body: JSON.stringify({ mode: 'form', message: '发票抬头写错了', locale: 'zh-CN' }),
    });
    expect(response.status).toBe(201);
    const started = (await response.json()) as Started;
    const ticket = await server.running.store.tickets.getByNumber(started.ticketNumber);
    if (!ticket) throw new Error('no ticket was opened');
    const inReply = started.messages
      .map((message) => message.body.match(/https?:\/\/\S+\/t\/\S+/)?.[0])
      .find(Boolean);
    if (!inReply) throw new Error('the reply carries no ticket.link');
    return { ticket, shown: started.progressUrl, inReply };
  }

  function open(link: string, lang = 'zh-CN') {
    const url = new URL(link);
    return fetch(`${server.running.url}${url.pathname}${url.search}`, {
      headers: { 'accept-language': lang },
    });
  }

  async function expectGone(link: string, ticketNumber: string) {
    const response = await open(link);
    expect(response.status).toBe(410);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain('此链接已失效');
    expect(html).toContain('索取新的链接');
    expect(html).not.toContain(ticketNumber);
    expect(html).not.toContain('发票');
    const english = await (await open(link, 'en')).text();
    expect(english).toContain('ask for a new link');
  }

  it('stops working 90 days after it was issued', async () => {
    const { ticket, shown, inReply } = await openTicket();
    expect((await open(shown)).status).toBe(200);
    expect((await open(inReply)).status).toBe(200);

    clock.advance(90 * DAY_MS - 60_000);
    expect((await open(shown)).status).toBe(200);
    clock.advance(60_000);
    await expectGone(shown, ticket.number);
    await expectGone(inReply, ticket.number);

    // The issue time is signed: moving it forward makes no link at all, not a younger one.
    const token = new URL(shown).searchParams.get('token') ?? '';
    const younger = `${clock.now().getTime().toString(36)}${token.slice(token.indexOf('.'))}`;
    const forged = await open(`${server.running.url}/t/${ticket.number}?token=${younger}`);
    expect(forged.status).toBe(404);
  });

  it('is refused right after an agent revokes the ticket’s links; the fresh link works', async () => {
    const { ticket, shown, inReply } = await openTicket();
    const other = await openTicket();
    expect((await open(shown)).status).toBe(200);

    clock.advance(60_000);
    const revoked = await server.adminCaller().tickets.revokeProgressLinks({ id: ticket.id });
    expect(revoked.revokedBefore).toBe(clock.now().toISOString());
    await expectGone(shown, ticket.number);
    await expectGone(inReply, ticket.number);

    const fresh = await open(revoked.link);
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toContain(ticket.number);
    // Other tickets' links are untouched.
    expect((await open(other.shown)).status).toBe(200);
    const audit = await server.running.store.audit.list({ action: 'ticket.revoke_progress_links' });
    expect(audit.items.map((entry) => entry.target)).toEqual([`ticket:${ticket.id}`]);
  });
});
