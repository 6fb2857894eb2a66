import { type LocalizedText, text } from '@flowdesk/model';

/** Texts of notification warnings and failures, shown in the step log and incidents. */
export const NOTIFICATION_MESSAGES = {
  'notification.field_missing': (field: string) =>
    text(
      `消息模板引用的字段「${field}」没有值，已显示为 [${field}]`,
      `The message template names "${field}", which has no value; it was shown as [${field}]`,
    ),
  'notification.template_not_found': (id: string) =>
    text(
      `找不到消息模板「${id}」，请在设置中创建或更换模板`,
      `Message template "${id}" does not exist; create it in settings or pick another`,
    ),
  'notification.template_failed': (detail: string) =>
    text(`消息模板无法生成：${detail}`, `The message template could not be rendered: ${detail}`),
  'notification.no_recipient': () =>
    text(
      '找不到收件人：客户没有对应的联系方式',
      'No recipient: the customer has no contact for this channel',
    ),
  'notification.survey_subject': () => text('请为我们的服务打分', 'Please rate our service'),
  'notification.survey_link': (link: string) => text(`点击链接作答：${link}`, `Answer here: ${link}`),
} satisfies Record<string, (...args: string[]) => LocalizedText>;

export type NotificationMessageCode = keyof typeof NOTIFICATION_MESSAGES;
