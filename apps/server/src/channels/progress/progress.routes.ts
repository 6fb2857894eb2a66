import { type Locale, TICKET_STATUSES, type TicketStatus } from '@flowdesk/model';
import type { StoreRepositories, Ticket } from '@flowdesk/store';
import express, { type Express, type Request, type Response } from 'express';
import type { AppServices } from '../../app-deps.ts';
import { localeFromAcceptLanguage } from '../../http/locale.ts';
import { readChannel } from '../channel-settings.ts';
import { checkProgressToken, progressLinkKeys, revokedLink } from './progress-link.ts';
import { type ProgressItem, progressGonePage, progressNotFoundPage, progressPage } from './progress-page.ts';

/** `?lang=` first, then the browser's languages (the same rule as the survey pages). */
function pageLocale(request: Request): Locale {
  const asked = typeof request.query.lang === 'string' ? request.query.lang.toLowerCase() : '';
  if (asked.startsWith('zh')) return 'zh-CN';
  if (asked.startsWith('en')) return 'en';
  return localeFromAcceptLanguage(request.headers['accept-language'] ?? 'zh-CN');
}

function send(response: Response, status: number, html: string): void {
  // Personal to its link: never cached, never indexed, never leaked as a Referer.
  response.status(status).set({
    'Cache-Control': 'no-store',
    'Content-Type': 'text/html; charset=utf-8',
    'X-Robots-Tag': 'noindex, nofollow',
    'Referrer-Policy': 'no-referrer',
  });
  response.send(html);
}

const MAX_MESSAGES = 1000;
const isStatus = (value: unknown): value is TicketStatus =>
  typeof value === 'string' && (TICKET_STATUSES.values as readonly string[]).includes(value);

/**
 * What the customer may see: status changes (without the agent's note) and
 * the messages exchanged. Internal notes live in their own repository and are
 * never read here; other history fields (assignee, team, priority…) are left out.
 */
export async function publicHistory(
  repos: Pick<StoreRepositories, 'ticketHistory' | 'conversations'>,
  ticket: Ticket,
): Promise<ProgressItem[]> {
  const history = await repos.ticketHistory.list(ticket.id);
  const items: ProgressItem[] = history.flatMap((entry) =>
    entry.field === 'status' && isStatus(entry.to)
      ? [{ kind: 'status' as const, at: entry.at, status: entry.to }]
      : [],
  );
  const conversation = await repos.conversations.findByTicket(ticket.id);
  if (conversation) {
    const messages = await repos.conversations.listMessages(conversation.id, 0, MAX_MESSAGES);
    for (const message of messages) {
      items.push({ kind: 'message', at: message.createdAt, author: message.author, body: message.body });
    }
  } else {
    // No conversation (an API request): the replies and follow-ups recorded on the ticket.
    for (const entry of history) {
      if (typeof entry.to !== 'string') continue;
      if (entry.field === 'reply')
        items.push({ kind: 'message', at: entry.at, author: 'agent', body: entry.to });
      if (entry.field === 'customer_message') {
        items.push({ kind: 'message', at: entry.at, author: 'customer', body: entry.to });
      }
    }
  }
  // Stable sort: entries written at the same instant keep the order they were stored in.
  return items.sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * `GET /t/:ticketNumber?token=…`: the customer's progress page. A wrong or
 * missing token answers exactly like an unknown ticket, so the page does not
 * reveal which numbers exist; so does the switched-off channel. A genuine link
 * that expired or was revoked answers 410 with a page that asks for a new
 * link and shows nothing of the ticket.
 */
export function mountProgressPages(app: Express, services: AppServices): void {
  const pages = express.Router();
  app.use('/t', pages);

  pages.get('/:ticketNumber', async (request, response) => {
    const locale = pageLocale(request);
    const notFound = () => send(response, 404, progressNotFoundPage(locale));
    const gone = () => send(response, 410, progressGonePage(locale));
    const ticketNumber = String(request.params.ticketNumber);
    const token = typeof request.query.token === 'string' ? request.query.token : '';
    if (!token || ticketNumber.length > 64) return notFound();
    const channel = await readChannel(services.store, 'progress_page');
    if (!channel.enabled) return notFound();
    const now = services.clock.now();
    const keys = await progressLinkKeys(services.store, now);
    const check = checkProgressToken(keys.secret, ticketNumber, token, {
      now,
      validDays: channel.settings.linkValidDays,
      legacyLinksUntil: keys.legacyLinksUntil,
    });
    if (check.status === 'invalid') return notFound();
    if (check.status === 'expired') return gone();
    const ticket = await services.store.tickets.getByNumber(ticketNumber);
    if (!ticket) return notFound();
    const revocation = await services.store.progressLinkRevocations.get(ticket.id);
    if (revokedLink(check.issuedAt, revocation?.revokedBefore)) return gone();
    const other = locale === 'en' ? 'zh-CN' : 'en';
    const languageLink = `/t/${encodeURIComponent(ticketNumber)}?token=${encodeURIComponent(token)}&lang=${other}`;
    send(
      response,
      200,
      progressPage({
        locale,
        ticketNumber: ticket.number,
        status: ticket.status,
        createdAt: ticket.createdAt,
        items: await publicHistory(services.store, ticket),
        languageLink,
      }),
    );
  });
}
