import { z } from 'zod';
import { DurationSchema, FieldPathSchema, TimeOfDaySchema, TimezoneSchema } from '../config-parts.schema.ts';
import { text } from '../i18n.ts';
import { TICKET_STATUSES, WAIT_EVENTS } from '../vocabulary.ts';
import { FilledTemplateSchema, NameSchema } from './actions-ticket.catalog.ts';
import { defineNodeType } from './catalog.types.ts';
import { formatDuration, labelsOf, pick, templateReferences } from './catalog-helpers.ts';
import { NEXT_PORT, port } from './ports.ts';

/*
 * Timing nodes hand control back to the scheduler (durable timers), which is
 * why `waits: true` lets a loop pass through them.
 */

export const wait = defineNodeType({
  type: 'timing.wait',
  category: 'timing',
  icon: 'hourglass',
  label: text('等待', 'Wait'),
  description: text(
    '暂停一段时间、等到某个时刻或等到某个日期字段的时间，再继续下一步。',
    'Pauses for a while, until a time of day, or until the time in a date field, then goes on.',
  ),
  fields: {
    mode: {
      label: text('等待方式', 'Wait mode'),
      help: text(
        '等待一段时间；等到每天的某个时刻（下一次到达该时刻）；或等到某个日期字段的时间。',
        'For a while; until a time of day (its next occurrence); or until the time in a date field.',
      ),
    },
    duration: { label: text('时长', 'Duration') },
    'duration.amount': { label: text('数量', 'Amount') },
    'duration.unit': { label: text('单位', 'Unit') },
    time: { label: text('时刻', 'Time of day'), help: text('例如 09:00。', 'E.g. 09:00.') },
    timezone: { label: text('时区', 'Timezone'), help: text('例如 Asia/Shanghai。', 'E.g. Asia/Shanghai.') },
    field: {
      label: text('日期字段', 'Date field'),
      help: text(
        '例如 ticket.dueAt（SLA 到期时间）；时间已过则立即继续。',
        'E.g. ticket.dueAt (SLA due time); if that time has passed, the flow goes on at once.',
      ),
    },
  },
  configSchema: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('duration'), duration: DurationSchema }),
    z.strictObject({
      mode: z.literal('until_time'),
      time: TimeOfDaySchema,
      timezone: TimezoneSchema.default('Asia/Shanghai'),
    }),
    z.strictObject({ mode: z.literal('until_field'), field: FieldPathSchema }),
  ]),
  example: { mode: 'duration', duration: { amount: 24, unit: 'hours' } },
  outputPorts: () => [NEXT_PORT],
  references: (config) => (config.mode === 'until_field' ? [{ at: 'config.field', path: config.field }] : []),
  summarize: (config, locale) => {
    switch (config.mode) {
      case 'duration':
        return pick(locale, '等待 ', 'Wait ') + formatDuration(config.duration, locale);
      case 'until_time':
        return pick(
          locale,
          `等到 ${config.time}（${config.timezone}）`,
          `Wait until ${config.time} (${config.timezone})`,
        );
      case 'until_field':
        return pick(locale, `等到 ${config.field}`, `Wait until ${config.field}`);
    }
  },
  waits: true,
});

const WAIT_EVENT_IN_SENTENCE = {
  customer_reply: text('客户回复', 'customer reply'),
  survey_answer: text('问卷作答', 'survey answer'),
};

export const waitForEvent = defineNodeType({
  type: 'timing.wait_for_event',
  category: 'timing',
  icon: 'bell-ring',
  label: text('等待事件', 'Wait for event'),
  description: text(
    '等待客户回复、工单状态变化或问卷作答；超过时限未发生则走“超时”出口。',
    'Waits for a customer reply, a ticket status change or a survey answer; if none comes in time, takes Timeout.',
  ),
  fields: {
    event: { label: text('等待的事件', 'Event') },
    statuses: {
      label: text('工单状态', 'Ticket statuses'),
      help: text(
        '仅对“工单状态变为”有效：变为其中任一状态即继续。',
        'For "Ticket status becomes" only: goes on when the ticket enters any of these.',
      ),
    },
    timeout: {
      label: text('最长等待', 'Timeout'),
      help: text('超过这段时间走“超时”出口。', 'After this long the flow takes the Timeout output.'),
    },
    'timeout.amount': { label: text('数量', 'Amount') },
    'timeout.unit': { label: text('单位', 'Unit') },
  },
  configSchema: z
    .strictObject({
      event: z.enum(WAIT_EVENTS.values),
      statuses: z.array(z.enum(TICKET_STATUSES.values)).max(TICKET_STATUSES.values.length).default([]),
      timeout: DurationSchema,
    })
    .superRefine((config, ctx) => {
      if (config.event === 'ticket_status' && config.statuses.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['statuses'], message: 'config.statuses_missing' });
      }
    }),
  example: { event: 'customer_reply', statuses: [], timeout: { amount: 2, unit: 'days' } },
  outputPorts: () => [
    port('received', text('已发生', 'Received'), 'optional'),
    port('timeout', text('超时', 'Timeout'), 'recommended'),
  ],
  provides: (config) => (config.event === 'survey_answer' ? ['event', 'survey'] : ['event']),
  summarize: (config, locale) => {
    const timeout = formatDuration(config.timeout, locale);
    if (config.event === 'ticket_status') {
      const statuses = labelsOf(config.statuses, TICKET_STATUSES.labels, locale);
      return pick(
        locale,
        `等待工单状态变为${statuses}，最多 ${timeout}`,
        `Wait for ticket status ${statuses}, up to ${timeout}`,
      );
    }
    const event = WAIT_EVENT_IN_SENTENCE[config.event][locale];
    return pick(locale, `等待${event}，最多 ${timeout}`, `Wait for ${event}, up to ${timeout}`);
  },
  waits: true,
});

/** The outcomes of an approval, and what a timeout counts as (its own exit, or one of the decisions). */
export const APPROVAL_OUTCOMES = ['approved', 'rejected', 'timed_out'] as const;
export type ApprovalOutcome = (typeof APPROVAL_OUTCOMES)[number];
/** The decider value that means "the supervisors" rather than a team id. */
export const SUPERVISOR_DECIDER = 'supervisor';

const APPROVAL_OUTCOME_LABELS = {
  approved: text('批准', 'Approved'),
  rejected: text('拒绝', 'Rejected'),
  timed_out: text('超时', 'Timed out'),
};

export const askApproval = defineNodeType({
  type: 'timing.ask_approval',
  category: 'timing',
  icon: 'clipboard-check',
  label: text('请求审批', 'Ask for approval'),
  description: text(
    '暂停流程，请一个团队或主管批准或拒绝（例如金额超过 1000 的退款）；审批人在“审批”页面看到问题和流程收集的信息，决定后流程从这里继续。',
    'Pauses the flow and asks a team or the supervisors to approve or reject (e.g. a refund over 1,000); they see the question and the facts the flow gathered on the Approvals page, and the flow goes on from here once they decide.',
  ),
  fields: {
    decider: {
      label: text('审批人', 'Who decides'),
      help: text(
        '某个团队的成员（主管也可以审批），或只由主管审批。',
        'The members of a team (supervisors may decide too), or the supervisors only.',
      ),
      refersTo: 'team',
      builtIn: { [SUPERVISOR_DECIDER]: text('主管', 'Supervisors') },
    },
    question: {
      label: text('审批问题', 'Question'),
      help: text(
        '可以插入字段，例如“同意为订单 {{ request.customFields.orderNo }} 退款吗？”；客户写的内容只作为文字显示。',
        'May insert fields, e.g. "Refund order {{ request.customFields.orderNo }}?"; what the customer wrote is shown as text only.',
      ),
    },
    facts: {
      label: text('展示的信息', 'Facts to show'),
      help: text(
        '审批人会看到这些字段在此刻的值，例如 request.customFields.amount、customer.vipLevel。',
        'The decider sees these fields as they are at this step, e.g. request.customFields.amount, customer.vipLevel.',
      ),
    },
    timeout: {
      label: text('最长等待', 'Timeout'),
      help: text(
        '超过这段时间仍无人决定，按“超时后”处理。',
        'If nobody decides within this time, "On timeout" applies.',
      ),
    },
    'timeout.amount': { label: text('数量', 'Amount') },
    'timeout.unit': { label: text('单位', 'Unit') },
    onTimeout: {
      label: text('超时后', 'On timeout'),
      help: text(
        '走“超时”出口，或当作批准 / 拒绝处理。',
        'Take the Timed out output, or count it as approved or rejected.',
      ),
    },
  },
  configSchema: z.strictObject({
    decider: NameSchema.default(SUPERVISOR_DECIDER),
    question: FilledTemplateSchema,
    facts: z.array(FieldPathSchema).max(20).default([]),
    timeout: DurationSchema.default({ amount: 1, unit: 'days' }),
    onTimeout: z.enum(APPROVAL_OUTCOMES).default('timed_out'),
  }),
  example: {
    decider: SUPERVISOR_DECIDER,
    question: '订单金额超过 1000，是否同意退款？',
    facts: ['request.subject', 'customer.vipLevel'],
    timeout: { amount: 1, unit: 'days' },
    onTimeout: 'timed_out',
  },
  outputPorts: () => [
    port('approved', APPROVAL_OUTCOME_LABELS.approved, 'required'),
    port('rejected', APPROVAL_OUTCOME_LABELS.rejected, 'recommended'),
    port('timed_out', APPROVAL_OUTCOME_LABELS.timed_out, 'optional'),
  ],
  provides: () => ['approval'],
  references: (config) => [
    ...templateReferences('config.question', config.question),
    ...config.facts.map((path, index) => ({ at: `config.facts.${index}`, path })),
  ],
  summarize: (config, locale) => {
    const timeout = formatDuration(config.timeout, locale);
    const who =
      config.decider === SUPERVISOR_DECIDER ? pick(locale, '主管', 'the supervisors') : config.decider;
    return pick(locale, `请 ${who} 审批，最多等待 ${timeout}`, `Ask ${who} to approve, up to ${timeout}`);
  },
  waits: true,
});

export const TIMING_NODE_TYPES = [wait, waitForEvent, askApproval];
