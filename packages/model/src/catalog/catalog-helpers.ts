import type { Duration, LocalizedTemplate, Rule, RuleGroup } from '../config-parts.schema.ts';
import type { Locale, LocalizedText } from '../i18n.ts';
import { scanTemplate } from '../references.ts';
import { DURATION_UNITS, RULE_OPERATORS } from '../vocabulary.ts';
import type { FieldReference, ShownText } from './catalog.types.ts';

/** Field references made by a template written at config path `at`. */
export function templateReferences(at: string, template: string | undefined): FieldReference[] {
  if (!template) return [];
  const scan = scanTemplate(template);
  const references: FieldReference[] = scan.paths.map((path) => ({ at, path }));
  if (scan.unclosedAt !== undefined) references.push({ at, path: '', unclosedTemplate: true });
  return references;
}

export function localizedTemplateReferences(
  at: string,
  template: LocalizedTemplate | undefined,
): FieldReference[] {
  if (!template) return [];
  return [
    ...templateReferences(`${at}.zh-CN`, template['zh-CN']),
    ...templateReferences(`${at}.en`, template.en),
  ];
}

/** Both languages of a per-locale text people read, for NodeTypeDefinition.shownTexts. */
export function localizedShownTexts(
  at: string,
  template: Partial<Record<Locale, string>> | undefined,
): ShownText[] {
  if (!template) return [];
  return (['zh-CN', 'en'] as const).flatMap((locale) => {
    const written = template[locale];
    return written ? [{ at: `${at}.${locale}`, template: written }] : [];
  });
}

export function ruleReferences(at: string, group: RuleGroup): FieldReference[] {
  return group.children.flatMap((child, index) =>
    child.kind === 'rule'
      ? [{ at: `${at}.children[${index}].field`, path: child.field }]
      : ruleReferences(`${at}.children[${index}]`, child),
  );
}

export function labelsOf(
  values: readonly string[],
  labels: Readonly<Record<string, LocalizedText>>,
  locale: Locale,
): string {
  const separator = locale === 'zh-CN' ? '、' : ', ';
  return values.map((value) => labels[value]?.[locale] ?? value).join(separator);
}

export function formatDuration(duration: Duration, locale: Locale): string {
  const unit = DURATION_UNITS.labels[duration.unit][locale];
  // English units are plural in the vocabulary: "1 hour", not "1 hours".
  const counted = locale === 'en' && duration.amount === 1 ? unit.replace(/s$/, '') : unit;
  return `${duration.amount} ${counted}`;
}

function formatValue(value: Rule['value']): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  return value === undefined ? '' : String(value);
}

export function formatRule(rule: Rule, locale: Locale): string {
  const operator = RULE_OPERATORS.labels[rule.operator][locale];
  return [rule.field, operator, formatValue(rule.value)].filter(Boolean).join(' ');
}

export function formatRuleGroup(group: RuleGroup, locale: Locale): string {
  const joiner = {
    all: locale === 'zh-CN' ? ' 且 ' : ' and ',
    any: locale === 'zh-CN' ? ' 或 ' : ' or ',
    not: locale === 'zh-CN' ? ' 或 ' : ' or ',
  }[group.combinator];
  const inner = group.children
    .map((child) =>
      child.kind === 'rule' ? formatRule(child, locale) : `(${formatRuleGroup(child, locale)})`,
    )
    .join(joiner);
  if (group.combinator !== 'not') return inner;
  return locale === 'zh-CN' ? `并非 (${inner})` : `not (${inner})`;
}

export function pick(locale: Locale, zhCN: string, en: string): string {
  return locale === 'zh-CN' ? zhCN : en;
}
