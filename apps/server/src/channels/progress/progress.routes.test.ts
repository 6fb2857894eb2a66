import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicView, readChannel, updateChannel } from '../channel-settings.ts';
import { startWidgetBed, type WidgetBed } from '../widget/widget-test-kit.ts';
import { ProgressLinks, progressLinkSecret, progressToken } from './progress-link.ts';

let bed: WidgetBed;
let visitors = 0;

beforeAll(async () => {
  bed = await startWidgetBed();
});
afterAll(async () => {
  await bed.close();
});

const TRICKY = '{{ ticket.number }} {% raw %} <script>alert("x")</script> & more';

/** A ticket opened through the widget form, with the link the widget shows. */
async function formTicket(message: string) {
  const response = await fetch(`${bed.baseUrl}/api/v1/channels/widget/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${++visitors}` },
    body: JSON.stringify({ mode: 'form', message, locale: 'zh-CN' }),
  });
  const started = (await response.json()) as { ticketNumber: string; progressUrl: string };
  const ticket = await bed.harness.store.tickets.getByNumber(started.ticketNumber);
  if (!ticket) throw new Error('no ticket');
  return {
    ...started,
    ticket,
    path: new URL(started.progressUrl).pathname + new URL(started.progressUrl).search,
  };
}

function page(path: string, headers: Record<string, string> = {}) {
  return fetch(`${bed.baseUrl}${path}`, { headers: { 'accept-language': 'zh-CN', ...headers } });
}

describe('the customer progress page', () => {
  it('shows status, time and the public history, escaped, never the internal notes', async () => {
    const { ticket, path, ticketNumber } = await formTicket(TRICKY);
    await bed.caller.tickets.addNote({ id: ticket.id, body: 'INTERNAL: customer is a known reseller' });
    await bed.caller.tickets.changeStatus({ id: ticket.id, status: 'in_progress', note: 'INTERNAL-REASON' });
    await bed.caller.tickets.reply({ id: ticket.id, body: '已为您安排换货' });

    const response = await page(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-robots-tag')).toContain('noindex');
    const html = await response.text();
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain(ticketNumber);
    expect(html).toContain('处理中');
    expect(html).toContain('已为您安排换货');
    const escaped =
      '{{ ticket.number }} {% raw %} &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more';
    expect(html).toContain(escaped);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('INTERNAL');
  });

  it('speaks English by ?lang= or Accept-Language', async () => {
    const { path } = await formTicket('Where is my parcel?');
    expect(await (await page(`${path}&lang=en`)).text()).toContain('Request progress');
    expect(await (await page(path, { 'accept-language': 'en-US,en;q=0.9' })).text()).toContain('Status');
    expect(await (await page(path)).text()).toContain('工单进度');
  });

  it('answers a wrong, missing or borrowed token exactly like an unknown ticket', async () => {
    const { ticketNumber, path } = await formTicket('token check');
    const other = await formTicket('another ticket');
    const otherToken = new URL(other.progressUrl).searchParams.get('token');
    const secret = await progressLinkSecret(bed.harness.store, new Date());
    for (const wrong of [
      `/t/${ticketNumber}`,
      `/t/${ticketNumber}?token=abc`,
      `/t/${ticketNumber}?token=${otherToken}`,
      `/t/CS209901010001?token=${progressToken(secret, 'CS209901010001', bed.harness.clock.now())}`,
    ]) {
      const response = await page(wrong);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('找不到此工单');
    }
    expect((await page(path)).status).toBe(200);
  });

  it('is gone (404) while the progress_page switch is off', async () => {
    const { path } = await formTicket('switch check');
    await updateChannel(bed.harness.store, { channel: 'progress_page', enabled: false }, new Date());
    try {
      expect((await page(path)).status).toBe(404);
    } finally {
      await updateChannel(bed.harness.store, { channel: 'progress_page', enabled: true }, new Date());
    }
  });

  it('keeps the link secret out of what admins see, and ticket.link carries a working token', async () => {
    const state = await readChannel(bed.harness.store, 'progress_page');
    expect(state.settings.linkSecret).toHaveLength(43);
    const view = publicView(state);
    expect(view.settings).not.toHaveProperty('linkSecret');
    expect(view.secretsSet).toEqual({ linkSecret: true });

    const { ticketNumber } = await formTicket('link check');
    const links = await new ProgressLinks(bed.harness.store, bed.baseUrl).loaded();
    const link = new URL(links.link(ticketNumber, bed.harness.clock.now()));
    expect((await page(link.pathname + link.search)).status).toBe(200);
  });
});
