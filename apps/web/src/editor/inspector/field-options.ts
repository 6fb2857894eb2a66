import {
  FIELD_SOURCES,
  type FieldInfo,
  type FieldSourceId,
  type FieldType,
  type FlowGraph,
  fieldsAvailableAt,
  getNodeType,
  type Locale,
} from '@flowdesk/model';

/**
 * The fields a flow can read, for the field picker, the rule builder and
 * template autocomplete: every catalog source, plus the flow's variables
 * (declared in settings or set by a Set variable node).
 */

export interface FieldOption {
  readonly path: string;
  readonly label: string;
  readonly group: string;
  readonly type: FieldType;
  readonly values?: readonly string[];
}

function variableNames(graph: FlowGraph | undefined): string[] {
  if (!graph) return [];
  const declared = graph.settings.variables.map((variable) => variable.name);
  const assigned = graph.nodes.flatMap((node) => {
    const assignments = node.type === 'logic.set_variable' ? node.config.assignments : undefined;
    return Array.isArray(assignments)
      ? assignments.flatMap((assignment: unknown) => {
          const name = (assignment as { name?: unknown } | null)?.name;
          return typeof name === 'string' && name ? [name] : [];
        })
      : [];
  });
  return [...new Set([...declared, ...assigned])];
}

/**
 * What the steps before `nodeId` make available (sources like `ticket`, and
 * `variables.<name>`), each with the ids of the steps that provide it, as the
 * model's linter works it out (`fieldsAvailableAt`); undefined for a trigger and
 * for a step no trigger leads to yet, where anything may still come before it.
 */
export function providersAt(
  graph: FlowGraph,
  nodeId: string,
): ReadonlyMap<string, ReadonlySet<string>> | undefined {
  const node = graph.nodes.find((candidate) => candidate.id === nodeId);
  if (!node || getNodeType(node.type)?.category === 'trigger') return undefined;
  return fieldsAvailableAt(graph, nodeId);
}

/** The sources and variables available before `nodeId` (see providersAt). */
export function availableAt(graph: FlowGraph, nodeId: string): Set<string> | undefined {
  const providers = providersAt(graph, nodeId);
  return providers ? new Set(providers.keys()) : undefined;
}

/** Outputs of one step: grouped under the title of the step that gives them, not a generic source name. */
const STEP_OUTPUT_SOURCES: readonly FieldSourceId[] = ['classification', 'reply', 'http', 'survey'];

function stepTitle(graph: FlowGraph, nodeId: string, locale: Locale): string | undefined {
  const node = graph.nodes.find((candidate) => candidate.id === nodeId);
  if (!node) return undefined;
  const definition = getNodeType(node.type);
  if (!definition || definition.category === 'trigger') return undefined;
  return node.label?.trim() || definition.label[locale];
}

function groupLabel(
  sourceId: FieldSourceId,
  locale: Locale,
  graph: FlowGraph | undefined,
  providers: ReadonlyMap<string, ReadonlySet<string>> | undefined,
): string {
  const sourceLabel = FIELD_SOURCES[sourceId].label[locale];
  if (!graph || !STEP_OUTPUT_SOURCES.includes(sourceId)) return sourceLabel;
  const titles = [...(providers?.get(sourceId) ?? [])].flatMap((id) => stepTitle(graph, id, locale) ?? []);
  return titles.length > 0 ? [...new Set(titles)].join(' / ') : sourceLabel;
}

/**
 * The fields to offer, grouped by where they come from: all of them, or only
 * those `available` (see availableAt) when given. With `providers` (see
 * providersAt), a step's outputs are grouped under that step's title.
 */
export function fieldOptions(
  graph: FlowGraph | undefined,
  locale: Locale,
  available?: ReadonlySet<string>,
  providers?: ReadonlyMap<string, ReadonlySet<string>>,
): FieldOption[] {
  const options: FieldOption[] = [];
  for (const [sourceId, source] of Object.entries(FIELD_SOURCES) as Array<
    [FieldSourceId, (typeof FIELD_SOURCES)[FieldSourceId]]
  >) {
    const group = groupLabel(sourceId, locale, graph, providers);
    if (sourceId === 'variables') {
      for (const name of variableNames(graph)) {
        if (available && !available.has(`variables.${name}`)) continue;
        options.push({ path: `variables.${name}`, label: name, group, type: 'text' });
      }
      continue;
    }
    if (available && !available.has(sourceId)) continue;
    for (const field of source.fields as readonly FieldInfo[]) {
      options.push({
        path: `${sourceId}.${field.name}`,
        label: field.label[locale],
        group,
        type: field.type,
        ...(field.values ? { values: field.values } : {}),
      });
    }
  }
  return options;
}

export function findField(options: readonly FieldOption[], path: string): FieldOption | undefined {
  return options.find((option) => option.path === path);
}
