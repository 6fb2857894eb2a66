import { type LocalizedText, text } from './i18n.ts';

/**
 * Closed sets of values shared by the catalog, the desk and the editor, each with
 * its labels. Keeping values and labels together means a new channel or status is
 * one edit here.
 */
function labelled<const T extends string>(entries: Record<T, LocalizedText>) {
  return { values: Object.keys(entries) as [T, ...T[]], labels: entries };
}

export const CHANNELS = labelled({
  web_form: text('网页表单', 'Web form'),
  chat: text('在线聊天', 'Chat'),
  email: text('邮件', 'Email'),
  phone: text('电话', 'Phone'),
  wechat: text('微信', 'WeChat'),
  api: text('API', 'API'),
});
export type Channel = (typeof CHANNELS.values)[number];

export const PRIORITIES = labelled({
  urgent: text('紧急', 'Urgent'),
  high: text('高', 'High'),
  medium: text('中', 'Medium'),
  low: text('低', 'Low'),
});
export type Priority = (typeof PRIORITIES.values)[number];

export const TICKET_STATUSES = labelled({
  new: text('新建', 'New'),
  pending_confirmation: text('待确认', 'Pending confirmation'),
  assigned: text('已分配', 'Assigned'),
  in_progress: text('处理中', 'In progress'),
  waiting_for_customer: text('等待客户', 'Waiting for customer'),
  resolved: text('已解决', 'Resolved'),
  closed: text('已关闭', 'Closed'),
});
export type TicketStatus = (typeof TICKET_STATUSES.values)[number];

export const TICKET_EVENTS = labelled({
  created: text('工单创建', 'Ticket created'),
  status_changed: text('状态变更', 'Status changed'),
  assigned: text('工单分配', 'Ticket assigned'),
  customer_replied: text('客户回复', 'Customer replied'),
  sla_warning: text('SLA 预警', 'SLA warning'),
  sla_breached: text('SLA 超时', 'SLA breached'),
});
export type TicketEventKind = (typeof TICKET_EVENTS.values)[number];

export const SURVEY_KINDS = labelled({
  csat: text('满意度 (CSAT 1–5)', 'Satisfaction (CSAT 1–5)'),
  nps: text('净推荐值 (NPS 0–10)', 'Net Promoter Score (NPS 0–10)'),
});
export type SurveyKind = (typeof SURVEY_KINDS.values)[number];

/** The series the anomaly detector watches (issue 14, item 5; docs/kpis.md). */
export const ANOMALY_SERIES = labelled({
  category: text('分类的请求量', 'Requests per category'),
  channel: text('渠道的请求量', 'Requests per channel'),
  product: text('产品的请求量', 'Requests per product'),
  negative_share: text('负面请求占比', 'Share of negative requests'),
  sla_breach_share: text('SLA 违约占比', 'Share of SLA breaches'),
});
export type AnomalySeries = (typeof ANOMALY_SERIES.values)[number];

export const MESSAGE_CHANNELS = labelled({
  reply: text('在请求来源渠道回复', 'Reply on the request’s own channel'),
  email: text('邮件', 'Email'),
  sms: text('短信', 'SMS'),
  webhook: text('Webhook', 'Webhook'),
  in_app: text('站内消息（坐席）', 'In-app message (agents)'),
});
export type MessageChannel = (typeof MESSAGE_CHANNELS.values)[number];

export const DURATION_UNITS = labelled({
  minutes: text('分钟', 'minutes'),
  hours: text('小时', 'hours'),
  days: text('天', 'days'),
});
export type DurationUnit = (typeof DURATION_UNITS.values)[number];

export const WEEKDAYS = labelled({
  mon: text('周一', 'Monday'),
  tue: text('周二', 'Tuesday'),
  wed: text('周三', 'Wednesday'),
  thu: text('周四', 'Thursday'),
  fri: text('周五', 'Friday'),
  sat: text('周六', 'Saturday'),
  sun: text('周日', 'Sunday'),
});
export type Weekday = (typeof WEEKDAYS.values)[number];

export const RULE_OPERATORS = labelled({
  equals: text('等于', 'equals'),
  not_equals: text('不等于', 'does not equal'),
  in: text('属于', 'is one of'),
  contains: text('包含', 'contains'),
  starts_with: text('开头是', 'starts with'),
  gt: text('大于', 'is greater than'),
  gte: text('大于等于', 'is at least'),
  lt: text('小于', 'is less than'),
  lte: text('小于等于', 'is at most'),
  is_empty: text('为空', 'is empty'),
  is_not_empty: text('不为空', 'is not empty'),
  matches: text('匹配模式', 'matches pattern'),
});
export type RuleOperator = (typeof RULE_OPERATORS.values)[number];

/** Operators whose value is a number (or an ISO date, compared as time). */
export const ORDERING_OPERATORS: readonly RuleOperator[] = ['gt', 'gte', 'lt', 'lte'];
/** Operators that take no value at all. */
export const VALUELESS_OPERATORS: readonly RuleOperator[] = ['is_empty', 'is_not_empty'];

export const WAIT_EVENTS = labelled({
  customer_reply: text('客户回复', 'Customer reply'),
  ticket_status: text('工单状态变为', 'Ticket status becomes'),
  survey_answer: text('问卷作答', 'Survey answer'),
});
export type WaitEvent = (typeof WAIT_EVENTS.values)[number];

export const ASSIGN_STRATEGIES = labelled({
  round_robin: text('轮流分配', 'Round-robin'),
  least_loaded: text('最少负载', 'Least loaded'),
  skills: text('技能匹配', 'Skills match'),
});
export type AssignStrategy = (typeof ASSIGN_STRATEGIES.values)[number];

export const HTTP_METHODS = labelled({
  GET: text('GET（查询）', 'GET (read)'),
  POST: text('POST（提交）', 'POST (submit)'),
  PUT: text('PUT（替换）', 'PUT (replace)'),
  PATCH: text('PATCH（修改）', 'PATCH (change)'),
  DELETE: text('DELETE（删除）', 'DELETE (remove)'),
});
export type HttpMethod = (typeof HTTP_METHODS.values)[number];
