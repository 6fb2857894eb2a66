import { z } from 'zod';
import { FieldPathSchema, LocalizedTemplateSchema } from '../config-parts.schema.ts';
import { text } from '../i18n.ts';
import { MESSAGE_CHANNELS, SURVEY_KINDS } from '../vocabulary.ts';
import { defineNodeType } from './catalog.types.ts';
import { localizedShownTexts, localizedTemplateReferences, pick } from './catalog-helpers.ts';
import { ERROR_PORT, NEXT_PORT, port } from './ports.ts';

/** Actions that talk to people: messages, knowledge-base answers and surveys. */

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^\+?\d[\d -]{4,19}$/;
const HTTP_URL_RE = /^https?:\/\/[^\s/?#]+\S*$/i;

const HttpUrlSchema = z.string().trim().max(2000).regex(HTTP_URL_RE, { error: 'value.url' });

const AddressSchema = z
  .string()
  .trim()
  .max(320)
  .refine((address) => EMAIL_RE.test(address) || PHONE_RE.test(address) || HTTP_URL_RE.test(address), {
    error: 'value.address',
  });

const RECIPIENTS = {
  customer: text('客户', 'customer'),
  assignee: text('处理人', 'assignee'),
  team: text('处理团队', 'team'),
  address: text('指定地址', 'a specific address'),
};
const RECIPIENT_VALUES = ['customer', 'assignee', 'team', 'address'] as const;

/** How a channel reads inside a sentence ("Send email to customer"). */
const CHANNEL_IN_SENTENCE = {
  reply: text('原渠道', 'reply'),
  email: text('邮件', 'email'),
  sms: text('短信', 'SMS'),
  webhook: text('Webhook', 'webhook'),
  in_app: text('站内消息', 'in-app message'),
};

export const sendMessage = defineNodeType({
  type: 'action.send_message',
  category: 'action',
  icon: 'send',
  label: text('发送消息', 'Send message'),
  description: text(
    '通过原渠道、邮件、短信、站内消息或 Webhook 通知客户、处理人或团队。',
    'Notifies the customer, the assignee or the team by reply, email, SMS, in-app message or webhook.',
  ),
  fields: {
    channel: { label: text('发送方式', 'Channel') },
    // A reply goes back to whoever wrote, a webhook to its URL: choosing a recipient means nothing there.
    to: {
      label: text('发送给', 'Send to'),
      visibleWhen: { field: 'channel', in: ['email', 'sms', 'in_app'] },
    },
    address: {
      label: text('地址', 'Address'),
      help: text(
        '邮箱、手机号或网址，仅在“发送给”选择“指定地址”时使用。',
        'An email address, phone number or URL; used only when Send to is a specific address.',
      ),
      visibleWhen: { field: 'to', in: ['address'] },
    },
    url: {
      label: text('Webhook 网址', 'Webhook URL'),
      help: text(
        '以 https:// 开头；请求会带签名，便于对方校验。',
        'Starts with https://; requests are signed so the receiver can verify them.',
      ),
      visibleWhen: { field: 'channel', in: ['webhook'] },
    },
    templateId: {
      label: text('消息模板', 'Message template'),
      help: text(
        '选择工作区中已保存的模板后，无需再填写主题和内容。',
        'With a saved workspace template, subject and body are not needed.',
      ),
      refersTo: 'message_template',
    },
    // SMS and webhooks carry no subject line; a reply to an email and an in-app message do.
    subject: {
      label: text('邮件主题', 'Subject'),
      visibleWhen: { field: 'channel', in: ['email', 'reply', 'in_app'] },
    },
    body: {
      label: text('内容', 'Body'),
      help: text(
        '可插入字段，例如 {{ customer.name | default: "顾客" }}：没有值的字段显示为空，default 给出替代文字；个人信息可加 | mask 只显示后 4 位。',
        'May insert fields such as {{ customer.name | default: "there" }}: a field with no value shows as nothing, default gives the words to use instead; add | mask to show personal data as its last 4 characters only.',
      ),
    },
  },
  configSchema: z
    .strictObject({
      channel: z.enum(MESSAGE_CHANNELS.values),
      to: z.enum(RECIPIENT_VALUES).default('customer'),
      address: AddressSchema.optional(),
      url: HttpUrlSchema.optional(),
      templateId: z.string().trim().min(1).max(100).optional(),
      subject: LocalizedTemplateSchema.optional(),
      body: LocalizedTemplateSchema.optional(),
    })
    .superRefine((config, ctx) => {
      if (config.to === 'address' && !config.address) {
        ctx.addIssue({ code: 'custom', path: ['address'], message: 'config.address_missing' });
      }
      if (config.channel === 'webhook' && !config.url) {
        ctx.addIssue({ code: 'custom', path: ['url'], message: 'config.webhook_url_missing' });
      }
      if (config.templateId) return;
      if (config.channel === 'email' && !config.subject) {
        ctx.addIssue({ code: 'custom', path: ['subject'], message: 'config.subject_missing' });
      }
      if (!config.body) ctx.addIssue({ code: 'custom', path: ['body'], message: 'config.body_missing' });
    }),
  example: {
    channel: 'email',
    to: 'customer',
    subject: { 'zh-CN': '您的工单 {{ ticket.number }} 已受理', en: 'Ticket {{ ticket.number }} received' },
    body: {
      'zh-CN':
        '您好 {{ customer.name | mask | default: "顾客" }}，我们已收到您的问题，进度可在此查看：{{ ticket.link }}',
      en: 'Hello {{ customer.name | mask | default: "there" }}, we have your request; follow it here: {{ ticket.link }}',
    },
  },
  outputPorts: () => [NEXT_PORT, ERROR_PORT],
  // A saved template replaces subject and body (message-content.ts), so fields they name are never read.
  references: (config) =>
    config.templateId
      ? []
      : [
          ...localizedTemplateReferences('config.subject', config.subject),
          ...localizedTemplateReferences('config.body', config.body),
        ],
  // Only what reaches the customer: agents and webhooks cope with a gap, a customer reads it as sloppiness.
  shownTexts: (config, stored) => {
    if (config.to !== 'customer' || config.channel === 'webhook') return [];
    if (config.templateId) {
      // A saved template replaces subject and body; its texts are checked where it is chosen.
      const saved = stored(config.templateId);
      return [saved?.subject, saved?.body].flatMap((texts) =>
        Object.values(texts ?? {}).flatMap((template) =>
          template ? [{ at: 'config.templateId', template }] : [],
        ),
      );
    }
    return [
      ...localizedShownTexts('config.subject', config.subject),
      ...localizedShownTexts('config.body', config.body),
    ];
  },
  summarize: (config, locale) => {
    const channel = CHANNEL_IN_SENTENCE[config.channel][locale];
    const recipient = config.to === 'address' ? (config.address ?? '') : RECIPIENTS[config.to][locale];
    switch (config.channel) {
      case 'webhook':
        return pick(locale, `发送 Webhook 到 ${config.url ?? ''}`, `Send webhook to ${config.url ?? ''}`);
      case 'reply':
        return pick(locale, `在原渠道回复${recipient}`, `Reply to ${recipient}`);
      case 'email':
      case 'sms':
      case 'in_app':
        return pick(locale, `通过${channel}发送给${recipient}`, `Send ${channel} to ${recipient}`);
    }
  },
});

export const autoReply = defineNodeType({
  type: 'action.auto_reply',
  category: 'action',
  icon: 'bot',
  label: text('知识库自动回复', 'Auto-reply'),
  description: text(
    '在知识库中查找能回答客户问题的文章；匹配度足够时自动回复，否则转到“未能回答”出口。',
    'Looks for a knowledge-base article that answers the question; replies when the match is good enough, otherwise takes Not answered.',
  ),
  fields: {
    source: {
      label: text('问题内容', 'Question'),
      help: text('通常是请求内容 request.message。', 'Usually the request message, request.message.'),
      advanced: true,
    },
    threshold: {
      label: text('最低匹配度', 'Minimum match'),
      help: text('0 到 1 之间；越高越严格，默认 0.6。', 'Between 0 and 1; higher is stricter. Default 0.6.'),
      advanced: true,
    },
    sendReply: {
      label: text('直接回复客户', 'Reply to the customer'),
      help: text(
        '关闭后只找出答案（reply.text），由后面的步骤决定如何使用。',
        'When off, the answer is only found (reply.text) for later steps to use.',
      ),
    },
  },
  configSchema: z.strictObject({
    source: FieldPathSchema.default('request.message'),
    threshold: z.number().min(0).max(1).default(0.6),
    sendReply: z.boolean().default(true),
  }),
  example: { source: 'request.message', threshold: 0.6, sendReply: true },
  outputPorts: () => [
    port('answered', text('已回答', 'Answered'), 'optional'),
    port('not_answered', text('未能回答', 'Not answered'), 'required'),
    ERROR_PORT,
  ],
  provides: () => ['reply'],
  references: (config) => [{ at: 'config.source', path: config.source }],
  summarize: (config, locale) =>
    config.sendReply
      ? pick(
          locale,
          `知识库自动回复（匹配度 ≥ ${config.threshold}）`,
          `Auto-reply from the knowledge base (match ≥ ${config.threshold})`,
        )
      : pick(
          locale,
          `查找知识库答案，不直接发送（匹配度 ≥ ${config.threshold}）`,
          `Find a knowledge-base answer without sending it (match ≥ ${config.threshold})`,
        ),
});

const SURVEY_CHANNELS = {
  reply: text('原渠道', 'reply'),
  email: text('邮件', 'email'),
  sms: text('短信', 'SMS'),
};
const SURVEY_CHANNEL_VALUES = ['reply', 'email', 'sms'] as const;
const SURVEY_KIND_IN_SENTENCE = { csat: text('满意度', 'CSAT'), nps: text('NPS', 'NPS') };

export const sendSurvey = defineNodeType({
  type: 'action.send_survey',
  category: 'action',
  icon: 'clipboard-check',
  label: text('发送问卷', 'Send survey'),
  description: text(
    '请客户为服务打分（满意度 1–5 分或 NPS 0–10 分）；客户作答后可用“问卷已作答”触发后续流程。',
    'Asks the customer to rate the service (CSAT 1–5 or NPS 0–10); answers can start other flows through Survey answered.',
  ),
  fields: {
    kind: { label: text('问卷类型', 'Survey kind') },
    channel: { label: text('发送方式', 'Channel') },
    expiresInDays: {
      label: text('有效天数', 'Valid for (days)'),
      help: text('超过天数后链接失效，1 到 90 天。', 'The link stops working after this many days, 1 to 90.'),
    },
    question: {
      label: text('问题', 'Question'),
      help: text('留空时使用默认问题。', 'Empty uses the default question.'),
    },
  },
  configSchema: z.strictObject({
    kind: z.enum(SURVEY_KINDS.values),
    channel: z.enum(SURVEY_CHANNEL_VALUES).default('reply'),
    expiresInDays: z.number().int().min(1).max(90).default(7),
    question: LocalizedTemplateSchema.optional(),
  }),
  example: {
    kind: 'csat',
    channel: 'reply',
    expiresInDays: 7,
    question: {
      'zh-CN': '您对本次服务（工单 {{ ticket.number }}）满意吗？',
      en: 'How satisfied are you with our help on ticket {{ ticket.number }}?',
    },
  },
  outputPorts: () => [NEXT_PORT, ERROR_PORT],
  provides: () => ['survey'],
  references: (config) => localizedTemplateReferences('config.question', config.question),
  shownTexts: (config) => localizedShownTexts('config.question', config.question),
  summarize: (config, locale) => {
    const kind = SURVEY_KIND_IN_SENTENCE[config.kind][locale];
    const channel = SURVEY_CHANNELS[config.channel][locale];
    return pick(
      locale,
      `通过${channel}发送${kind}问卷，${config.expiresInDays} 天内有效`,
      `Send ${kind} survey by ${channel}, valid ${config.expiresInDays} days`,
    );
  },
});
