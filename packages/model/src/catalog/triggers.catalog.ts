import { z } from 'zod';
import { CronSchema, type RuleGroup, RuleGroupSchema, TimezoneSchema } from '../config-parts.schema.ts';
import { type Locale, type LocalizedText, text } from '../i18n.ts';
import { ANOMALY_SERIES, CHANNELS, SURVEY_KINDS, TICKET_EVENTS, TICKET_STATUSES } from '../vocabulary.ts';
import { defineNodeType } from './catalog.types.ts';
import { formatRuleGroup, labelsOf, pick } from './catalog-helpers.ts';
import { TRIGGER_NEXT_PORT } from './ports.ts';

const EVENT_NAME_RE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/**
 * What each trigger's entry conditions may read: the data the trigger brings,
 * plus the customer's stored profile for requests (VIP level, tags), looked up
 * before any flow starts. For a request that is the channel, the entry page
 * `request.metadata.sourcePage`, brand and other `request.customFields`.
 */
export const ENTRY_CONDITION_SOURCES_BY_TRIGGER = {
  'trigger.request_received': ['request', 'customer'],
  'trigger.ticket_event': ['ticket', 'customer', 'event'],
  'trigger.survey_answered': ['survey', 'ticket', 'customer'],
  'trigger.external_event': ['event', 'customer'],
  'trigger.anomaly_detected': ['anomaly'],
} as const satisfies Record<string, readonly string[]>;

export const ENTRY_CONDITION_SOURCES = ENTRY_CONDITION_SOURCES_BY_TRIGGER['trigger.request_received'];

function fieldsOutside(group: RuleGroup, sources: readonly string[]): string[] {
  return group.children.flatMap((child) => {
    if (child.kind === 'group') return fieldsOutside(child, sources);
    return sources.includes(child.field.split('.')[0] ?? '') ? [] : [child.field];
  });
}

/** Entry conditions: empty (or missing) lets everything in, as before they existed. */
function entryConditionsSchema(sources: readonly string[]) {
  return RuleGroupSchema.superRefine((group, ctx) => {
    for (const field of fieldsOutside(group, sources)) {
      ctx.addIssue({
        code: 'custom',
        message: 'value.not_one_of',
        params: { values: sources.map((source) => `${source}.…`).join(', '), field },
      });
    }
  });
}

function entryFields(help: LocalizedText) {
  return {
    entry: { label: text('进入条件', 'Entry conditions'), help },
    'entry.combinator': {
      label: text('满足方式', 'Match'),
      help: text('全部满足、任一满足或都不满足。', 'All, any, or none of the rules.'),
    },
    'entry.children': { label: text('规则', 'Rules') },
    'entry.children.field': { label: text('字段', 'Field') },
    'entry.children.operator': { label: text('比较方式', 'Comparison') },
    'entry.children.value': { label: text('值', 'Value') },
  };
}

function entrySummary(entry: RuleGroup | undefined, locale: Locale): string {
  return entry && entry.children.length > 0
    ? pick(locale, '，条件：', ', if ') + formatRuleGroup(entry, locale)
    : '';
}

export const requestReceived = defineNodeType({
  type: 'trigger.request_received',
  category: 'trigger',
  icon: 'inbox',
  label: text('收到客户请求', 'Request received'),
  description: text(
    '客户通过网页表单、在线聊天、邮件、电话、微信或 API 发来请求时开始。',
    'Starts when a customer sends a request by web form, chat, email, phone, WeChat or API.',
  ),
  fields: {
    channels: {
      label: text('渠道', 'Channels'),
      help: text(
        '只处理来自这些渠道的请求；不选表示全部渠道。',
        'Only requests from these channels; none selected means all.',
      ),
    },
    categories: {
      label: text('分类', 'Categories'),
      help: text(
        '只处理客户已选择这些分类的请求；留空表示不限。',
        'Only requests the customer filed under these categories; empty means any.',
      ),
    },
    keywords: {
      label: text('关键词', 'Keywords'),
      help: text(
        '主题或内容包含任一关键词时才开始；留空表示不限。',
        'Start only if the subject or message contains one of these words; empty means any.',
      ),
    },
    ...entryFields(
      text(
        '只有满足这些规则的请求才会开始此流程：渠道、入口页面（request.metadata.sourcePage）、品牌等自定义字段（request.customFields…）、客户 VIP 等级和标签。不填表示所有请求。',
        'Only requests that meet these rules start this flow: channel, entry page (request.metadata.sourcePage), brand and other custom fields (request.customFields…), the customer’s VIP level and tags. Empty lets every request in.',
      ),
    ),
    exclusive: {
      label: text('独占处理', 'Exclusive'),
      help: text(
        '此流程处理了某个请求后，排在它后面的流程不再处理该请求（在流程列表中调整顺序）。',
        'When this flow handles a request, later flows do not (set the order in the flow list).',
      ),
    },
  },
  configSchema: z.strictObject({
    channels: z.array(z.enum(CHANNELS.values)).max(CHANNELS.values.length).default([]),
    categories: z.array(z.string().min(1).max(100)).max(100).default([]),
    keywords: z.array(z.string().min(1).max(100)).max(200).default([]),
    entry: entryConditionsSchema(ENTRY_CONDITION_SOURCES_BY_TRIGGER['trigger.request_received']).optional(),
    exclusive: z.boolean().default(false),
  }),
  // Tests and the palette start new triggers from the example: no entry conditions, not exclusive.
  example: { channels: ['web_form', 'wechat'], categories: [], keywords: ['退货', 'return'] },
  outputPorts: () => [TRIGGER_NEXT_PORT],
  provides: () => ['request'],
  summarize: (config, locale) => {
    const base =
      config.channels.length === 0
        ? pick(locale, '任意渠道的新请求', 'New request on any channel')
        : pick(locale, '新请求：', 'New request via ') + labelsOf(config.channels, CHANNELS.labels, locale);
    return (
      base +
      entrySummary(config.entry, locale) +
      (config.exclusive ? pick(locale, '（独占）', ' (exclusive)') : '')
    );
  },
});

export const ticketEvent = defineNodeType({
  type: 'trigger.ticket_event',
  category: 'trigger',
  icon: 'ticket',
  label: text('工单事件', 'Ticket event'),
  description: text(
    '工单被创建、状态变化、被分配、客户回复，或 SLA 即将超时/已超时时开始。',
    'Starts when a ticket is created, changes status, is assigned, gets a customer reply, or nears or breaches its SLA.',
  ),
  fields: {
    events: {
      label: text('事件', 'Events'),
      help: text('发生任一所选事件时开始。', 'Starts on any of the selected events.'),
    },
    statuses: {
      label: text('新状态', 'New status'),
      help: text(
        '仅对“状态变更”有效：只在变为这些状态时开始；留空表示任意。',
        'For "status changed" only: start only when the ticket enters one of these; empty means any.',
      ),
    },
    ...entryFields(
      text(
        '只有满足这些规则的工单事件才会开始此流程，例如 ticket.team 等于本团队。不填表示所有事件。',
        'Only ticket events that meet these rules start this flow, e.g. ticket.team equals your team. Empty lets every event in.',
      ),
    ),
  },
  configSchema: z.strictObject({
    events: z.array(z.enum(TICKET_EVENTS.values)).min(1).max(TICKET_EVENTS.values.length),
    statuses: z.array(z.enum(TICKET_STATUSES.values)).max(TICKET_STATUSES.values.length).default([]),
    entry: entryConditionsSchema(ENTRY_CONDITION_SOURCES_BY_TRIGGER['trigger.ticket_event']).optional(),
  }),
  example: { events: ['status_changed'], statuses: ['resolved'] },
  outputPorts: () => [TRIGGER_NEXT_PORT],
  provides: () => ['ticket', 'customer', 'event'],
  summarize: (config, locale) =>
    labelsOf(config.events, TICKET_EVENTS.labels, locale) + entrySummary(config.entry, locale),
});

export const surveyAnswered = defineNodeType({
  type: 'trigger.survey_answered',
  category: 'trigger',
  icon: 'star',
  label: text('问卷已作答', 'Survey answered'),
  description: text(
    '客户提交满意度或 NPS 问卷时开始。',
    'Starts when a customer submits a CSAT or NPS survey.',
  ),
  fields: {
    kinds: { label: text('问卷类型', 'Survey kinds') },
    scoreAtMost: {
      label: text('最高分数', 'Score at most'),
      help: text(
        '只在评分不高于此值时开始，例如 3 表示低分回访；留空表示任意分数。',
        'Start only for scores up to this value, e.g. 3 to follow up low scores; empty means any score.',
      ),
    },
    ...entryFields(
      text(
        '只有满足这些规则的问卷答复才会开始此流程，例如 ticket.team 等于本团队。不填表示所有答复。',
        'Only survey answers that meet these rules start this flow, e.g. ticket.team equals your team. Empty lets every answer in.',
      ),
    ),
  },
  configSchema: z.strictObject({
    kinds: z.array(z.enum(SURVEY_KINDS.values)).min(1).default(['csat', 'nps']),
    scoreAtMost: z.number().int().min(0).max(10).optional(),
    entry: entryConditionsSchema(ENTRY_CONDITION_SOURCES_BY_TRIGGER['trigger.survey_answered']).optional(),
  }),
  example: { kinds: ['csat'], scoreAtMost: 3 },
  outputPorts: () => [TRIGGER_NEXT_PORT],
  provides: () => ['survey', 'ticket', 'customer'],
  summarize: (config, locale) => {
    const kinds = labelsOf(config.kinds, SURVEY_KINDS.labels, locale);
    const entry = entrySummary(config.entry, locale);
    if (config.scoreAtMost === undefined) return kinds + entry;
    return (
      pick(locale, `${kinds}，评分 ≤ ${config.scoreAtMost}`, `${kinds}, score ≤ ${config.scoreAtMost}`) +
      entry
    );
  },
});

export const schedule = defineNodeType({
  type: 'trigger.schedule',
  category: 'trigger',
  icon: 'calendar-clock',
  label: text('定时', 'Schedule'),
  description: text(
    '按计划定时开始，例如每个工作日早上 9 点。',
    'Starts on a schedule, e.g. every weekday at 9:00.',
  ),
  fields: {
    cron: {
      label: text('时间计划（cron）', 'Schedule (cron)'),
      help: text(
        '分 时 日 月 周。例如 “0 9 * * 1-5” 表示工作日 9:00。',
        'minute hour day month weekday. E.g. "0 9 * * 1-5" is weekdays at 9:00.',
      ),
    },
    timezone: { label: text('时区', 'Timezone'), help: text('例如 Asia/Shanghai。', 'E.g. Asia/Shanghai.') },
  },
  configSchema: z.strictObject({
    cron: CronSchema,
    timezone: TimezoneSchema.default('Asia/Shanghai'),
  }),
  example: { cron: '0 9 * * 1-5', timezone: 'Asia/Shanghai' },
  outputPorts: () => [TRIGGER_NEXT_PORT],
  provides: () => ['schedule'],
  summarize: (config) => `${config.cron} (${config.timezone})`,
});

export const externalEvent = defineNodeType({
  type: 'trigger.external_event',
  category: 'trigger',
  icon: 'radio',
  label: text('外部事件', 'External event'),
  description: text(
    '其他系统通过 API 发送指定事件时开始，例如订单发货 order.shipped。',
    'Starts when another system sends the named event through the API, e.g. order.shipped.',
  ),
  fields: {
    eventName: {
      label: text('事件名称', 'Event name'),
      help: text(
        '小写并用点分隔，例如 order.shipped。',
        'Lower-case words joined by dots, e.g. order.shipped.',
      ),
    },
    ...entryFields(
      text(
        '只有满足这些规则的事件才会开始此流程，例如 event.payload.region 等于“华东”。不填表示所有同名事件。',
        'Only events that meet these rules start this flow, e.g. event.payload.region equals "East". Empty lets every event of this name in.',
      ),
    ),
  },
  configSchema: z.strictObject({
    eventName: z.string().max(100).regex(EVENT_NAME_RE, { error: 'value.event_name' }),
    entry: entryConditionsSchema(ENTRY_CONDITION_SOURCES_BY_TRIGGER['trigger.external_event']).optional(),
  }),
  example: { eventName: 'order.shipped' },
  outputPorts: () => [TRIGGER_NEXT_PORT],
  provides: () => ['event', 'customer'],
  summarize: (config, locale) => config.eventName + entrySummary(config.entry, locale),
});

export const anomalyDetected = defineNodeType({
  type: 'trigger.anomaly_detected',
  category: 'trigger',
  icon: 'activity',
  label: text('检测到异常', 'Anomaly detected'),
  description: text(
    '每小时的异常检测发现某个分类、渠道或产品的请求量，或负面、SLA 违约占比明显高于往常同一时段时开始。',
    'Starts when the hourly anomaly check finds requests per category, channel or product, or the share of negative requests or SLA breaches, well above the same hour in earlier weeks.',
  ),
  fields: {
    seriesKinds: {
      label: text('监测序列', 'Series'),
      help: text(
        '只对这些序列的异常开始；留空表示任意序列。',
        'Start only for anomalies of these series; empty means any.',
      ),
    },
    minScore: {
      label: text('最低异常分数', 'Score at least'),
      help: text(
        '只在异常分数不低于此值时开始，例如 6 表示只处理非常明显的异常；留空表示检测设置里的阈值。',
        'Start only when the anomaly score reaches this, e.g. 6 for only the clearest ones; empty uses the detection threshold in Settings.',
      ),
    },
    ...entryFields(
      text(
        '只有满足这些规则的异常才会开始此流程，例如 anomaly.key 等于 electrical。不填表示所有异常。',
        'Only anomalies that meet these rules start this flow, e.g. anomaly.key equals electrical. Empty lets every anomaly in.',
      ),
    ),
  },
  configSchema: z.strictObject({
    seriesKinds: z.array(z.enum(ANOMALY_SERIES.values)).default([]),
    minScore: z.number().finite().min(0).max(50).optional(),
    entry: entryConditionsSchema(ENTRY_CONDITION_SOURCES_BY_TRIGGER['trigger.anomaly_detected']).optional(),
  }),
  example: { seriesKinds: ['category', 'product'], minScore: 4 },
  outputPorts: () => [TRIGGER_NEXT_PORT],
  provides: () => ['anomaly'],
  summarize: (config, locale) => {
    const kinds =
      config.seriesKinds.length > 0
        ? labelsOf(config.seriesKinds, ANOMALY_SERIES.labels, locale)
        : pick(locale, '任意序列', 'any series');
    const score =
      config.minScore === undefined
        ? ''
        : pick(locale, `，分数 ≥ ${config.minScore}`, `, score ≥ ${config.minScore}`);
    return kinds + score + entrySummary(config.entry, locale);
  },
});

export const TRIGGER_NODE_TYPES = [
  requestReceived,
  ticketEvent,
  surveyAnswered,
  schedule,
  externalEvent,
  anomalyDetected,
];
