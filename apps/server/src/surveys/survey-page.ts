import type { Locale } from '@flowdesk/model';
import type { SurveyKind } from '@flowdesk/store';
import { customerPage, escapeHtml } from '../http/customer-page.ts';
import { SURVEY_PAGE_TEXTS as T } from './survey-page-texts.ts';

/**
 * The public survey pages: plain HTML that works without JavaScript, with no
 * external assets, readable on a phone. Everything that comes from data is
 * escaped.
 */
const STYLE = `
  p{line-height:1.5}
  fieldset{border:0;padding:0;margin:16px 0}
  legend{font-weight:600;margin-bottom:8px}
  .scores{display:flex;flex-wrap:wrap;gap:8px}
  .scores label{flex:1 0 44px;min-width:44px}
  .scores input{position:absolute;opacity:0}
  .scores span{display:block;text-align:center;padding:12px 0;border:1px solid #c9ced6;border-radius:8px;font-size:1.1rem}
  .scores input:checked+span{background:#1f6feb;border-color:#1f6feb;color:#fff}
  .scores input:focus-visible+span{outline:2px solid #1f6feb;outline-offset:2px}
  .ends{display:flex;justify-content:space-between;font-size:.85rem;color:#59636e;margin-top:6px}
  textarea{width:100%;min-height:96px;font:inherit;padding:8px;border:1px solid #c9ced6;border-radius:8px}
  button{width:100%;margin-top:16px;padding:14px;font-size:1rem;border:0;border-radius:8px;background:#1f6feb;color:#fff}
  .error{color:#b42318;font-weight:600}
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

export interface QuestionPageInput {
  locale: Locale;
  kind: SurveyKind;
  /** The question as sent; empty uses the default for the kind. */
  question: string;
  formAction: string;
  languageLink: string;
  problem?: 'score_invalid' | 'comment_too_long';
  comment?: string;
}

export function questionPage(input: QuestionPageInput): string {
  const { locale, kind } = input;
  const [min, max] = kind === 'csat' ? [1, 5] : [0, 10];
  const question = input.question || (kind === 'csat' ? T.csatQuestion : T.npsQuestion)[locale];
  const scores: string[] = [];
  for (let score = min; score <= max; score++) {
    scores.push(
      `<label><input type="radio" name="score" value="${score}" required><span>${score}</span></label>`,
    );
  }
  const [low, high] = kind === 'csat' ? [T.csatLow, T.csatHigh] : [T.npsLow, T.npsHigh];
  const problem = input.problem
    ? `<p class="error" role="alert">${escapeHtml(T[input.problem][locale])}</p>`
    : '';
  const body = `<h1>${escapeHtml(T.title[locale])}</h1>
<p>${escapeHtml(question)}</p>${problem}
<form method="post" action="${escapeHtml(input.formAction)}">
<fieldset><legend>${escapeHtml(T.scoreLegend[locale])}</legend>
<div class="scores">${scores.join('')}</div>
<div class="ends"><span>${escapeHtml(low[locale])}</span><span>${escapeHtml(high[locale])}</span></div>
</fieldset>
<label for="comment">${escapeHtml(T.commentLabel[locale])}</label>
<textarea id="comment" name="comment" maxlength="1000">${escapeHtml(input.comment ?? '')}</textarea>
<button type="submit">${escapeHtml(T.submit[locale])}</button>
</form>`;
  return layout(locale, T.title[locale], body, input.languageLink);
}

export type NoticeKind = 'thanks' | 'expired' | 'answered' | 'not_found';

const NOTICES = {
  thanks: [T.thanksTitle, T.thanksBody],
  expired: [T.expiredTitle, T.expiredBody],
  answered: [T.answeredTitle, T.answeredBody],
  not_found: [T.notFoundTitle, T.notFoundBody],
} as const;

/** The friendly page for a link that cannot be answered (or just was). */
export function noticePage(locale: Locale, kind: NoticeKind): string {
  const [title, body] = NOTICES[kind];
  return layout(
    locale,
    title[locale],
    `<h1>${escapeHtml(title[locale])}</h1><p>${escapeHtml(body[locale])}</p>`,
  );
}
