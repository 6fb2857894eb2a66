import type { Locale } from '@flowdesk/model';

/**
 * The frame of the pages customers open from our messages (survey, ticket
 * progress): plain HTML without JavaScript or outside assets, readable on a
 * phone, never indexed. Everything that comes from data is escaped.
 */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** The look every customer page shares; a page adds its own rules after it. */
export const BASE_PAGE_STYLE = `
  *{box-sizing:border-box}
  body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f6f8;color:#1f2328}
  main{max-width:560px;margin:0 auto;padding:24px 16px}
  .card{background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
  h1{font-size:1.3rem;margin:0 0 12px}
  nav{text-align:right;margin-bottom:8px;font-size:.9rem}
`;

export interface CustomerPage {
  locale: Locale;
  title: string;
  /** Already-escaped HTML for inside the card. */
  body: string;
  /** The page's own CSS, added after the shared rules. */
  style: string;
  /** The same page in the other language, with the link's text. */
  languageLink?: { href: string; label: string } | undefined;
}

export function customerPage(page: CustomerPage): string {
  const nav = page.languageLink
    ? `<nav><a href="${escapeHtml(page.languageLink.href)}">${escapeHtml(page.languageLink.label)}</a></nav>`
    : '';
  return `<!doctype html>
<html lang="${page.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page.title)}</title>
<style>${BASE_PAGE_STYLE}${page.style}</style>
</head>
<body><main>${nav}<div class="card">${page.body}</div></main></body>
</html>`;
}
