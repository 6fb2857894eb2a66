/**
 * Removes the quoted history a mail client adds under a reply, so the ticket
 * shows what the customer wrote this time. Conservative on purpose: it cuts
 * only at headers mail clients really write (Gmail, Apple Mail, Outlook,
 * Foxmail, QQ Mail, NetEase) and drops `>` quote lines; when that would leave
 * nothing, the whole text is kept, because losing a customer's words is worse
 * than showing an old quote twice.
 */

/** One line that starts the quoted part on its own. */
const CUT_LINES: readonly RegExp[] = [
  // Gmail / Apple Mail / Thunderbird: "On Mon, 23 Nov 2026 at 10:00, Wang <a@b.cn> wrote:"
  /^On\s.{1,300}\swrote:$/i,
  // Chinese Gmail / Apple Mail: "在 2026年11月23日 10:00，王小明 <a@b.cn> 写道：" or "于…写道："
  /^.{0,300}写道\s*[：:]$/,
  // Outlook (plain text) and many webmails.
  /^-{2,}\s*Original Message\s*-{2,}$/i,
  // QQ Mail, Foxmail, NetEase: "------------------ 原始邮件 ------------------"
  /^-{2,}\s*原始邮件\s*-{2,}$/,
  /^-{2,}\s*回复的原邮件\s*-{2,}$/,
];

/** Outlook / Foxmail header blocks: a From line followed closely by Sent/Date/To/Subject lines. */
const BLOCK_START = /^\*?(From|发件人)\s*\*?\s*[:：]/i;
const BLOCK_FIELD = /^\*?(Sent|Date|To|Cc|Subject|发送时间|时间|日期|收件人|抄送|主题)\s*\*?\s*[:：]/i;
const SEPARATOR = /^(_{5,}|-{5,}|={5,})$/;

function isHeaderBlock(lines: readonly string[], index: number): boolean {
  if (!BLOCK_START.test(lines[index] ?? '')) return false;
  let fields = 0;
  for (let next = index + 1; next < Math.min(lines.length, index + 7); next++) {
    if (BLOCK_FIELD.test(lines[next] ?? '')) fields++;
  }
  return fields >= 2;
}

/** Gmail wraps a long "On … wrote:" line in two; joining a line with the next finds it. */
function startsQuote(lines: readonly string[], index: number): boolean {
  const line = lines[index] ?? '';
  if (CUT_LINES.some((pattern) => pattern.test(line))) return true;
  const joined = `${line} ${(lines[index + 1] ?? '').trim()}`;
  if (/^On\s/i.test(line) && CUT_LINES[0]?.test(joined)) return true;
  return isHeaderBlock(lines, index);
}

export function stripQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const trimmed = lines.map((line) => line.trim());
  let end = trimmed.length;
  for (let index = 0; index < trimmed.length; index++) {
    if (startsQuote(trimmed, index)) {
      end = index;
      break;
    }
  }
  const kept = lines.slice(0, end).filter((line) => !line.trimStart().startsWith('>'));
  // The separator line Outlook writes above its header block belongs to the quote.
  while (kept.length > 0 && (kept.at(-1)?.trim() === '' || SEPARATOR.test(kept.at(-1)?.trim() ?? ''))) {
    kept.pop();
  }
  const result = kept.join('\n').trim();
  return result === '' ? text.trim() : result;
}
