import {
  FIELD_SOURCES,
  type FieldInfo,
  type FieldSource,
  type FieldSourceId,
  type Locale,
  type Rule,
  type RuleGroup,
  type WorkspaceReferences,
} from '@flowdesk/model';
import { sentenceOperator } from './inspector/rule-operators.ts';
import { enumLabeller } from './inspector/value-labels.ts';

/**
 * A rule group as the sentence a manager reads on a card and above the rule
 * builder: "If the category is Complaint and the customer's VIP level is at
 * least 3" / "如果 分类 是 投诉 且 客户的 VIP 等级 至少为 3". Fields are named by
 * their labels, never their paths; category ids by the labels the Classify
 * steps give them; statuses and priorities by their vocabulary labels.
 */

export interface SentenceLabels {
  /** Category id → label, from the flow's Classify steps (see classifyCategoryLabels). */
  readonly categories?: ReadonlyMap<string, string>;
  /** The workspace's teams and agents, so `ticket.team` reads "After-sales", not its id. */
  readonly workspace?: WorkspaceReferences;
}

const WORDS = {
  if: { 'zh-CN': '如果', en: 'If' },
  and: { 'zh-CN': '且', en: 'and' },
  or: { 'zh-CN': '或', en: 'or' },
  not: { 'zh-CN': '并非', en: 'not' },
  yes: { 'zh-CN': '是', en: 'yes' },
  no: { 'zh-CN': '否', en: 'no' },
  variable: { 'zh-CN': '变量', en: 'the variable' },
  nothing: { 'zh-CN': '（空）', en: '(nothing)' },
} as const;

/** Sources whose fields read well alone ("the category"), not as "the classification's category". */
const SELF_NAMED_SOURCES: readonly FieldSourceId[] = ['classification', 'reply', 'schedule'];

function fieldInfo(path: string): {
  source?: FieldSource;
  sourceId?: string;
  field?: FieldInfo;
  rest: string[];
} {
  const [sourceId = '', name = '', ...rest] = path.split('.');
  if (!(sourceId in FIELD_SOURCES)) return { rest: [] };
  const source: FieldSource = FIELD_SOURCES[sourceId as FieldSourceId];
  return { source, sourceId, field: source.fields.find((field) => field.name === name), rest };
}

/** "VIP level" stays as written, "Status" becomes "status" inside a sentence. */
function lowerFirst(label: string): string {
  return /^[A-Z][^A-Z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** The field as a noun phrase: "the customer's VIP level" / "客户的 VIP 等级". */
export function fieldPhrase(path: string, locale: Locale): string {
  if (path.startsWith('variables.')) return `${WORDS.variable[locale]} ${path.slice('variables.'.length)}`;
  const { source, sourceId, field, rest } = fieldInfo(path);
  if (!source || !field) return path;
  const below = rest.length > 0 ? ` › ${rest.join('.')}` : '';
  const label = field.label[locale];
  const selfNamed = SELF_NAMED_SOURCES.includes(sourceId as FieldSourceId);
  if (locale === 'zh-CN') return `${selfNamed ? '' : `${source.label[locale]}的 `}${label}${below}`;
  const owner = selfNamed ? '' : `${lowerFirst(source.label.en)}'s `;
  return `the ${owner}${lowerFirst(label)}${below}`;
}

function valueWord(path: string, value: unknown, locale: Locale, labels: SentenceLabels): string {
  const { field } = fieldInfo(path);
  if (typeof value === 'boolean') return (value ? WORDS.yes : WORDS.no)[locale];
  if (typeof value === 'number') return String(value);
  const raw = value === undefined || value === null ? '' : String(value);
  if (raw === '') return WORDS.nothing[locale];
  if (field?.refersTo === 'category' || path === 'request.category') {
    const label = labels.categories?.get(raw);
    if (label) return label;
  } else if (field?.refersTo) {
    const record = labels.workspace?.[field.refersTo].find((option) => option.id === raw);
    if (record) return record.label[locale];
  }
  if (field?.values?.includes(raw)) {
    return enumLabeller(field.values, locale, (_key, options) => options?.defaultValue ?? raw)(raw);
  }
  return locale === 'zh-CN' ? `“${raw}”` : `"${raw}"`;
}

function ruleClause(rule: Rule, locale: Locale, labels: SentenceLabels): string {
  const type = fieldInfo(rule.field).field?.type;
  const words = [fieldPhrase(rule.field, locale), sentenceOperator(rule.operator, type)[locale]];
  if ('value' in rule && rule.value !== undefined && !['is_empty', 'is_not_empty'].includes(rule.operator)) {
    const values = Array.isArray(rule.value) ? rule.value : [rule.value];
    const separator = locale === 'zh-CN' ? '、' : ', ';
    words.push(values.map((value) => valueWord(rule.field, value, locale, labels)).join(separator));
  }
  return words.join(' ');
}

function groupClause(group: RuleGroup, locale: Locale, labels: SentenceLabels, nested: boolean): string {
  const joiner = ` ${(group.combinator === 'all' ? WORDS.and : WORDS.or)[locale]} `;
  const parts = group.children.map((child) =>
    child.kind === 'rule' ? ruleClause(child, locale, labels) : groupClause(child, locale, labels, true),
  );
  const inner = parts.join(joiner);
  if (group.combinator === 'not') return `${WORDS.not[locale]} (${inner})`;
  return nested && parts.length > 1 ? `(${inner})` : inner;
}

/** The whole condition as one sentence starting with "If", or undefined for a group with no rules yet. */
export function ruleSentence(
  group: RuleGroup,
  locale: Locale,
  labels: SentenceLabels = {},
): string | undefined {
  if (group.children.length === 0) return undefined;
  return `${WORDS.if[locale]} ${groupClause(group, locale, labels, false)}`;
}
