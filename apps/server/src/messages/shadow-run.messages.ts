import { type LocalizedText, text } from '@flowdesk/model';

/** Refusals of the shadow run and its publish guard, spread into HTTP_MESSAGES. */
type Params = Record<string, string | number | undefined>;
const s = (value: string | number | undefined) => String(value ?? '');

export const SHADOW_RUN_MESSAGES = {
  shadow_blocked: (p: Params) =>
    text(
      `草稿有 ${s(p.count)} 个错误，无法影子运行；请先修正`,
      `The draft has ${s(p.count)} error(s), so it cannot be shadow-run; fix them first`,
    ),
  shadow_no_live_version: () =>
    text(
      '此流程还没有发布过版本：影子运行需要一个线上版本来对比',
      'This flow has never been published: a shadow run compares the draft with a live version',
    ),
  shadow_empty_history: () =>
    text(
      '所选范围内没有此流程处理过的请求，无可回放',
      'This flow handled no requests in the chosen range, so there is nothing to replay',
    ),
  shadow_limit: (p: Params) =>
    text(
      `影子运行最多回放 ${s(p.max)} 个请求（请求了 ${s(p.requested)} 个）`,
      `A shadow run replays at most ${s(p.max)} requests (${s(p.requested)} asked for)`,
    ),
  shadow_range_invalid: () =>
    text('日期范围的开始必须早于结束', 'The start of the date range must come before its end'),
  shadow_run_not_found: (p: Params) =>
    text(`找不到影子运行「${s(p.id)}」`, `Shadow run "${s(p.id)}" does not exist`),
  shadow_run_not_finished: () =>
    text('影子运行尚未完成，报告还不能使用', 'The shadow run has not finished; its report is not ready yet'),
  shadow_report_stale: () =>
    text(
      '所附影子运行报告不是针对当前草稿的：草稿在运行后又被修改，请重新运行',
      'The attached shadow-run report is not of the current draft: it changed after the run, run it again',
    ),
  shadow_report_used: (p: Params) =>
    text(
      `此影子运行报告已随版本 v${s(p.version)} 发布，不能再附到另一个版本；请重新运行`,
      `This shadow-run report was already published with v${s(p.version)} and cannot go with another version; run it again`,
    ),
  shadow_run_busy: (p: Params) =>
    text(
      `已有一个影子运行在进行中（${s(p.by)} 于 ${s(p.at)} 启动，流程「${s(p.flowZh ?? p.flow)}」）；请等它结束或取消后再运行`,
      `A shadow run is already running, started by ${s(p.by)} at ${s(p.at)} (flow "${s(p.flowEn ?? p.flow)}"); wait for it to end or cancel it, then run again`,
    ),
  shadow_run_interrupted: () =>
    text(
      '影子运行被中断（运行它的服务已停止或重启），没有生成报告；请重新运行',
      'The shadow run was interrupted (the server running it stopped or restarted) and left no report; run it again',
    ),
  shadow_run_failed: () =>
    text(
      '影子运行因内部错误失败，没有生成报告；请重新运行，若仍失败请联系运维',
      'The shadow run failed on an internal error and left no report; run it again, and tell operations if it fails again',
    ),
  shadow_required: () =>
    text(
      '此流程被标记为关键流程：发布前需要对当前草稿做一次影子运行并附上报告',
      'This flow is marked critical: publishing needs a shadow run of the current draft with its report attached',
    ),
} satisfies Record<string, (p: Params) => LocalizedText>;
