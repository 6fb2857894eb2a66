import {
  categoryLabelText,
  FIELD_SOURCES,
  type FieldInfo,
  type FieldSourceId,
  type FlowGraph,
  type Locale,
  type LocalizedText,
  type ReferenceKind,
  type ReferenceOption,
  type WorkspaceReferences,
} from '@flowdesk/model';

/**
 * The choices of a reference dropdown (a team, an agent, a message template, a
 * category…): shown by name in the admin's language, stored by id. A value the
 * list lacks is kept as a choice of its own and flagged, never dropped, so
 * opening a flow does not change it.
 */

export interface ReferenceChoice {
  readonly id: string;
  readonly label: string;
}

export interface ReferenceChoices {
  readonly choices: readonly ReferenceChoice[];
  /** Set when the stored value is not among the choices (and the list is known). */
  readonly unknown?: string;
}

/** What the dropdowns pick from: the workspace's records (once loaded) and the flow's categories before the step. */
export interface ReferenceSources {
  readonly workspace: WorkspaceReferences | undefined;
  readonly categories: readonly ReferenceOption[];
}

function optionsOf(kind: ReferenceKind, sources: ReferenceSources): readonly ReferenceOption[] | undefined {
  return kind === 'category' ? sources.categories : sources.workspace?.[kind];
}

export function referenceChoices(
  kind: ReferenceKind,
  sources: ReferenceSources,
  locale: Locale,
  value: unknown,
  builtIn: Readonly<Record<string, LocalizedText>> = {},
): ReferenceChoices {
  const options = optionsOf(kind, sources);
  const choices: ReferenceChoice[] = [
    ...Object.entries(builtIn).map(([id, label]) => ({ id, label: label[locale] })),
    ...(options ?? []).map((option) => ({
      id: option.id,
      label: option.label[locale] || option.id,
    })),
  ];
  const current = typeof value === 'string' ? value : '';
  if (current === '' || choices.some((choice) => choice.id === current)) return { choices };
  // Until the list is known the value is shown as it is, not accused of anything.
  return { choices: [...choices, { id: current, label: current }], ...(options ? { unknown: current } : {}) };
}

/** The categories the Classify steps on some path before `nodeId` decide, for a category dropdown. */
export function categoriesBefore(
  graph: FlowGraph | undefined,
  nodeId: string | undefined,
): ReferenceOption[] {
  if (!graph || !nodeId) return [];
  const incoming = new Map<string, string[]>();
  for (const edge of graph.edges)
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.source]);
  const seen = new Set<string>();
  const stack = [...(incoming.get(nodeId) ?? [])];
  const categories = new Map<string, ReferenceOption>();
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = graph.nodes.find((candidate) => candidate.id === id);
    if (node?.type === 'logic.classify') {
      for (const category of classifyCategories(node.config)) categories.set(category.id, category);
    }
    stack.push(...(incoming.get(id) ?? []));
  }
  return [...categories.values()];
}

function classifyCategories(config: unknown): ReferenceOption[] {
  const categories = (config as { categories?: unknown } | null)?.categories;
  if (!Array.isArray(categories)) return [];
  return categories.flatMap((category: unknown) => {
    const { id, label } = (category ?? {}) as { id?: unknown; label?: unknown };
    if (typeof id !== 'string' || id === '') return [];
    return [{ id, label: categoryLabelText({ id, label }) }];
  });
}

/** What a data field such as `ticket.team` holds the id of, if anything (fields.ts, `refersTo`). */
export function fieldRefersTo(path: string): ReferenceKind | undefined {
  const [root = '', name, ...rest] = path.split('.');
  if (!(root in FIELD_SOURCES) || name === undefined || rest.length > 0) return undefined;
  const fields: readonly FieldInfo[] = FIELD_SOURCES[root as FieldSourceId].fields;
  return fields.find((field) => field.name === name)?.refersTo;
}
