import type { Locale } from '@flowdesk/model';
import type { SurveyKind } from '@flowdesk/store';
import { customerPages, textsIn } from '../http/customer-page.ts';
import { SURVEY_PAGE_TEXTS as T } from './survey-page-texts.ts';

/**
 * The public survey pages: plain HTML that works without JavaScript, with no
 * external assets, readable on a phone. The templates escape every value (see
 * customer-page.ts); the question and the comment are data, never templates.
 */
const STYLE = `{% block style %}
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
{% endblock %}`;

const render = customerPages({
  question: `{% layout 'customer-page' %}${STYLE}{% block body %}<h1>{{ t.title }}</h1>
<p>{{ question }}</p>{% if problem %}<p class="error" role="alert">{{ problem }}</p>{% endif %}
<form method="post" action="{{ formAction }}">
<fieldset><legend>{{ t.scoreLegend }}</legend>
<div class="scores">{% for score in scores %}<label><input type="radio" name="score" value="{{ score }}" required><span>{{ score }}</span></label>{% endfor %}</div>
<div class="ends"><span>{{ low }}</span><span>{{ high }}</span></div>
</fieldset>
<label for="comment">{{ t.commentLabel }}</label>
<textarea id="comment" name="comment" maxlength="1000">{{ comment }}</textarea>
<button type="submit">{{ t.submit }}</button>
</form>{% endblock %}`,
  notice: `{% layout 'customer-page' %}${STYLE}{% block body %}<h1>{{ title }}</h1><p>{{ body }}</p>{% endblock %}`,
});

function languageLink(locale: Locale, href: string | undefined) {
  return href ? { href, label: T.switchLanguage[locale] } : undefined;
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
  const [low, high] = kind === 'csat' ? [T.csatLow, T.csatHigh] : [T.npsLow, T.npsHigh];
  return render('question', {
    locale,
    title: T.title[locale],
    languageLink: languageLink(locale, input.languageLink),
    t: textsIn(T, locale),
    question: input.question || (kind === 'csat' ? T.csatQuestion : T.npsQuestion)[locale],
    problem: input.problem ? T[input.problem][locale] : null,
    formAction: input.formAction,
    scores: Array.from({ length: max - min + 1 }, (_, index) => min + index),
    low: low[locale],
    high: high[locale],
    comment: input.comment ?? '',
  });
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
  return render('notice', { locale, title: title[locale], body: body[locale] });
}
