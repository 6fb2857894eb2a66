import { type LocalizedText, text } from '@flowdesk/model';

/**
 * The texts of the people screens (users, invitations, own account, contact
 * reveal), spread into HTTP_MESSAGES so they share its codes and lookup.
 */
type Params = Record<string, string | number | undefined>;
const s = (value: string | number | undefined) => String(value ?? '');

export const PEOPLE_MESSAGES = {
  account_deactivated: () =>
    text('此账号已停用，请联系管理员', 'This account has been deactivated; ask an admin'),
  password_change_required: () =>
    text('请先修改管理员设置的临时密码', 'Change the temporary password an admin set before going on'),
  password_wrong: () => text('当前密码不正确', 'The current password is not correct'),
  password_same: () => text('新密码不能与当前密码相同', 'The new password must differ from the current one'),
  user_not_found: (p: Params) => text(`找不到用户「${s(p.id)}」`, `User "${s(p.id)}" does not exist`),
  user_email_taken: (p: Params) =>
    text(`邮箱 ${s(p.email)} 已有账号`, `There is already an account for ${s(p.email)}`),
  last_admin: () =>
    text(
      '不能停用或降级最后一位在用的管理员：请先让另一位用户成为管理员',
      'The last active admin cannot be deactivated or given another role: make someone else an admin first',
    ),
  invitation_unknown: () =>
    text(
      '此邀请链接无效，请向管理员索取新的链接',
      'This invitation link is not valid; ask an admin for a new one',
    ),
  invitation_used: () =>
    text('此邀请链接已使用过，请直接登录', 'This invitation link has been used already; sign in instead'),
  invitation_expired: () =>
    text(
      '此邀请链接已过期，请向管理员索取新的链接',
      'This invitation link has expired; ask an admin for a new one',
    ),
  invitation_revoked: () => text('此邀请已被管理员撤销', 'An admin has withdrawn this invitation'),
  invitation_name_required: () => text('请填写您的姓名', 'Please enter your name'),
  invitation_not_found: (p: Params) =>
    text(`找不到待接受的邀请「${s(p.id)}」`, `There is no open invitation "${s(p.id)}"`),
  reveal_not_allowed: (p: Params) =>
    text(
      `当前角色（${s(p.role)}）不能查看客户的完整联系方式`,
      `Your role (${s(p.role)}) may not reveal a customer's contact`,
    ),
  reveal_no_customer: () =>
    text(
      '此工单没有关联客户，没有可显示的联系方式',
      'This ticket has no customer, so there is no contact to show',
    ),
} satisfies Record<string, (p: Params) => LocalizedText>;
