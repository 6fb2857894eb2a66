import { type Locale, TICKET_STATUSES, type TicketStatus } from '@flowdesk/model';
import type { ConversationAuthor } from '@flowdesk/store';
import { customerPage, escapeHtml } from '../../http/customer-page.ts';
import { PROGRESS_PAGE_TEXTS as T } from './progress-page-texts.ts';

/**
 * The customer's progress page: plain HTML without scripts or external
 * assets. Every value from data is escaped; customer text like `{{ x }}` is
 * shown exactly as written because nothing here is a template.
 */

export type ProgressItem =
  | { kind: 'status'; at: string; status: TicketStatus }
  | { kind: 'message'; at: string; author: ConversationAuthor; body: string };

export interface ProgressPageInput {
  locale: Locale;
  ticketNumber: string;
  status: TicketStatus;
  createdAt: string;
  items: ProgressItem[];
  languageLink: string;
  timezone?: string;
}

const STYLE = `
  main{max-width:640px;margin:0 auto;padding:24px 16px}
  h1{font-size:1.3rem;margin:0 0 12px} h2{font-size:1.05rem;margin:20px 0 8px}
  dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:0}
  dt{color:#59636e} dd{margin:0;font-weight:600}
  ol{list-style:none;padding:0;margin:0}
  li{border-left:3px solid #c9ced6;padding:6px 0 6px 12px;margin-bottom:8px}
  li.in{border-color:#1f6feb} li.out{border-color:#1a7f37}
  .meta{font-size:.85rem;color:#59636e}
  .body{white-space:pre-wrap;word-break:break-word;margin-top:4px}
`;

function layout(locale: Locale, title: string, body: string, languageLink?: string): string {
  return customerPage({
    locale,
    title,
    body,
    style: STYLE,
    languageLink: languageLink ? { href: languageLink, label: T.switchLanguage[locale] } : undefined,
  });
}

function formatTime(iso: string, locale: Locale, timezone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: timezone,
  }).format(date);
}

function itemHtml(item: ProgressItem, locale: Locale, timezone: string): string {
  const at = `<time datetime="${escapeHtml(item.at)}">${escapeHtml(formatTime(item.at, locale, timezone))}</time>`;
  if (item.kind === 'status') {
    const label = TICKET_STATUSES.labels[item.status]?.[locale] ?? item.status;
    return `<li class="status"><div class="meta">${at}</div><div>${escapeHtml(T.statusChanged[locale])} <strong>${escapeHtml(label)}</strong></div></li>`;
  }
  const who = item.author === 'customer' ? T.you : item.author === 'flow' ? T.automatic : T.support;
  const direction = item.author === 'customer' ? 'in' : 'out';
  return `<li class="${direction}"><div class="meta">${escapeHtml(who[locale])} · ${at}</div><div class="body">${escapeHtml(item.body)}</div></li>`;
}

export function progressPage(input: ProgressPageInput): string {
  const { locale } = input;
  const timezone = input.timezone ?? 'Asia/Shanghai';
  const status = TICKET_STATUSES.labels[input.status]?.[locale] ?? input.status;
  const items = input.items.length
    ? `<ol>${input.items.map((item) => itemHtml(item, locale, timezone)).join('')}</ol>`
    : `<p>${escapeHtml(T.noHistory[locale])}</p>`;
  const body = `<h1>${escapeHtml(T.title[locale])}</h1>
<dl>
<dt>${escapeHtml(T.ticket[locale])}</dt><dd>${escapeHtml(input.ticketNumber)}</dd>
<dt>${escapeHtml(T.status[locale])}</dt><dd>${escapeHtml(status)}</dd>
<dt>${escapeHtml(T.created[locale])}</dt><dd>${escapeHtml(formatTime(input.createdAt, locale, timezone))}</dd>
</dl>
<h2>${escapeHtml(T.history[locale])}</h2>
${items}`;
  return layout(locale, `${T.title[locale]} ${input.ticketNumber}`, body, input.languageLink);
}

export function progressNotFoundPage(locale: Locale): string {
  return layout(
    locale,
    T.notFoundTitle[locale],
    `<h1>${escapeHtml(T.notFoundTitle[locale])}</h1><p>${escapeHtml(T.notFoundBody[locale])}</p>`,
  );
}
