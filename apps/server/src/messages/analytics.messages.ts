import { type LocalizedText, text } from '@flowdesk/model';

/** The texts of the KPI dashboard's refusals (analytics.*), spread into HTTP_MESSAGES. */
type Params = Record<string, string | number | undefined>;
const s = (value: string | number | undefined) => String(value ?? '');

export const ANALYTICS_MESSAGES = {
  analytics_range_reversed: () => text('开始时间应早于结束时间', 'The start must come before the end'),
  analytics_range_too_long: (p: Params) =>
    text(`统计范围最长 ${s(p.days)} 天`, `The date range may span at most ${s(p.days)} days`),
  analytics_range_too_big: (p: Params) =>
    text(
      `此范围内的工单超过 ${s(p.limit)} 张，请缩小日期范围或加筛选条件`,
      `This range holds more than ${s(p.limit)} tickets; choose a shorter range or add a filter`,
    ),
  analytics_too_many_buckets: (p: Params) =>
    text(
      `按此粒度会有 ${s(p.count)} 个点，最多 ${s(p.max)} 个；请选更粗的粒度或更短的范围`,
      `This bucket gives ${s(p.count)} points, at most ${s(p.max)} are allowed; choose a larger bucket or a shorter range`,
    ),
  analytics_unknown_team: (p: Params) =>
    text(`筛选的团队「${s(p.id)}」不存在`, `The team "${s(p.id)}" in the filter does not exist`),
  analytics_unknown_flow: (p: Params) =>
    text(`筛选的流程「${s(p.id)}」不存在`, `The flow "${s(p.id)}" in the filter does not exist`),
} satisfies Record<string, (params: Params) => LocalizedText>;
