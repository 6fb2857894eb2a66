import type { Locale, LocalizedText } from '@flowdesk/model';
import { Liquid } from 'liquidjs';

/**
 * The frame of the pages customers open from our messages (survey, ticket
 * progress): plain HTML without JavaScript or outside assets, readable on a
 * phone, never indexed.
 *
 * LiquidJS with `outputEscape: 'escape'` replaces our hand-written escapeHtml: every
 * `{{ value }}` is escaped by default, so a forgotten call can no longer open a hole.
 * Only the fixed templates in the server's source are ever parsed; customer
 * text enters as data and is printed, never read as a template.
 */
const LAYOUT_NAME = 'customer-page';

const LAYOUT = `<!doctype html>
<html lang="{{ locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>{{ title }}</title>
<style>
  *{box-sizing:border-box}
  body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f6f8;color:#1f2328}
  main{max-width:560px;margin:0 auto;padding:24px 16px}
  .card{background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
  h1{font-size:1.3rem;margin:0 0 12px}
  nav{text-align:right;margin-bottom:8px;font-size:.9rem}
{%- block style %}{% endblock %}
</style>
</head>
<body><main>
{%- if languageLink %}<nav><a href="{{ languageLink.href }}">{{ languageLink.label }}</a></nav>{% endif -%}
<div class="card">{% block body %}{% endblock %}</div></main></body>
</html>`;

/** What the frame itself shows; a page's template adds its own values. */
export interface CustomerPageData {
  locale: Locale;
  title: string;
  /** The same page in the other language, with the link's text. */
  languageLink?: { href: string; label: string } | undefined;
  [value: string]: unknown;
}

/**
 * Compiles a set of page templates (each starts with `{% layout 'customer-page' %}`
 * and fills the `style` and `body` blocks) and returns their renderer. Templates
 * are parsed here, at start-up, so a mistake in one fails the first test that loads it.
 */
export function customerPages<Name extends string>(
  pages: Record<Name, string>,
): (name: Name, data: CustomerPageData) => string {
  const liquid = new Liquid({
    templates: { ...pages, [LAYOUT_NAME]: LAYOUT },
    outputEscape: 'escape',
    // A misspelt value or filter in our own templates is a bug to see, not an empty string.
    strictVariables: true,
    strictFilters: true,
    lenientIf: true,
    ownPropertyOnly: true,
    cache: true,
  });
  for (const name of [...Object.keys(pages), LAYOUT_NAME]) liquid.parseFileSync(name);
  return (name, data) => liquid.renderFileSync(name, data);
}

/** A table of translated texts in one language, for a template's `t.<key>`. */
export function textsIn<Key extends string>(
  texts: Record<Key, LocalizedText>,
  locale: Locale,
): Record<Key, string> {
  return Object.fromEntries(
    Object.entries<LocalizedText>(texts).map(([key, value]) => [key, value[locale]]),
  ) as Record<Key, string>;
}
