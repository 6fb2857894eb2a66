import { type LocalizedText, text } from '@flowdesk/model';

/** The texts of the flow analytics overlay's refusals (flowAnalytics.*), spread into HTTP_MESSAGES. */
type Params = Record<string, string | number | undefined>;
const s = (value: string | number | undefined) => String(value ?? '');

export const FLOW_ANALYTICS_MESSAGES = {
  flow_analytics_range_reversed: (p: Params) =>
    text(
      `开始日期（${s(p.from)}）应不晚于结束日期（${s(p.to)}）`,
      `The first day (${s(p.from)}) must not come after the last day (${s(p.to)})`,
    ),
  flow_analytics_range_too_long: (p: Params) =>
    text(
      `流程统计的日期范围最长 ${s(p.days)} 天`,
      `The flow analytics range may span at most ${s(p.days)} days`,
    ),
} satisfies Record<string, (params: Params) => LocalizedText>;
