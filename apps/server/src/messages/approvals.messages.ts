import { type LocalizedText, text } from '@flowdesk/model';

/**
 * The texts of approvals and the notification inbox, spread into
 * HTTP_MESSAGES so they share its codes and lookup.
 */
type Params = Record<string, string | number | undefined>;
const s = (value: string | number | undefined) => String(value ?? '');

const STATUS_WORDS: Record<string, LocalizedText> = {
  approved: text('已批准', 'approved'),
  rejected: text('已拒绝', 'rejected'),
  timed_out: text('已超时', 'timed out'),
  cancelled: text('已取消', 'cancelled'),
};

export const APPROVAL_MESSAGES = {
  approval_not_found: (p: Params) =>
    text(`找不到审批请求「${s(p.id)}」`, `Approval request "${s(p.id)}" does not exist`),
  approval_already_decided: (p: Params) =>
    text(
      `此审批请求已处理（${STATUS_WORDS[s(p.status)]?.['zh-CN'] ?? s(p.status)}），不能再次决定`,
      `This approval request is already ${STATUS_WORDS[s(p.status)]?.en ?? s(p.status)}; it cannot be decided again`,
    ),
  approval_not_yours: (p: Params) =>
    text(
      `此审批请求由${p.team ? `团队「${s(p.team)}」` : '主管'}决定，你不能处理`,
      `This approval request is for ${p.team ? `team "${s(p.team)}"` : 'the supervisors'} to decide, not you`,
    ),
  notification_not_found: (p: Params) =>
    text(`找不到通知「${s(p.id)}」`, `Notification "${s(p.id)}" does not exist`),
} satisfies Record<string, (params: Params) => LocalizedText>;
