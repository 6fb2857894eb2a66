import { type LocalizedText, text } from '@flowdesk/model';

/** The texts of the reports' refusals (reports.*), spread into HTTP_MESSAGES. */
type Params = Record<string, string | number | undefined>;
const s = (value: string | number | undefined) => String(value ?? '');

export const REPORT_MESSAGES = {
  report_no_recipients: () =>
    text('定时发送报告需要至少选择一位收件人', 'Choose at least one recipient to send reports on a schedule'),
  report_unknown_recipient: (p: Params) =>
    text(
      `收件人「${s(p.id)}」不存在、已停用或无权查看报告`,
      `The recipient "${s(p.id)}" does not exist, is switched off or may not read reports`,
    ),
  report_bad_date: (p: Params) =>
    text(`「${s(p.value)}」不是 YYYY-MM-DD 格式的日期`, `"${s(p.value)}" is not a date written YYYY-MM-DD`),
} satisfies Record<string, (params: Params) => LocalizedText>;
