import { text } from '@flowdesk/model';

/** Refusals of a Classify step's threshold what-if, spread into HTTP_MESSAGES. */
type Params = Record<string, string | number | undefined>;
const s = (value: string | number | undefined) => String(value ?? '');

export const THRESHOLD_WHAT_IF_MESSAGES = {
  what_if_unknown_node: (p: Params) =>
    text(`此流程的草稿中没有步骤“${s(p.nodeId)}”`, `The flow's draft has no step "${s(p.nodeId)}"`),
  what_if_not_classify: (p: Params) =>
    text(
      `步骤“${s(p.nodeId)}”不是“智能分类”步骤，没有置信度阈值`,
      `Step "${s(p.nodeId)}" is not a Classify step, so it has no confidence threshold`,
    ),
  what_if_no_live_version: () =>
    text(
      '此流程还没有发布过版本：阈值推演要用线上版本做过的分类',
      'This flow has never been published: the what-if reads the classifications of its live version',
    ),
  what_if_no_history: (p: Params) =>
    text(
      `线上版本 v${s(p.version)} 在所选范围内没有经过此分类步骤的请求，无从推演`,
      `No request went through this Classify step on live version v${s(p.version)} in the chosen range, so there is nothing to go on`,
    ),
  what_if_history_pruned: (p: Params) =>
    text(
      `线上版本 v${s(p.version)} 在所选范围内的 ${s(p.pruned)} 次执行都已超过保留期，步骤记录已清理，分类结果无从读取；请选择更近的请求`,
      `The ${s(p.pruned)} execution(s) of live version v${s(p.version)} in the chosen range are older than the retention period: their step logs, and the classifications in them, were pruned; choose more recent requests`,
    ),
  what_if_range_invalid: () =>
    text('日期范围的开始必须早于结束', 'The start of the date range must come before its end'),
};
