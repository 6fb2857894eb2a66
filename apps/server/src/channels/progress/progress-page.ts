import { type Locale, TICKET_STATUSES, type TicketStatus } from '@flowdesk/model';
import type { ConversationAuthor } from '@flowdesk/store';
import { customerPages, textsIn } from '../../http/customer-page.ts';
import { PROGRESS_PAGE_TEXTS as T } from './progress-page-texts.ts';

/**
 * The customer's progress page: plain HTML without scripts or external
 * assets. The templates escape every value (see customer-page.ts); customer
 * text like `{{ x }}` is data, so it shows exactly as written.
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

const STYLE = `{% block style %}
  main{max-width:640px;margin:0 auto;padding:24px 16px}
  h1{font-size:1.3rem;margin:0 0 12px} h2{font-size:1.05rem;margin:20px 0 8px}
  dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:0}
  dt{color:#59636e} dd{margin:0;font-weight:600}
  ol{list-style:none;padding:0;margin:0}
  li{border-left:3px solid #c9ced6;padding:6px 0 6px 12px;margin-bottom:8px}
  li.in{border-color:#1f6feb} li.out{border-color:#1a7f37}
  .meta{font-size:.85rem;color:#59636e}
  .body{white-space:pre-wrap;word-break:break-word;margin-top:4px}
{% endblock %}`;

const TIME = '<time datetime="{{ item.at }}">{{ item.time }}</time>';

const render = customerPages({
  progress: `{% layout 'customer-page' %}${STYLE}{% block body %}<h1>{{ t.title }}</h1>
<dl>
<dt>{{ t.ticket }}</dt><dd>{{ ticketNumber }}</dd>
<dt>{{ t.status }}</dt><dd>{{ status }}</dd>
<dt>{{ t.created }}</dt><dd>{{ createdAt }}</dd>
</dl>
<h2>{{ t.history }}</h2>
{% if items.size > 0 %}<ol>
{%- for item in items -%}
{%- if item.kind == 'status' -%}
<li class="status"><div class="meta">${TIME}</div><div>{{ t.statusChanged }} <strong>{{ item.status }}</strong></div></li>
{%- else -%}
<li class="{{ item.direction }}"><div class="meta">{{ item.who }} · ${TIME}</div><div class="body">{{ item.body }}</div></li>
{%- endif -%}
{%- endfor -%}
</ol>{% else %}<p>{{ t.noHistory }}</p>{% endif %}{% endblock %}`,
  notFound: `{% layout 'customer-page' %}${STYLE}{% block body %}<h1>{{ t.notFoundTitle }}</h1><p>{{ t.notFoundBody }}</p>{% endblock %}`,
  gone: `{% layout 'customer-page' %}${STYLE}{% block body %}<h1>{{ t.goneTitle }}</h1><p>{{ t.goneBody }}</p>{% endblock %}`,
});

function formatTime(iso: string, locale: Locale, timezone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: timezone,
  }).format(date);
}

function statusLabel(status: TicketStatus, locale: Locale): string {
  return TICKET_STATUSES.labels[status]?.[locale] ?? status;
}

/** One history entry as the template shows it: words chosen and times formatted here. */
function itemView(item: ProgressItem, locale: Locale, timezone: string) {
  const time = formatTime(item.at, locale, timezone);
  if (item.kind === 'status') {
    return { kind: item.kind, at: item.at, time, status: statusLabel(item.status, locale) };
  }
  const who = item.author === 'customer' ? T.you : item.author === 'flow' ? T.automatic : T.support;
  const direction = item.author === 'customer' ? 'in' : 'out';
  return { kind: item.kind, at: item.at, time, who: who[locale], direction, body: item.body };
}

export function progressPage(input: ProgressPageInput): string {
  const { locale } = input;
  const timezone = input.timezone ?? 'Asia/Shanghai';
  return render('progress', {
    locale,
    title: `${T.title[locale]} ${input.ticketNumber}`,
    languageLink: input.languageLink
      ? { href: input.languageLink, label: T.switchLanguage[locale] }
      : undefined,
    t: textsIn(T, locale),
    ticketNumber: input.ticketNumber,
    status: statusLabel(input.status, locale),
    createdAt: formatTime(input.createdAt, locale, timezone),
    items: input.items.map((item) => itemView(item, locale, timezone)),
  });
}

export function progressNotFoundPage(locale: Locale): string {
  return render('notFound', { locale, title: T.notFoundTitle[locale], t: textsIn(T, locale) });
}

/** An expired or revoked link: says to ask for a new one, and nothing about the ticket. */
export function progressGonePage(locale: Locale): string {
  return render('gone', { locale, title: T.goneTitle[locale], t: textsIn(T, locale) });
}
