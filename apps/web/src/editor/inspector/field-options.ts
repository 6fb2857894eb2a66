import {
  FIELD_SOURCES,
  type FieldInfo,
  type FieldSourceId,
  type FieldType,
  type FlowGraph,
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

function providedBy(type: string, config: unknown): string[] {
  const definition = getNodeType(type);
  const parsed = definition?.configSchema.safeParse(config);
  if (!definition?.provides || !parsed?.success) return [];
  try {
    return definition.provides(parsed.data);
  } catch {
    return [];
  }
}

/**
 * What the steps before `nodeId` make available (sources like `ticket`, and
 * `variables.<name>`), or undefined when the step is not connected yet and
 * anything may still come before it.
 */
export function availableAt(graph: FlowGraph, nodeId: string): Set<string> | undefined {
  const incoming = new Map<string, string[]>();
  for (const edge of graph.edges)
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.source]);
  const stack = [...(incoming.get(nodeId) ?? [])];
  if (stack.length === 0) return undefined;
  const available = new Set(graph.settings.variables.map((variable) => `variables.${variable.name}`));
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop() ?? '';
    if (seen.has(id)) continue;
    seen.add(id);
    const node = graph.nodes.find((candidate) => candidate.id === id);
    if (node) for (const provided of providedBy(node.type, node.config)) available.add(provided);
    stack.push(...(incoming.get(id) ?? []));
  }
  return available;
}

/** The fields to offer: all of them, or only those `available` (see availableAt) when given. */
export function fieldOptions(
  graph: FlowGraph | undefined,
  locale: Locale,
  available?: ReadonlySet<string>,
): FieldOption[] {
  const options: FieldOption[] = [];
  for (const [sourceId, source] of Object.entries(FIELD_SOURCES) as Array<
    [FieldSourceId, (typeof FIELD_SOURCES)[FieldSourceId]]
  >) {
    const group = source.label[locale];
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
