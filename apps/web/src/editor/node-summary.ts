import { classifyCategoriesOf, getNodeType, type Locale, type RuleGroup } from '@flowdesk/model';
import { type ReactFlowState, useStore } from '@xyflow/react';
import { useWorkspaceReferences } from './inspector/workspace-references-context.tsx';
import { summaryOf } from './node-type-info.ts';
import { fieldPhrase, ruleSentence, type SentenceLabels } from './rule-sentence.ts';

/**
 * The card's one-line summary. A condition in rules mode reads as a sentence
 * with labels (see rule-sentence.ts), a Switch names its field by label (its
 * cases are the card's outputs); every other step says what its catalog
 * entry's `summarize` says.
 */
export function nodeSummary(
  type: string,
  config: unknown,
  locale: Locale,
  labels: SentenceLabels = {},
): string | undefined {
  if (type === 'logic.condition') {
    const parsed = getNodeType(type)?.configSchema.safeParse(config);
    if (!parsed?.success) return undefined;
    const condition = parsed.data as { mode: 'rules' | 'expression'; rules: RuleGroup };
    if (condition.mode === 'rules') return ruleSentence(condition.rules, locale, labels);
  }
  if (type === 'logic.switch') {
    const parsed = getNodeType(type)?.configSchema.safeParse(config);
    if (!parsed?.success) return undefined;
    return switchSentence(parsed.data as { field: string; cases: readonly unknown[] }, locale);
  }
  return summaryOf(type, config, locale);
}

/** "By the category, 2 cases" / "按 分类 分 2 路": the field as a manager says it, never its path. */
function switchSentence(config: { field: string; cases: readonly unknown[] }, locale: Locale): string {
  const count = config.cases.length;
  const field = fieldPhrase(config.field, locale);
  return locale === 'zh-CN'
    ? `按 ${field} 分 ${count} 路`
    : `By ${field}, ${count} ${count === 1 ? 'case' : 'cases'}`;
}

/** The Classify steps' categories on the canvas, as a string so cards re-render only when they change. */
function categoryKey(state: ReactFlowState): string {
  const steps = state.nodes.flatMap((node) => {
    const data = node.data as { type?: unknown; config?: unknown };
    return typeof data.type === 'string' ? [{ type: data.type, config: data.config }] : [];
  });
  return JSON.stringify(classifyCategoriesOf(steps));
}

/** nodeSummary for a card on the canvas: categories as the flow's Classify steps name them, teams and agents by name. */
export function useNodeSummary(type: string, config: unknown, locale: Locale): string | undefined {
  const key = useStore(categoryKey);
  const workspace = useWorkspaceReferences();
  const named = JSON.parse(key) as ReturnType<typeof classifyCategoriesOf>;
  const categories = new Map(named.map((category) => [category.id, category.label[locale]]));
  return nodeSummary(type, config, locale, { categories, workspace });
}
