import type { ReferenceKind } from './catalog/catalog.types.ts';
import { LOCALES, type LocalizedText, text } from './i18n.ts';
import {
  ANOMALY_SERIES,
  CHANNELS,
  PRIORITIES,
  SURVEY_KINDS,
  TICKET_EVENTS,
  TICKET_STATUSES,
} from './vocabulary.ts';

/**
 * The data a flow can read, grouped by where it comes from. The linter uses this
 * to reject references to fields a flow cannot have; the editor's field picker
 * lists it. A source becomes available when the trigger or an earlier node
 * provides it (see NodeTypeDefinition.provides).
 */
export type FieldType = 'text' | 'number' | 'boolean' | 'datetime' | 'choice' | 'list' | 'object';

export interface FieldInfo {
  /** Path below the source, e.g. `vipLevel` for `customer.vipLevel`. */
  readonly name: string;
  readonly type: FieldType;
  readonly label: LocalizedText;
  /** Allowed values for `choice` fields. */
  readonly values?: readonly string[];
  /** Holds the id of a team, an agent or a category: a rule compares it with one of those, picked, not typed. */
  readonly refersTo?: ReferenceKind;
  /** Open objects accept any sub-path (custom fields, event payloads). */
  readonly open?: boolean;
  /**
   * A typical flow run lacks it (for an open object: any field below it), so a
   * text a person reads must not rely on it without a fallback. Decided from
   * where the data comes from, see the notes at each source.
   */
  readonly mayBeEmpty?: true;
}

export interface FieldSource {
  readonly label: LocalizedText;
  readonly fields: readonly FieldInfo[];
}

const f = (
  name: string,
  type: FieldType,
  label: LocalizedText,
  extra: Partial<FieldInfo> = {},
): FieldInfo => ({ name, type, label, ...extra });

const EMPTY = { mayBeEmpty: true } as const;

/*
 * Which fields may be empty follows the schemas the data is made from:
 * - request: IntakeRequestSchema (apps/server/src/rest/intake.schema.ts) requires
 *   only channel and message; subject, category and every identity and custom
 *   field are optional, and the language is only known when detection works.
 * - customer: a profile's name, contacts, language and last contact are null
 *   until someone gives them, and an external event for an unknown customer has
 *   only what the event says.
 * - ticket: category, team and assignee stay empty until a step or an agent
 *   sets them; custom fields are copied from requests that may lack them.
 * - reply: on Not answered there is no text (the port that fills it is known
 *   to the linter, see empty-fields.rule.ts).
 * - survey: a comment is optional on the survey page.
 * Event payloads are not marked: an external event's payload is the contract
 * between the admin's own systems and the flow that listens for that event
 * name, not something a customer fills in.
 */
export const FIELD_SOURCES = {
  request: {
    label: text('请求', 'Request'),
    fields: [
      f('id', 'text', text('请求编号', 'Request id')),
      f('channel', 'choice', text('渠道', 'Channel'), { values: CHANNELS.values }),
      f('subject', 'text', text('主题', 'Subject'), EMPTY),
      f('message', 'text', text('内容', 'Message')),
      f('category', 'text', text('分类', 'Category'), EMPTY),
      f('receivedAt', 'datetime', text('收到时间', 'Received at')),
      f('locale', 'choice', text('请求语言', 'Request language'), { values: LOCALES, ...EMPTY }),
      f('attachments', 'list', text('附件', 'Attachments'), EMPTY),
      f('customer', 'object', text('客户提供的身份', 'Identity given by the customer'), {
        open: true,
        ...EMPTY,
      }),
      f('customFields', 'object', text('自定义字段', 'Custom fields'), { open: true, ...EMPTY }),
      f('metadata', 'object', text('来源信息', 'Source details'), { open: true, ...EMPTY }),
    ],
  },
  customer: {
    label: text('客户', 'Customer'),
    fields: [
      f('id', 'text', text('客户编号', 'Customer id')),
      f('name', 'text', text('姓名', 'Name'), EMPTY),
      f('phone', 'text', text('手机号', 'Phone'), EMPTY),
      f('email', 'text', text('邮箱', 'Email'), EMPTY),
      f('vipLevel', 'number', text('VIP 等级', 'VIP level')),
      f('tags', 'list', text('标签', 'Tags'), EMPTY),
      f('requestCount', 'number', text('请求次数', 'Requests')),
      f('complaintCount', 'number', text('投诉次数', 'Complaints')),
      f('lastContactAt', 'datetime', text('最近联系时间', 'Last contact'), EMPTY),
      f('locale', 'choice', text('客户语言', 'Customer language'), { values: LOCALES, ...EMPTY }),
      f('isNew', 'boolean', text('首次联系', 'First contact')),
    ],
  },
  ticket: {
    label: text('工单', 'Ticket'),
    fields: [
      f('id', 'text', text('工单内部编号', 'Ticket id')),
      f('number', 'text', text('工单号', 'Ticket number')),
      f('title', 'text', text('标题', 'Title')),
      f('status', 'choice', text('状态', 'Status'), { values: TICKET_STATUSES.values }),
      f('priority', 'choice', text('优先级', 'Priority'), { values: PRIORITIES.values }),
      f('category', 'text', text('分类', 'Category'), { refersTo: 'category', ...EMPTY }),
      f('channel', 'choice', text('渠道', 'Channel'), { values: CHANNELS.values }),
      f('team', 'text', text('处理团队', 'Team'), { refersTo: 'team', ...EMPTY }),
      f('assignee', 'text', text('处理人', 'Assignee'), { refersTo: 'agent', ...EMPTY }),
      f('createdAt', 'datetime', text('创建时间', 'Created at')),
      f('dueAt', 'datetime', text('SLA 到期时间', 'SLA due at')),
      f('tags', 'list', text('标签', 'Tags'), EMPTY),
      f('link', 'text', text('客户进度链接', 'Customer progress link')),
      f('customFields', 'object', text('自定义字段', 'Custom fields'), { open: true, ...EMPTY }),
    ],
  },
  classification: {
    label: text('分类结果', 'Classification'),
    fields: [
      f('category', 'text', text('分类', 'Category'), { refersTo: 'category' }),
      f('confidence', 'number', text('置信度', 'Confidence')),
    ],
  },
  reply: {
    label: text('自动回复', 'Auto-reply'),
    fields: [
      f('text', 'text', text('回复内容', 'Reply text'), EMPTY),
      f('articleId', 'text', text('知识库文章', 'Knowledge-base article'), EMPTY),
      f('confidence', 'number', text('匹配度', 'Match score')),
    ],
  },
  event: {
    label: text('事件', 'Event'),
    fields: [
      f('kind', 'choice', text('事件类型', 'Event kind'), { values: TICKET_EVENTS.values }),
      f('name', 'text', text('事件名称', 'Event name')),
      f('status', 'choice', text('新状态', 'New status'), { values: TICKET_STATUSES.values }),
      f('previousStatus', 'choice', text('原状态', 'Previous status'), {
        values: TICKET_STATUSES.values,
      }),
      f('receivedAt', 'datetime', text('发生时间', 'Occurred at')),
      f('message', 'text', text('客户回复内容', 'Customer reply')),
      f('payload', 'object', text('事件数据', 'Event data'), { open: true }),
    ],
  },
  survey: {
    label: text('问卷', 'Survey'),
    fields: [
      f('id', 'text', text('问卷编号', 'Survey id')),
      f('kind', 'choice', text('问卷类型', 'Survey kind'), { values: SURVEY_KINDS.values }),
      f('score', 'number', text('评分', 'Score')),
      f('comment', 'text', text('评价内容', 'Comment'), EMPTY),
      f('link', 'text', text('问卷链接', 'Survey link')),
    ],
  },
  approval: {
    label: text('审批', 'Approval'),
    fields: [
      f('decision', 'choice', text('审批结果', 'Decision'), {
        values: ['approved', 'rejected', 'timed_out'],
      }),
      f('note', 'text', text('审批备注', 'Decision note'), EMPTY),
      f('decidedBy', 'text', text('审批人', 'Decided by'), EMPTY),
      f('decidedAt', 'datetime', text('审批时间', 'Decided at'), EMPTY),
    ],
  },
  schedule: {
    label: text('定时', 'Schedule'),
    fields: [f('firedAt', 'datetime', text('触发时间', 'Fired at'))],
  },
  anomaly: {
    label: text('异常', 'Anomaly'),
    fields: [
      f('id', 'text', text('异常编号', 'Anomaly id')),
      f('kind', 'choice', text('序列', 'Series'), { values: ANOMALY_SERIES.values }),
      f('kindLabel', 'object', text('序列名称', 'Series name'), { open: true }),
      f('key', 'text', text('对象（分类、渠道或产品）', 'Which (category, channel or product)')),
      f('value', 'number', text('本小时的值', 'Value this hour')),
      f('baseline', 'number', text('往常的值（中位数）', 'Usual value (median)')),
      f('score', 'number', text('异常分数', 'Score')),
      f('volume', 'number', text('涉及请求数', 'Requests behind it')),
      f('hour', 'datetime', text('小时开始时间', 'Hour starting')),
    ],
  },
  http: {
    label: text('HTTP 响应', 'HTTP response'),
    fields: [
      f('status', 'number', text('状态码', 'Status code')),
      f('body', 'object', text('响应内容', 'Response body'), { open: true }),
    ],
  },
  variables: {
    label: text('变量', 'Variables'),
    fields: [],
  },
} as const satisfies Record<string, FieldSource>;

export type FieldSourceId = keyof typeof FIELD_SOURCES;
export const FIELD_SOURCE_IDS = Object.keys(FIELD_SOURCES) as FieldSourceId[];

/**
 * What the flow can read at some point: whole sources (`ticket`) and single
 * variables (`variables.orderStatus`).
 */
export type AvailableFields = ReadonlySet<string>;

export type FieldCheck =
  | { known: true }
  | { known: false; reason: 'unknown_source' | 'unknown_field' | 'not_yet_available' };

/**
 * Whether a typical run lacks the field at `path` even where its source is
 * there (`customer.name`, `request.customFields.orderNo`); see `mayBeEmpty`.
 */
export function fieldMayBeEmpty(path: string): boolean {
  const [root = '', name] = path.split('.');
  if (!(root in FIELD_SOURCES) || name === undefined) return false;
  const source: FieldSource = FIELD_SOURCES[root as FieldSourceId];
  return source.fields.find((field) => field.name === name)?.mayBeEmpty === true;
}

/** Whether `path` (e.g. `customer.vipLevel`) names a field the flow can have. */
export function checkFieldPath(path: string, available: AvailableFields): FieldCheck {
  const [root = '', ...rest] = path.split('.');
  if (!(root in FIELD_SOURCES)) return { known: false, reason: 'unknown_source' };
  if (root === 'variables') {
    const name = rest[0];
    return name !== undefined && available.has(`variables.${name}`)
      ? { known: true }
      : { known: false, reason: 'not_yet_available' };
  }
  const source: FieldSource = FIELD_SOURCES[root as FieldSourceId];
  if (rest.length > 0) {
    const field = source.fields.find((candidate) => candidate.name === rest[0]);
    if (!field || (rest.length > 1 && !field.open)) return { known: false, reason: 'unknown_field' };
  }
  return available.has(root) ? { known: true } : { known: false, reason: 'not_yet_available' };
}
