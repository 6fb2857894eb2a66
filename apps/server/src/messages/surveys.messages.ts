import { type LocalizedText, text } from '@flowdesk/model';

/**
 * The texts of survey results and the quality-review queue, spread into
 * HTTP_MESSAGES so they share its codes and lookup.
 */
type Params = Record<string, string | number | undefined>;
const s = (value: string | number | undefined) => String(value ?? '');

export const SURVEY_MESSAGES = {
  survey_range_reversed: () => text('开始日期应早于结束日期', 'The start date must come before the end date'),
  survey_range_too_long: (p: Params) =>
    text(`日期范围最长 ${s(p.days)} 天`, `The date range may span at most ${s(p.days)} days`),
  survey_not_found: (p: Params) => text(`找不到问卷「${s(p.id)}」`, `Survey "${s(p.id)}" does not exist`),
  survey_not_in_review: () =>
    text(
      '只有评分低于 4 分的满意度问卷需要质检',
      'Only satisfaction (CSAT) answers below 4 go to quality review',
    ),
  survey_already_reviewed: (p: Params) =>
    text(
      `此问卷已由 ${s(p.by)} 于 ${s(p.at)} 质检，不能再次标记`,
      `This answer was already reviewed by ${s(p.by)} at ${s(p.at)}; it cannot be marked again`,
    ),
} satisfies Record<string, (params: Params) => LocalizedText>;
