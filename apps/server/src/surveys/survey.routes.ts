import { answerSurvey, findSurveyByToken, type SurveyLookup } from '@flowdesk/desk';
import { isLocale, type Locale } from '@flowdesk/model';
import express, { type Express, type Request, type Response } from 'express';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { localeFromAcceptLanguage } from '../http/locale.ts';
import { type NoticeKind, noticePage, questionPage } from './survey-page.ts';

/** A form with a score and a 1000-character comment fits easily; anything bigger is refused before parsing. */
const FORM_LIMIT = '16kb';

const STATUS: Record<NoticeKind, number> = { thanks: 200, not_found: 404, expired: 410, answered: 409 };

/**
 * `?lang=` first, then the language the survey was sent in (the customer's own,
 * and the only one its question is worded in), then the browser's languages.
 */
function pageLocale(request: Request, surveyLocale?: string): Locale {
  const asked = typeof request.query.lang === 'string' ? request.query.lang.toLowerCase() : '';
  if (asked.startsWith('zh')) return 'zh-CN';
  if (asked.startsWith('en')) return 'en';
  if (isLocale(surveyLocale)) return surveyLocale;
  if (request.headers['accept-language']) return localeFromAcceptLanguage(request.headers['accept-language']);
  return 'zh-CN';
}

function send(response: Response, status: number, html: string): void {
  // A survey page is personal to its link: never cached, never indexed.
  response.status(status).set({ 'Cache-Control': 'no-store', 'Content-Type': 'text/html; charset=utf-8' });
  response.send(html);
}

function links(token: string, locale: Locale) {
  const base = `/s/${encodeURIComponent(token)}`;
  return {
    formAction: `${base}?lang=${locale}`,
    languageLink: `${base}?lang=${locale === 'en' ? 'zh-CN' : 'en'}`,
  };
}

function notice(response: Response, locale: Locale, lookup: Exclude<SurveyLookup, { status: 'open' }>) {
  send(response, STATUS[lookup.status], noticePage(locale, lookup.status));
}

/**
 * The public survey pages at /s/:token: GET shows the question, POST records
 * one answer per link. Expired, answered and unknown links get a friendly page
 * and nothing is written. They are HTML pages for people, not part of the
 * JSON API, so they live on their own router outside the OpenAPI document.
 */
export function mountSurveyPages(app: Express, services: AppServices): void {
  const deps = { clock: services.clock, ids: services.ids, workspaceId: DEFAULT_WORKSPACE_ID };
  const pages = express.Router();
  app.use('/s', pages);

  pages.get('/:token', async (request, response) => {
    const token = String(request.params.token);
    const lookup = await findSurveyByToken(services.store, token, services.clock.now());
    const locale = pageLocale(request, 'survey' in lookup ? lookup.survey.locale : undefined);
    if (lookup.status !== 'open') return notice(response, locale, lookup);
    const { survey } = lookup;
    // The question was rendered in the language it was sent in; another language gets the default one.
    const question = survey.locale === locale ? survey.question : '';
    send(response, 200, questionPage({ locale, kind: survey.kind, question, ...links(token, locale) }));
  });

  pages.post(
    '/:token',
    express.urlencoded({ extended: false, limit: FORM_LIMIT }),
    async (request, response) => {
      const token = String(request.params.token);
      const form = (request.body ?? {}) as Record<string, unknown>;
      const outcome = await services.store.transaction((tx) =>
        answerSurvey(tx, token, { score: form.score, comment: form.comment }, deps),
      );
      const locale = pageLocale(request, 'survey' in outcome ? outcome.survey.locale : undefined);
      switch (outcome.status) {
        case 'recorded':
          return send(response, 200, noticePage(locale, 'thanks'));
        case 'invalid': {
          const { survey } = outcome;
          const question = survey.locale === locale ? survey.question : '';
          const comment = typeof form.comment === 'string' ? form.comment.slice(0, 1000) : '';
          const page = questionPage({
            locale,
            kind: survey.kind,
            question,
            problem: outcome.problem,
            comment,
            ...links(token, locale),
          });
          return send(response, 400, page);
        }
        case 'expired':
        case 'answered':
        case 'not_found':
          return notice(response, locale, outcome);
      }
    },
  );
}
