import { z } from 'zod';
import { CategoryLabelSchema, categoryLabelText } from '../category-label.ts';
import { celPatternLiterals } from '../cel-pattern-literals.ts';
import {
  CalendarSchema,
  checkOperatorValue,
  checkPatternValue,
  FieldPathSchema,
  IdentifierSchema,
  RuleGroupSchema,
  ScalarSchema,
  SlugSchema,
  TemplateSchema,
} from '../config-parts.schema.ts';
import { text } from '../i18n.ts';
import { pathsInExpression } from '../references.ts';
import { defineNodeType, type FieldReference } from './catalog.types.ts';
import { formatRuleGroup, pick, ruleReferences, templateReferences } from './catalog-helpers.ts';
import { ERROR_PORT, NEXT_PORT, port } from './ports.ts';

function duplicateIds(items: readonly { id: string }[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { id } of items) (seen.has(id) ? repeated : seen).add(id);
  return [...repeated];
}

function uniqueIdsRefinement(reserved: readonly string[]) {
  return (items: readonly { id: string }[], ctx: z.core.$RefinementCtx<unknown>) => {
    const repeated = duplicateIds(items);
    if (repeated.length > 0) {
      ctx.addIssue({ code: 'custom', message: 'value.duplicate_ids', params: { ids: repeated.join(', ') } });
    }
    items.forEach((item, index) => {
      if (reserved.includes(item.id)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message: 'value.reserved_port',
          params: { id: item.id },
        });
      }
    });
  };
}

export const condition = defineNodeType({
  type: 'logic.condition',
  category: 'logic',
  icon: 'git-branch',
  label: text('条件判断', 'Condition'),
  description: text(
    '按规则判断走“是”还是“否”，例如“VIP 等级 ≥ 3”。',
    'Takes the Yes or No path by rules, e.g. "VIP level ≥ 3".',
  ),
  fields: {
    mode: {
      label: text('编辑方式', 'Editing mode'),
      help: text(
        '可视化规则适合大多数情况；高级表达式供熟悉 CEL 的用户使用。',
        'Visual rules suit most cases; the advanced expression is for people who know CEL.',
      ),
    },
    rules: { label: text('规则', 'Rules') },
    'rules.combinator': {
      label: text('满足方式', 'Match'),
      help: text('全部满足、任一满足或都不满足。', 'All, any, or none of the rules.'),
    },
    'rules.children': { label: text('规则', 'Rules') },
    'rules.children.field': { label: text('字段', 'Field') },
    'rules.children.operator': { label: text('比较方式', 'Comparison') },
    'rules.children.value': { label: text('值', 'Value') },
    expression: {
      advanced: true,
      label: text('高级表达式', 'Advanced expression'),
      help: text(
        'CEL 表达式，例如 customer.vipLevel >= 3 && ticket.priority == "urgent"。',
        'A CEL expression, e.g. customer.vipLevel >= 3 && ticket.priority == "urgent".',
      ),
    },
  },
  configSchema: z
    .strictObject({
      mode: z.enum(['rules', 'expression']).default('rules'),
      rules: RuleGroupSchema.default({ kind: 'group', combinator: 'all', children: [] }),
      expression: z.string().max(2000).optional(),
    })
    .superRefine((config, ctx) => {
      if (config.mode === 'expression' && !config.expression?.trim()) {
        ctx.addIssue({ code: 'custom', path: ['expression'], message: 'config.expression_missing' });
      }
      if (config.mode === 'expression') {
        // The same RE2 check as the rule builder's `matches`, for patterns written as literals.
        for (const literal of celPatternLiterals(config.expression ?? '')) {
          const check = checkPatternValue(literal.pattern);
          if (check.ok) continue;
          const unsupported = check.error === 'rule.value_pattern_unsupported';
          ctx.addIssue({
            code: 'custom',
            path: ['expression'],
            message: unsupported
              ? 'config.expression_pattern_unsupported'
              : 'config.expression_pattern_invalid',
            params: { pattern: literal.pattern.slice(0, 60), detail: String(check.params?.detail ?? '') },
          });
        }
      }
      if (config.mode === 'rules' && config.rules.children.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', 'children'],
          message: 'value.too_few_items',
          params: { limit: 1 },
        });
      }
    }),
  example: {
    mode: 'rules',
    rules: {
      kind: 'group',
      combinator: 'all',
      children: [{ kind: 'rule', field: 'customer.vipLevel', operator: 'gte', value: 3 }],
    },
  },
  outputPorts: () => [
    port('true', text('是', 'Yes'), 'required'),
    port('false', text('否', 'No'), 'optional'),
    ERROR_PORT,
  ],
  references: (config): FieldReference[] =>
    config.mode === 'expression'
      ? pathsInExpression(config.expression ?? '').map((path) => ({ at: 'config.expression', path }))
      : ruleReferences('config.rules', config.rules),
  summarize: (config, locale) =>
    pick(locale, '如果 ', 'If ') +
    (config.mode === 'expression' ? (config.expression ?? '') : formatRuleGroup(config.rules, locale)),
});

const SWITCH_OPERATORS = [
  'equals',
  'in',
  'contains',
  'starts_with',
  'gt',
  'gte',
  'lt',
  'lte',
  'matches',
] as const;

const SwitchCaseSchema = z
  .strictObject({
    id: SlugSchema,
    label: z.string().max(100).optional(),
    operator: z.enum(SWITCH_OPERATORS),
    value: z.union([ScalarSchema, z.array(ScalarSchema).max(200)]),
  })
  .superRefine((switchCase, ctx) => {
    const check = checkOperatorValue(switchCase.operator, switchCase.value);
    if (!check.ok)
      ctx.addIssue({ code: 'custom', path: ['value'], message: check.error, params: check.params });
  });
export type SwitchCase = z.infer<typeof SwitchCaseSchema>;

export const switchNode = defineNodeType({
  type: 'logic.switch',
  category: 'logic',
  icon: 'split',
  label: text('多路分支', 'Switch'),
  description: text(
    '按一个字段的值走不同分支；依次检查，第一个命中的分支生效，都不命中走“其他”。',
    'Branches on one field; cases are checked in order, the first match wins, and Other takes the rest.',
  ),
  fields: {
    field: {
      label: text('字段', 'Field'),
      help: text('用来分支的数据字段。', 'The data field to branch on.'),
    },
    cases: { label: text('分支', 'Cases') },
    'cases.id': {
      label: text('分支编号', 'Case id'),
      help: text(
        '出口的固定编号，修改名称不影响连线。',
        'The output’s stable id; renaming the label keeps connections.',
      ),
    },
    'cases.label': { label: text('分支名称', 'Case name') },
    'cases.operator': { label: text('比较方式', 'Comparison') },
    'cases.value': { label: text('值', 'Value') },
  },
  configSchema: z.strictObject({
    field: FieldPathSchema,
    cases: z
      .array(SwitchCaseSchema)
      .min(1)
      .max(50)
      .superRefine(uniqueIdsRefinement(['default', 'error'])),
  }),
  example: {
    field: 'ticket.priority',
    cases: [
      { id: 'urgent', label: '紧急', operator: 'equals', value: 'urgent' },
      { id: 'high_or_medium', operator: 'in', value: ['high', 'medium'] },
    ],
  },
  outputPorts: (config) => [
    ...config.cases.map((c) => port(c.id, text(c.label ?? c.id, c.label ?? c.id), 'recommended')),
    port('default', text('其他', 'Other'), 'optional'),
    ERROR_PORT,
  ],
  references: (config) => [{ at: 'config.field', path: config.field }],
  summarize: (config, locale) =>
    pick(
      locale,
      `按 ${config.field} 分 ${config.cases.length} 路`,
      `${config.cases.length} cases on ${config.field}`,
    ),
});

const CategorySchema = z.strictObject({
  id: SlugSchema,
  // A string (flows saved before names were bilingual) or a name per language; read it with categoryLabel.
  label: CategoryLabelSchema,
  keywords: z.array(z.string().min(1).max(100)).max(200).default([]),
  examples: z.array(z.string().min(1).max(1000)).max(500).default([]),
});

/** The categories a new Classify step starts with, named in both languages (see exampleIn). */
const CLASSIFY_EXAMPLE_CATEGORIES = [
  {
    id: 'order_status',
    label: text('订单状态', 'Order status'),
    keywords: ['物流', '快递', 'where is my order', 'shipping'],
    examples: ['我的快递到哪了', 'Where is my parcel?'],
  },
  {
    id: 'returns',
    label: text('退换货', 'Returns'),
    keywords: ['退货', '换货', 'refund', 'return'],
    examples: ['这件衣服不合适想退', 'I want to return this jacket'],
  },
] as const;

export const classify = defineNodeType({
  type: 'logic.classify',
  category: 'logic',
  icon: 'tags',
  label: text('智能分类', 'Classify'),
  description: text(
    '先按关键词、再用本工作区数据训练的模型判断请求属于哪一类；把握不足时转人工分拣。',
    'Decides the request’s category by keywords first, then by a model trained on this workspace’s data; when unsure, sends it to human triage.',
  ),
  fields: {
    source: {
      label: text('分类内容', 'Text to classify'),
      help: text('通常是请求内容 request.message。', 'Usually the request message, request.message.'),
      advanced: true,
    },
    categories: { label: text('分类', 'Categories') },
    'categories.id': { label: text('分类编号', 'Category id') },
    'categories.label': { label: text('分类名称', 'Category name') },
    'categories.keywords': {
      label: text('关键词', 'Keywords'),
      help: text('包含任一关键词即归入此类。', 'Any of these words puts the request in this category.'),
    },
    'categories.examples': {
      label: text('示例句子', 'Example phrases'),
      help: text('典型的客户说法，用于训练模型。', 'Typical customer phrasings, used to train the model.'),
    },
    threshold: {
      label: text('置信度阈值', 'Confidence threshold'),
      help: text(
        '低于此值走“把握不足”出口（转人工）。默认 0.7。',
        'Below this the request takes the Low confidence output (to a person). Default 0.7.',
      ),
      advanced: true,
    },
  },
  configSchema: z.strictObject({
    source: FieldPathSchema.default('request.message'),
    categories: z
      .array(CategorySchema)
      .min(1)
      .max(100)
      .superRefine(uniqueIdsRefinement(['low_confidence', 'error'])),
    threshold: z.number().min(0).max(1).default(0.7),
  }),
  example: {
    source: 'request.message',
    categories: [
      {
        id: 'order_status',
        label: text('订单状态', 'Order status'),
        keywords: ['物流', '快递', 'where is my order'],
        examples: ['我的快递到哪了'],
      },
      {
        id: 'returns',
        label: text('退换货', 'Returns'),
        keywords: ['退货', '换货', 'refund'],
        examples: ['这件衣服不合适想退'],
      },
    ],
    threshold: 0.7,
  },
  // Customers write in either language, so keywords and phrases stay in both, and so do the names: agents
  // reading another language than the admin's see the category in theirs.
  exampleIn: () => ({
    source: 'request.message',
    categories: CLASSIFY_EXAMPLE_CATEGORIES.map((category) => ({
      id: category.id,
      label: { ...category.label },
      keywords: [...category.keywords],
      examples: [...category.examples],
    })),
    threshold: 0.7,
  }),
  outputPorts: (config) => [
    ...config.categories.map((c) => port(c.id, categoryLabelText(c), 'recommended')),
    port('low_confidence', text('把握不足（转人工）', 'Low confidence (to a person)'), 'required'),
    ERROR_PORT,
  ],
  provides: () => ['classification'],
  references: (config) => [{ at: 'config.source', path: config.source }],
  summarize: (config, locale) =>
    pick(
      locale,
      `分为 ${config.categories.length} 类，阈值 ${config.threshold}`,
      `${config.categories.length} categories, threshold ${config.threshold}`,
    ),
});

export const businessHours = defineNodeType({
  type: 'logic.business_hours',
  category: 'logic',
  icon: 'clock',
  label: text('营业时间', 'Business hours'),
  description: text(
    '按营业时间分为“营业中”和“非营业时间”两路。',
    'Takes the Open or Closed path depending on business hours.',
  ),
  fields: {
    calendarId: {
      label: text('使用团队日历', 'Use a team calendar'),
      help: text(
        '选择后使用该团队设置的营业时间和节假日，忽略下面的时间。',
        'When chosen, the team’s own hours and holidays apply and the hours below are ignored.',
      ),
      refersTo: 'team',
    },
    calendar: { label: text('营业时间', 'Opening hours') },
    'calendar.timezone': { label: text('时区', 'Timezone') },
    'calendar.weekly': { label: text('每周时间', 'Weekly hours') },
    'calendar.weekly.days': { label: text('星期', 'Days') },
    'calendar.weekly.from': { label: text('开始', 'From') },
    'calendar.weekly.to': { label: text('结束', 'To') },
    'calendar.holidays': {
      label: text('节假日', 'Holidays'),
      help: text('这些日期整天不营业。', 'Closed all day on these dates.'),
    },
    'calendar.workdays': {
      label: text('调休工作日', 'Make-up workdays'),
      help: text(
        '这些日期即使是周末也营业，营业时间与周一相同。',
        'Open on these dates even when their weekday is closed, with Monday’s hours.',
      ),
    },
  },
  configSchema: z.strictObject({
    calendarId: z.string().min(1).max(100).optional(),
    // The calendar itself refuses hours that end before they start and a make-up workday that is a holiday.
    calendar: CalendarSchema,
  }),
  example: {
    calendar: {
      timezone: 'Asia/Shanghai',
      weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
      holidays: ['2026-10-01'],
    },
  },
  outputPorts: () => [
    port('open', text('营业中', 'Open'), 'required'),
    port('closed', text('非营业时间', 'Closed'), 'required'),
  ],
  summarize: (config, locale) =>
    config.calendarId
      ? pick(locale, `团队日历 ${config.calendarId}`, `Team calendar ${config.calendarId}`)
      : config.calendar.weekly.map((w) => `${w.days.join(',')} ${w.from}–${w.to}`).join('; '),
});

const AssignmentSchema = z.strictObject({
  name: IdentifierSchema,
  value: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('literal'), value: ScalarSchema }),
    z.strictObject({ kind: z.literal('field'), field: FieldPathSchema }),
    z.strictObject({ kind: z.literal('template'), template: TemplateSchema }),
  ]),
});

export const setVariable = defineNodeType({
  type: 'logic.set_variable',
  category: 'logic',
  icon: 'variable',
  label: text('设置变量', 'Set variable'),
  description: text('保存一个值，供后面的步骤使用。', 'Stores a value for later steps to use.'),
  fields: {
    assignments: { label: text('变量', 'Variables') },
    'assignments.name': {
      label: text('变量名', 'Variable name'),
      help: text('后面用 variables.变量名 读取。', 'Later steps read it as variables.<name>.'),
    },
    'assignments.value': { label: text('取值', 'Value') },
    'assignments.value.value': { label: text('固定值', 'Fixed value') },
    'assignments.value.field': { label: text('来自字段', 'From field') },
    'assignments.value.template': { label: text('文字模板', 'Text template') },
  },
  configSchema: z.strictObject({
    assignments: z.array(AssignmentSchema).min(1).max(50),
  }),
  example: {
    assignments: [
      { name: 'isComplaint', value: { kind: 'literal', value: true } },
      { name: 'greeting', value: { kind: 'template', template: '您好，{{ customer.name }}' } },
    ],
  },
  outputPorts: () => [NEXT_PORT],
  provides: (config) => config.assignments.map((a) => `variables.${a.name}`),
  references: (config) =>
    config.assignments.flatMap((assignment, index): FieldReference[] => {
      const at = `config.assignments[${index}].value`;
      if (assignment.value.kind === 'field') return [{ at: `${at}.field`, path: assignment.value.field }];
      if (assignment.value.kind === 'template')
        return templateReferences(`${at}.template`, assignment.value.template);
      return [];
    }),
  summarize: (config) => config.assignments.map((a) => a.name).join(', '),
});

export const LOGIC_NODE_TYPES = [condition, switchNode, classify, businessHours, setVariable];
