import type { FieldHelp } from '../../catalog/catalog.types.ts';
import type { LintContext } from '../lint-context.ts';
import { message } from '../messages.ts';
import type { Problem } from '../problem.ts';
import {
  isWorkspaceReferenceKind,
  optionLabelled,
  REFERENCE_KIND_NAMES,
  type WorkspaceReferenceKind,
  type WorkspaceReferences,
} from '../workspace-references.ts';

/**
 * A config field that names a team, an agent, an SLA policy, a message
 * template or a knowledge-base tag (its catalog entry says so with `refersTo`)
 * must name one the workspace has: "VIP team" typed where the id `vip` belongs
 * would only fail when a customer's request reaches the step. Without the
 * workspace (CLI, template checks) there is nothing to compare with.
 */
export function lintWorkspaceReferences(context: LintContext, workspace: WorkspaceReferences): Problem[] {
  const problems: Problem[] = [];
  for (const [nodeId, definition] of context.definitions) {
    const config = context.configs.get(nodeId);
    if (config === undefined) continue;
    for (const [path, help] of Object.entries(definition.fields)) {
      const kind = help.refersTo;
      if (kind === undefined || !isWorkspaceReferenceKind(kind)) continue;
      for (const { at, value } of valuesAt(config, path)) {
        const problem = checkReference(workspace, kind, help, value);
        if (problem) problems.push({ ...problem, nodeId, field: at });
      }
    }
  }
  return problems;
}

/**
 * Whether `value` names a record of `kind`; a problem without its place when not.
 * Shared with rule comparisons (`ticket.team equals …`), which point at the rule's value.
 */
export function checkReference(
  workspace: WorkspaceReferences,
  kind: WorkspaceReferenceKind,
  help: Pick<FieldHelp, 'builtIn'>,
  value: string,
): Omit<Problem, 'nodeId' | 'field'> | undefined {
  if (value === '' || (help.builtIn && Object.hasOwn(help.builtIn, value))) return undefined;
  const options = workspace[kind];
  if (options.some((option) => option.id === value)) return undefined;
  const name = REFERENCE_KIND_NAMES[kind];
  const named = optionLabelled(options, value);
  if (named) {
    return {
      code: 'reference.label_not_id',
      severity: 'error',
      message: message('reference.label_not_id', {
        value,
        id: named.id,
        kindZh: name['zh-CN'],
        kindEn: name.en,
        labelZh: named.label['zh-CN'],
        labelEn: named.label.en,
      }),
    };
  }
  return {
    code: 'reference.unknown',
    severity: 'error',
    message: message('reference.unknown', { value, kindZh: name['zh-CN'], kindEn: name.en }),
  };
}

/**
 * The strings at a field path without indices (`teamId`, `cases.value`),
 * through objects and lists, each with where it is (`config.cases[1].value`).
 */
export function valuesAt(config: unknown, path: string): { at: string; value: string }[] {
  let current: { at: string; value: unknown }[] = [{ at: 'config', value: config }];
  for (const key of path.split('.')) {
    current = current.flatMap(({ at, value }) =>
      spread(at, value).flatMap((item) =>
        item.value !== null && typeof item.value === 'object' && key in item.value
          ? [{ at: `${item.at}.${key}`, value: (item.value as Record<string, unknown>)[key] }]
          : [],
      ),
    );
  }
  return current
    .flatMap(({ at, value }) => spread(at, value))
    .flatMap((item) => (typeof item.value === 'string' ? [{ at: item.at, value: item.value }] : []));
}

function spread(at: string, value: unknown): { at: string; value: unknown }[] {
  return Array.isArray(value)
    ? value.map((item, index) => ({ at: `${at}[${index}]`, value: item }))
    : [{ at, value }];
}
