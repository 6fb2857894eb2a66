import { engineText } from '@flowdesk/engine';
import { type LocalizedText, text } from '@flowdesk/model';

/** Texts of failures the runtime reports into executions and incidents, by stable code. */
type Params = Readonly<Record<string, string | number | undefined>>;
const s = (value: string | number | undefined) => String(value ?? '');

/** The cause a failure names by its engine code (`cause`, with the cause's own params beside it). */
function causeText(p: Params): LocalizedText {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(p))
    if (key !== 'cause' && value !== undefined) params[key] = value;
  return engineText(s(p.cause), params) ?? text(s(p.detail), s(p.detail));
}

export const RUNTIME_MESSAGES = {
  'runtime.activity_unavailable': (p: Params) =>
    text(`此服务器尚未提供「${s(p.type)}」步骤的执行能力`, `This server cannot run "${s(p.type)}" steps yet`),
  'runtime.activity_crashed': (p: Params) =>
    text(`步骤执行时发生内部错误：${s(p.detail)}`, `The step failed with an internal error: ${s(p.detail)}`),
  'runtime.no_recipient': () =>
    text(
      '找不到收件人：客户没有对应的联系方式',
      'No recipient: the customer has no contact for this channel',
    ),
  'runtime.channel_unavailable': (p: Params) =>
    text(
      `渠道「${s(p.channel)}」尚未配置发送方式`,
      `No delivery is configured for channel "${s(p.channel)}"`,
    ),
  'runtime.http_failed': (p: Params) =>
    text(`HTTP 请求失败：${s(p.detail)}`, `The HTTP request failed: ${s(p.detail)}`),
  'runtime.template_failed': (p: Params) =>
    text(`消息模板无法生成：${s(p.detail)}`, `The message template could not be rendered: ${s(p.detail)}`),
  'runtime.state_unreadable': (p: Params) =>
    text(
      `执行的保存状态已损坏，无法继续：${s(p.detail)}`,
      `The saved state of this execution is damaged and cannot be resumed: ${s(p.detail)}`,
    ),
  'runtime.exclusive_entry_failed': (p: Params) => {
    const cause = causeText(p);
    return text(
      `这个独占流程的进入条件无法判断（${cause['zh-CN']}）。为免同一请求被处理两次，后续流程也没有处理它；请修改进入条件`,
      `The entry conditions of this exclusive flow could not be evaluated (${cause.en}), so later flows did not handle the request either, to avoid handling it twice; change the entry conditions`,
    );
  },
  'runtime.unknown_code': (p: Params) =>
    text(`步骤失败（错误代码 ${s(p.code)}）`, `The step failed (error code ${s(p.code)})`),
} satisfies Record<string, (p: Params) => LocalizedText>;

export type RuntimeMessageCode = keyof typeof RUNTIME_MESSAGES;

export function isRuntimeMessageCode(code: string): code is RuntimeMessageCode {
  return Object.hasOwn(RUNTIME_MESSAGES, code);
}

export function runtimeMessage(code: RuntimeMessageCode, params: Params = {}): LocalizedText {
  return RUNTIME_MESSAGES[code](params);
}
