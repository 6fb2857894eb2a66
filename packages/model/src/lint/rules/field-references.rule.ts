import type { AnyNodeType } from '../../catalog/catalog.types.ts';
import { NODE_TYPES } from '../../catalog/node-catalog.ts';
import { type AvailableFields, checkFieldPath } from '../../fields.ts';
import type { LintContext } from '../lint-context.ts';
import { message } from '../messages.ts';
import type { Problem } from '../problem.ts';

/**
 * Templates, rules and field pickers may only name fields the flow can have at
 * that point: provided by the trigger or by a step on some path before it, or
 * declared as a flow variable.
 */
export function lintFieldReferences(context: LintContext): Problem[] {
  const before = fieldsAvailableBefore(context);
  const problems: Problem[] = [];
  for (const [nodeId, definition] of context.definitions) {
    const config = context.configs.get(nodeId);
    const available = before.get(nodeId);
    if (config === undefined || available === undefined || !definition.references) continue;
    for (const reference of definition.references(config)) {
      if (reference.unclosedTemplate) {
        problems.push({
          code: 'template.unclosed',
          severity: 'error',
          nodeId,
          field: reference.at,
          message: message('template.unclosed'),
        });
        continue;
      }
      const check = checkFieldPath(reference.path, available);
      if (check.known) continue;
      const root = reference.path.split('.')[0] ?? '';
      const base = { severity: 'error' as const, nodeId, field: reference.at };
      if (check.reason === 'not_yet_available') {
        const providers = providersOf(root);
        problems.push({
          ...base,
          code: 'field.not_yet_available',
          message: message('field.not_yet_available', {
            path: reference.path,
            hintZh: providers.length
              ? `，可在此之前添加“${providers.map((p) => p.label['zh-CN']).join('”或“')}”`
              : '',
            hintEn: providers.length
              ? `; add a "${providers.map((p) => p.label.en).join('" or "')}" step before it`
              : '',
          }),
        });
      } else {
        problems.push({
          ...base,
          code: 'field.unknown',
          message: message('field.unknown', { path: reference.path }),
        });
      }
    }
  }
  return problems;
}

/**
 * Forward data flow over the graph: what is available before a node is the union
 * of what its predecessors have after them. Sets only grow, so this settles.
 */
export function fieldsAvailableBefore(context: LintContext): Map<string, AvailableFields> {
  const before = new Map<string, AvailableFields>();
  for (const [nodeId, providers] of fieldProvidersBefore(context))
    before.set(nodeId, new Set(providers.keys()));
  return before;
}

/**
 * The same forward data flow, keeping who provides each field: before a node,
 * each available source or variable maps to the ids of the steps on some path
 * before it that provide it (none for a declared flow variable). The editor's
 * field picker groups fields by these steps. Sets only grow, so this settles.
 */
export function fieldProvidersBefore(context: LintContext): Map<string, Map<string, Set<string>>> {
  const declared = context.graph.settings.variables.map((variable) => `variables.${variable.name}`);
  const before = new Map<string, Map<string, Set<string>>>();
  const queue: string[] = [];
  for (const triggerId of context.triggerIds) {
    before.set(triggerId, new Map(declared.map((path) => [path, new Set<string>()])));
    queue.push(triggerId);
  }
  while (queue.length > 0) {
    const nodeId = queue.shift() as string;
    const after = new Map([...(before.get(nodeId) ?? [])].map(([path, ids]) => [path, new Set(ids)]));
    for (const provided of providedBy(context, nodeId)) {
      after.set(provided, (after.get(provided) ?? new Set<string>()).add(nodeId));
    }
    for (const next of context.successors.get(nodeId) ?? []) {
      const target = before.get(next) ?? new Map<string, Set<string>>();
      let grew = !before.has(next);
      for (const [path, ids] of after) {
        const known = target.get(path) ?? new Set<string>();
        const sizeBefore = target.has(path) ? known.size : -1;
        for (const id of ids) known.add(id);
        target.set(path, known);
        if (known.size !== sizeBefore) grew = true;
      }
      before.set(next, target);
      if (grew) queue.push(next);
    }
  }
  return before;
}

function providedBy(context: LintContext, nodeId: string): string[] {
  const definition = context.definitions.get(nodeId);
  const config = context.configs.get(nodeId);
  return definition?.provides && config !== undefined ? definition.provides(config) : [];
}

const providersCache = new Map<string, AnyNodeType[]>();

/** Non-trigger node types that provide a source, for the hint in the message. */
function providersOf(root: string): AnyNodeType[] {
  let providers = providersCache.get(root);
  if (!providers) {
    providers = NODE_TYPES.filter((definition) => {
      if (definition.category === 'trigger' || !definition.provides) return false;
      const parsed = definition.configSchema.safeParse(definition.example);
      return parsed.success && definition.provides(parsed.data).some((p) => p === root);
    });
    providersCache.set(root, providers);
  }
  return providers;
}
