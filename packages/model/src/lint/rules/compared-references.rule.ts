import type { ReferenceKind } from '../../catalog/catalog.types.ts';
import { type CategoryLabel, categoryLabelText } from '../../category-label.ts';
import type { RuleGroup } from '../../config-parts.schema.ts';
import { FIELD_SOURCES, type FieldInfo, type FieldSourceId } from '../../fields.ts';
import type { LintContext } from '../lint-context.ts';
import { message } from '../messages.ts';
import type { Problem } from '../problem.ts';
import {
  optionLabelled,
  REFERENCE_KIND_NAMES,
  type ReferenceOption,
  type WorkspaceReferences,
} from '../workspace-references.ts';
import { checkReference } from './workspace-references.rule.ts';

/**
 * A rule that compares a field holding ids (a category, a team, an agent) with
 * something that is not one of those ids is always false (or, negated, always
 * true), and nothing tells the admin: `classification.category equals
 * "Complaint"` never holds when the category's id is `complaint`. Categories
 * are what the Classify steps before the node decide; teams and agents are the
 * workspace's. Create ticket's category, a category by id, gets the label check too.
 */

/** Operators whose value is compared as a whole with the field, so it must be one of its ids. */
const EQUALITY_OPERATORS: ReadonlySet<string> = new Set(['equals', 'not_equals', 'in']);

export interface Comparison {
  /** Where the compared value is written, e.g. `config.rules.children[0].value`. */
  readonly at: string;
  readonly field: string;
  readonly value: string;
}

interface ClassifyCategory {
  readonly id: string;
  readonly label: CategoryLabel;
}

export function lintComparedReferences(context: LintContext, workspace?: WorkspaceReferences): Problem[] {
  const ancestors = ancestorsOf(context);
  const problems: Problem[] = [];
  for (const [nodeId, definition] of context.definitions) {
    const config = context.configs.get(nodeId);
    if (config === undefined) continue;
    const categories = classifiedBefore(context, ancestors.get(nodeId) ?? new Set());
    for (const comparison of comparisonsOf(definition.type, definition.category, config)) {
      const kind = refersTo(comparison.field);
      if (kind === undefined) continue;
      const problem =
        kind === 'category'
          ? checkCategory(comparison, categories)
          : kind === 'team' || kind === 'agent'
            ? workspace && checkReference(workspace, kind, {}, comparison.value)
            : undefined;
      if (problem) problems.push({ ...problem, nodeId, field: comparison.at });
    }
    if (definition.type === 'action.create_ticket') {
      const category = (config as { category?: string }).category;
      const named = category === undefined ? undefined : labelled(categories, category);
      if (category !== undefined && named) {
        problems.push({
          code: 'reference.label_not_id',
          severity: 'error',
          nodeId,
          field: 'config.category',
          message: message('reference.label_not_id', {
            value: category,
            id: named.id,
            kindZh: REFERENCE_KIND_NAMES.category['zh-CN'],
            kindEn: REFERENCE_KIND_NAMES.category.en,
            labelZh: named.label['zh-CN'],
            labelEn: named.label.en,
          }),
        });
      }
    }
  }
  return problems;
}

function checkCategory(
  comparison: Comparison,
  categories: readonly ClassifyCategory[],
): Omit<Problem, 'nodeId' | 'field'> | undefined {
  if (categories.length === 0 || categories.some((category) => category.id === comparison.value)) {
    return undefined;
  }
  const named = labelled(categories, comparison.value);
  if (named) {
    return {
      code: 'category.label_not_id',
      severity: 'error',
      message: message('category.label_not_id', {
        value: comparison.value,
        field: comparison.field,
        id: named.id,
        labelZh: named.label['zh-CN'],
        labelEn: named.label.en,
      }),
    };
  }
  return {
    code: 'category.unknown_value',
    // The Classify steps decide classification.category alone; a ticket's category may also come from the request or an agent.
    severity: comparison.field === 'classification.category' ? 'error' : 'warning',
    message: message('category.unknown_value', {
      value: comparison.value,
      field: comparison.field,
      ids: categories.map((category) => category.id).join(', '),
    }),
  };
}

function labelled(categories: readonly ClassifyCategory[], value: string): ReferenceOption | undefined {
  return optionLabelled(
    categories.map((category) => ({ id: category.id, label: categoryLabelText(category) })),
    value,
  );
}

function refersTo(path: string): ReferenceKind | undefined {
  return fieldInfo(path)?.refersTo;
}

/** The vocabulary entry of a field path such as `ticket.team`; undefined for deeper or unknown paths. */
export function fieldInfo(path: string): FieldInfo | undefined {
  const [root = '', name] = path.split('.');
  if (!(root in FIELD_SOURCES) || name === undefined || path.split('.').length !== 2) return undefined;
  const fields: readonly FieldInfo[] = FIELD_SOURCES[root as FieldSourceId].fields;
  return fields.find((field) => field.name === name);
}

/**
 * The equality comparisons a node's rules make: conditions' rules, a switch's
 * cases and a trigger's entry conditions (which are rules like any condition's).
 */
export function comparisonsOf(type: string, category: string, config: unknown): Comparison[] {
  if (category === 'trigger') {
    const entry = (config as { entry?: RuleGroup }).entry;
    return entry ? groupComparisons('config.entry', entry) : [];
  }
  if (type === 'logic.condition') {
    const condition = config as { mode: string; rules: RuleGroup };
    return condition.mode === 'rules' ? groupComparisons('config.rules', condition.rules) : [];
  }
  if (type === 'logic.switch') {
    const switchConfig = config as { field: string; cases: { operator: string; value: unknown }[] };
    return switchConfig.cases.flatMap((switchCase, index) =>
      EQUALITY_OPERATORS.has(switchCase.operator)
        ? valueComparisons(`config.cases[${index}].value`, switchConfig.field, switchCase.value)
        : [],
    );
  }
  return [];
}

function groupComparisons(at: string, group: RuleGroup): Comparison[] {
  return group.children.flatMap((child, index) => {
    const here = `${at}.children[${index}]`;
    if (child.kind === 'group') return groupComparisons(here, child);
    return EQUALITY_OPERATORS.has(child.operator)
      ? valueComparisons(`${here}.value`, child.field, child.value)
      : [];
  });
}

function valueComparisons(at: string, field: string, value: unknown): Comparison[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      typeof item === 'string' ? [{ at: `${at}[${index}]`, field, value: item }] : [],
    );
  }
  return typeof value === 'string' ? [{ at, field, value }] : [];
}

/** The categories the Classify steps on some path before the node decide. */
function classifiedBefore(context: LintContext, ancestors: ReadonlySet<string>): ClassifyCategory[] {
  const categories = new Map<string, ClassifyCategory>();
  for (const nodeId of ancestors) {
    if (context.definitions.get(nodeId)?.type !== 'logic.classify') continue;
    const config = context.configs.get(nodeId) as { categories: ClassifyCategory[] } | undefined;
    for (const category of config?.categories ?? []) categories.set(category.id, category);
  }
  return [...categories.values()];
}

/** Every node on some path to each node (itself only when a loop leads back to it). */
function ancestorsOf(context: LintContext): Map<string, Set<string>> {
  const predecessors = new Map<string, string[]>();
  for (const edge of context.usableEdges) {
    predecessors.set(edge.target, [...(predecessors.get(edge.target) ?? []), edge.source]);
  }
  const result = new Map<string, Set<string>>();
  for (const nodeId of context.nodesById.keys()) {
    const seen = new Set<string>();
    const queue = [...(predecessors.get(nodeId) ?? [])];
    while (queue.length > 0) {
      const id = queue.shift() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      queue.push(...(predecessors.get(id) ?? []));
    }
    result.set(nodeId, seen);
  }
  return result;
}
