import { z } from 'zod';
import { IdentifierSchema, LocalizedTemplateSchema, TemplateSchema } from '../config-parts.schema.ts';
import { text } from '../i18n.ts';
import { PRIORITIES, TICKET_STATUSES } from '../vocabulary.ts';
import { defineNodeType, type FieldReference } from './catalog.types.ts';
import {
  labelsOf,
  localizedShownTexts,
  localizedTemplateReferences,
  pick,
  templateReferences,
} from './catalog-helpers.ts';
import { ERROR_PORT, NEXT_PORT } from './ports.ts';

/** Actions on FlowDesk's own records: customers and tickets. */

export const NameSchema = z.string().trim().min(1).max(100);

/** A template that must say something: an empty title or reason helps nobody. */
export const FilledTemplateSchema = TemplateSchema.refine((template) => template.trim() !== '', {
  error: 'value.required',
});

/**
 * A ticket's title: one template for every language (flows written before titles had
 * languages), or one per language, picked by the request's language as replies are.
 */
export const TicketTitleSchema = z.union([FilledTemplateSchema, LocalizedTemplateSchema]);
export type TicketTitle = z.infer<typeof TicketTitleSchema>;

const MAX_CUSTOM_FIELDS = 50;

/** Keys are checked here rather than by a record key schema so a bad name gets the identifier message. */
const CustomFieldsSchema = z.record(z.string(), TemplateSchema).superRefine((fields, ctx) => {
  const names = Object.keys(fields);
  if (names.length > MAX_CUSTOM_FIELDS) {
    ctx.addIssue({ code: 'custom', message: 'value.too_many_items', params: { limit: MAX_CUSTOM_FIELDS } });
  }
  for (const name of names) {
    if (!IdentifierSchema.safeParse(name).success) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'value.identifier' });
    }
  }
});

function customFieldReferences(customFields: Readonly<Record<string, string>>): FieldReference[] {
  return Object.entries(customFields).flatMap(([name, template]) =>
    templateReferences(`config.customFields.${name}`, template),
  );
}

const IDENTIFY_BY = {
  phone: text('手机号', 'phone'),
  email: text('邮箱', 'email'),
  channel_id: text('渠道账号', 'channel account'),
};
const IDENTIFY_BY_VALUES = ['phone', 'email', 'channel_id'] as const;

export const identifyCustomer = defineNodeType({
  type: 'action.identify_customer',
  category: 'action',
  icon: 'user-search',
  label: text('识别客户', 'Identify customer'),
  description: text(
    '按手机号、邮箱或渠道账号找到客户档案，把同一客户在不同渠道的身份合并到一起。',
    'Finds the customer’s profile by phone, email or channel account, merging one customer’s identities across channels.',
  ),
  fields: {
    by: {
      label: text('识别依据', 'Match by'),
      help: text(
        '依次用这些信息查找已有客户，先找到的为准。',
        'Looks for an existing customer by each of these in turn; the first match wins.',
      ),
    },
    createIfMissing: {
      label: text('找不到时新建客户', 'Create if not found'),
      help: text(
        '关闭后，找不到的客户会走“出错时”出口。',
        'When off, an unknown customer takes the On error output.',
      ),
    },
  },
  configSchema: z.strictObject({
    by: z.array(z.enum(IDENTIFY_BY_VALUES)).min(1).max(3).default(['phone', 'email', 'channel_id']),
    createIfMissing: z.boolean().default(true),
  }),
  example: { by: ['phone', 'email', 'channel_id'], createIfMissing: true },
  outputPorts: () => [NEXT_PORT, ERROR_PORT],
  provides: () => ['customer'],
  summarize: (config, locale) => {
    const by = labelsOf(config.by, IDENTIFY_BY, locale);
    return config.createIfMissing
      ? pick(locale, `按${by}识别客户，找不到时新建`, `Identify customer by ${by}; create if not found`)
      : pick(locale, `按${by}识别客户`, `Identify customer by ${by}`);
  },
});

const PRIORITY_CHOICES = ['auto', ...PRIORITIES.values] as const;
const PRIORITY_CHOICE_LABELS = {
  auto: text('自动', 'automatic'),
  ...PRIORITIES.labels,
};

/** Many requests have no subject (chat, WeChat, phone): their message starts the title instead. */
const DEFAULT_TITLE = '{{ request.subject | default: request.message | truncate: 80 }}';

export const createTicket = defineNodeType({
  type: 'action.create_ticket',
  category: 'action',
  icon: 'ticket-plus',
  label: text('创建工单', 'Create ticket'),
  description: text(
    '为这次请求创建工单，自动生成工单号并按 SLA 计算处理时限。',
    'Creates a ticket for the request, with its own ticket number and SLA due times.',
  ),
  fields: {
    title: {
      label: text('标题', 'Title'),
      help: text(
        '每种语言一个标题，按请求的语言选用（与回复相同）；可以插入字段，例如 {{ request.subject | default: "客户请求" }}；没有值的字段显示为空。',
        'One title per language, picked by the request’s language as replies are; may insert fields, e.g. {{ request.subject | default: "Customer request" }}; a field with no value shows as nothing.',
      ),
    },
    description: { label: text('描述', 'Description') },
    priority: {
      label: text('优先级', 'Priority'),
      help: text(
        '“自动”表示按 SLA 规则和客户 VIP 等级决定。',
        'Automatic means the SLA rules and the customer’s VIP level decide.',
      ),
    },
    category: {
      label: text('分类', 'Category'),
      help: text('留空时使用智能分类的结果。', 'Empty means the result of the Classify step.'),
      refersTo: 'category',
    },
    team: {
      label: text('处理团队', 'Team'),
      help: text('留空时由后面的“分配”步骤决定。', 'Empty leaves it to a later Assign step.'),
      refersTo: 'team',
    },
    customFields: {
      label: text('自定义字段', 'Custom fields'),
      help: text(
        '为工单的自定义字段填值，例如订单号。',
        'Fills the ticket’s custom fields, e.g. the order number.',
      ),
    },
  },
  configSchema: z.strictObject({
    title: TicketTitleSchema.default(DEFAULT_TITLE),
    description: TemplateSchema.default('{{ request.message }}'),
    priority: z.enum(PRIORITY_CHOICES).default('auto'),
    category: NameSchema.optional(),
    team: NameSchema.optional(),
    customFields: CustomFieldsSchema.default({}),
  }),
  example: {
    title: DEFAULT_TITLE,
    description: '{{ request.message }}',
    priority: 'auto',
    customFields: { orderNo: '{{ request.customFields.orderNo }}' },
  },
  outputPorts: () => [NEXT_PORT, ERROR_PORT],
  provides: () => ['ticket'],
  references: (config) => [
    ...(typeof config.title === 'string'
      ? templateReferences('config.title', config.title)
      : localizedTemplateReferences('config.title', config.title)),
    ...templateReferences('config.description', config.description),
    ...customFieldReferences(config.customFields),
  ],
  // The title is what agents scan in queues and customers see on the progress page.
  shownTexts: (config) =>
    typeof config.title === 'string'
      ? [{ at: 'config.title', template: config.title }]
      : localizedShownTexts('config.title', config.title),
  summarize: (config, locale) => {
    const priority = PRIORITY_CHOICE_LABELS[config.priority][locale];
    return pick(locale, `创建工单（优先级：${priority}）`, `Create ticket (priority: ${priority})`);
  },
});

export const updateTicket = defineNodeType({
  type: 'action.update_ticket',
  category: 'action',
  icon: 'file-pen-line',
  label: text('更新工单', 'Update ticket'),
  description: text(
    '修改工单的状态、优先级、团队、标签或自定义字段，也可以添加内部备注。',
    'Changes the ticket’s status, priority, team, tags or custom fields, or adds an internal note.',
  ),
  fields: {
    status: { label: text('状态', 'Status') },
    priority: { label: text('优先级', 'Priority') },
    team: { label: text('处理团队', 'Team'), refersTo: 'team' },
    addTags: {
      label: text('添加标签', 'Add tags'),
      help: text('已有的标签保持不变。', 'Existing tags stay as they are.'),
    },
    customFields: { label: text('自定义字段', 'Custom fields') },
    note: {
      label: text('内部备注', 'Internal note'),
      help: text('只有坐席能看到，客户看不到。', 'Only agents see it, never the customer.'),
    },
  },
  configSchema: z
    .strictObject({
      status: z.enum(TICKET_STATUSES.values).optional(),
      priority: z.enum(PRIORITIES.values).optional(),
      team: NameSchema.optional(),
      addTags: z.array(NameSchema).max(50).default([]),
      customFields: CustomFieldsSchema.default({}),
      note: TemplateSchema.optional(),
    })
    .superRefine((config, ctx) => {
      const changesSomething =
        [config.status, config.priority, config.team, config.note?.trim()].some(Boolean) ||
        config.addTags.length > 0 ||
        Object.keys(config.customFields).length > 0;
      if (!changesSomething) ctx.addIssue({ code: 'custom', message: 'config.nothing_to_update' });
    }),
  example: { status: 'waiting_for_customer', addTags: ['待补充信息'], note: '已请客户补充订单号' },
  outputPorts: () => [NEXT_PORT, ERROR_PORT],
  references: (config) => [
    ...customFieldReferences(config.customFields),
    ...templateReferences('config.note', config.note),
  ],
  summarize: (config, locale) => {
    const parts: string[] = [];
    if (config.status) {
      const status = TICKET_STATUSES.labels[config.status][locale];
      parts.push(pick(locale, `状态改为${status}`, `status → ${status}`));
    }
    if (config.priority) {
      const priority = PRIORITIES.labels[config.priority][locale];
      parts.push(pick(locale, `优先级改为${priority}`, `priority → ${priority}`));
    }
    if (config.team) parts.push(pick(locale, `转给团队 ${config.team}`, `team → ${config.team}`));
    if (config.addTags.length > 0) {
      parts.push(
        pick(locale, `添加标签 ${config.addTags.join('、')}`, `add tags ${config.addTags.join(', ')}`),
      );
    }
    if (Object.keys(config.customFields).length > 0)
      parts.push(pick(locale, '填写自定义字段', 'set custom fields'));
    if (config.note?.trim()) parts.push(pick(locale, '添加备注', 'add a note'));
    return pick(locale, '更新工单：', 'Update ticket: ') + parts.join(pick(locale, '，', ', '));
  },
});
