import { type LocalizedText, text } from '@flowdesk/model';

/** Texts of failures the runtime reports into executions and incidents. */
export const RUNTIME_MESSAGES = {
  'runtime.activity_unavailable': (type: string) =>
    text(`此服务器尚未提供「${type}」步骤的执行能力`, `This server cannot run "${type}" steps yet`),
  'runtime.activity_crashed': (detail: string) =>
    text(`步骤执行时发生内部错误：${detail}`, `The step failed with an internal error: ${detail}`),
  'runtime.no_recipient': () =>
    text(
      '找不到收件人：客户没有对应的联系方式',
      'No recipient: the customer has no contact for this channel',
    ),
  'runtime.channel_unavailable': (channel: string) =>
    text(`渠道「${channel}」尚未配置发送方式`, `No delivery is configured for channel "${channel}"`),
  'runtime.http_failed': (detail: string) =>
    text(`HTTP 请求失败：${detail}`, `The HTTP request failed: ${detail}`),
  'runtime.template_failed': (detail: string) =>
    text(`消息模板无法生成：${detail}`, `The message template could not be rendered: ${detail}`),
  'runtime.state_unreadable': (detail: string) =>
    text(
      `执行的保存状态已损坏，无法继续：${detail}`,
      `The saved state of this execution is damaged and cannot be resumed: ${detail}`,
    ),
} satisfies Record<string, (...args: string[]) => LocalizedText>;
