import { text } from '@flowdesk/model';

/** Every word of the customer's progress page, in both languages. */
export const PROGRESS_PAGE_TEXTS = {
  title: text('工单进度', 'Request progress'),
  ticket: text('工单编号', 'Ticket number'),
  status: text('当前状态', 'Status'),
  created: text('提交时间', 'Submitted'),
  history: text('处理记录', 'History'),
  noHistory: text('暂无记录', 'Nothing yet'),
  statusChanged: text('状态变为', 'Status changed to'),
  you: text('您', 'You'),
  support: text('客服', 'Support'),
  automatic: text('客服（自动回复）', 'Support (automatic)'),
  switchLanguage: text('English', '中文'),
  notFoundTitle: text('找不到此工单', 'Request not found'),
  notFoundBody: text(
    '链接无效或已失效，请使用我们发给您的完整链接。',
    'This link is not valid. Please use the complete link we sent you.',
  ),
  goneTitle: text('此链接已失效', 'This link no longer works'),
  goneBody: text(
    '为保护您的信息，进度链接会在一段时间后或应要求失效。请联系我们的客服，索取新的链接。',
    'To protect your information, progress links stop working after a while or when withdrawn. Please contact our support team and ask for a new link.',
  ),
};
