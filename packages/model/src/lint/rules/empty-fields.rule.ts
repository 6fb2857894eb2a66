import type { StoredMessageLookup } from '../../catalog/catalog.types.ts';
import { checkFieldPath, fieldMayBeEmpty } from '../../fields.ts';
import type { FlowEdge } from '../../flow-graph.schema.ts';
import { type LocalizedText, text } from '../../i18n.ts';
import { unguardedOutputs } from '../../template-outputs.ts';
import type { LintContext } from '../lint-context.ts';
import { message } from '../messages.ts';
import type { Problem } from '../problem.ts';
import { fieldsAvailableBefore } from './field-references.rule.ts';

/**
 * A field with no value renders as nothing, so `您好 {{ customer.name }}，`
 * reaches a customer who gave no name as `您好 ，`. Texts people read (the
 * node types' shownTexts) get a warning for each field shown without a
 * fallback that may be empty at that point: one that only some paths before
 * the step provide, a flow variable only the caller may give, or a field a
 * typical run lacks (fields.ts, `mayBeEmpty`).
 */

/** Ports a step takes when it did not do its job: nothing it provides is there. */
const PORTS_WITHOUT_OUTPUT: ReadonlySet<string> = new Set(['error', 'timeout']);

/** Fields a port guarantees beyond the sources its node provides: `answered` has the reply's text. */
const FILLED_ON_PORT: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'action.auto_reply': { answered: ['reply.text', 'reply.articleId'] },
};

type Reason = 'some_paths' | 'caller' | 'often_missing';

const REASONS: Record<Reason, LocalizedText> = {
  some_paths: text('（只有部分路径上的步骤提供它）', ' (only some paths to this step provide it)'),
  caller: text('（只有启动流程时给了它才会有）', ' (it is there only when whoever starts the flow gives it)'),
  often_missing: text('（很多请求和记录都没有它）', ' (many requests and records lack it)'),
};

/** Fallbacks worth suggesting for the fields people use most; anything else gets "not given". */
const FALLBACKS: Readonly<Record<string, LocalizedText>> = {
  'customer.name': text('顾客', 'customer'),
  'request.customer.name': text('顾客', 'customer'),
  'request.subject': text('客户请求', 'Customer request'),
};
const GENERIC_FALLBACK = text('未提供', 'not given');

export function lintFieldsThatMayBeEmpty(context: LintContext, stored: StoredMessageLookup): Problem[] {
  const available = fieldsAvailableBefore(context);
  const guaranteed = guaranteedBefore(context);
  const declared = new Set(context.graph.settings.variables.map((variable) => `variables.${variable.name}`));
  const problems: Problem[] = [];
  for (const [nodeId, definition] of context.definitions) {
    const config = context.configs.get(nodeId);
    const may = available.get(nodeId);
    const must = guaranteed.get(nodeId);
    if (config === undefined || may === undefined || must === undefined || !definition.shownTexts) continue;
    const node = context.nodesById.get(nodeId);
    const whyEmpty = (path: string) =>
      // A field the flow cannot have at all is field-references.rule.ts's error, not this warning.
      checkFieldPath(path, may).known ? whyMayBeEmpty(path, must, declared) : undefined;
    for (const shown of definition.shownTexts(config, stored)) {
      const warned = new Set<string>();
      for (const { path, fallbacks } of unguardedOutputs(shown.template)) {
        if (warned.has(path)) continue;
        const reason = whyEmpty(path);
        if (!reason || fallbacks.some((fallback) => whyEmpty(fallback) === undefined)) continue;
        warned.add(path);
        const fallback = FALLBACKS[path] ?? GENERIC_FALLBACK;
        problems.push({
          code: 'field.may_be_empty',
          severity: 'warning',
          nodeId,
          field: shown.at,
          message: message('field.may_be_empty', {
            path,
            nodeZh: node?.label || definition.label['zh-CN'],
            nodeEn: node?.label || definition.label.en,
            reasonZh: REASONS[reason]['zh-CN'],
            reasonEn: REASONS[reason].en,
            fallbackZh: fallback['zh-CN'],
            fallbackEn: fallback.en,
          }),
        });
      }
    }
  }
  return problems;
}

function whyMayBeEmpty(
  path: string,
  must: ReadonlySet<string>,
  declared: ReadonlySet<string>,
): Reason | undefined {
  const [root = '', name] = path.split('.');
  if (root === 'variables') {
    const variable = `variables.${name}`;
    if (must.has(variable)) return undefined;
    return declared.has(variable) ? 'caller' : 'some_paths';
  }
  if (!must.has(root)) return 'some_paths';
  if (name !== undefined && must.has(`${root}.${name}`)) return undefined;
  return fieldMayBeEmpty(path) ? 'often_missing' : undefined;
}

/**
 * The other half of fieldsAvailableBefore: what every path to a node provides
 * (sources, variables, and fields a port guarantees). What a node has before it
 * is the intersection over its incoming edges of what the edge's source had
 * plus what it provides on that port. Sets only shrink once set, so this settles.
 * Flow variables declared in the settings are left out: the caller may not give them.
 */
function guaranteedBefore(context: LintContext): Map<string, Set<string>> {
  const edgesFrom = new Map<string, FlowEdge[]>();
  for (const edge of context.usableEdges) {
    edgesFrom.set(edge.source, [...(edgesFrom.get(edge.source) ?? []), edge]);
  }
  const before = new Map<string, Set<string>>();
  const queue: string[] = [];
  for (const triggerId of context.triggerIds) {
    before.set(triggerId, new Set());
    queue.push(triggerId);
  }
  while (queue.length > 0) {
    const nodeId = queue.shift() as string;
    const known = before.get(nodeId) ?? new Set<string>();
    for (const edge of edgesFrom.get(nodeId) ?? []) {
      const after = new Set([...known, ...guaranteedOn(context, nodeId, edge.sourcePort)]);
      const current = before.get(edge.target);
      const next = current === undefined ? after : new Set([...current].filter((fact) => after.has(fact)));
      if (current === undefined || next.size !== current.size) {
        before.set(edge.target, next);
        queue.push(edge.target);
      }
    }
  }
  return before;
}

function guaranteedOn(context: LintContext, nodeId: string, port: string): string[] {
  if (PORTS_WITHOUT_OUTPUT.has(port)) return [];
  const definition = context.definitions.get(nodeId);
  const config = context.configs.get(nodeId);
  if (!definition || config === undefined) return [];
  return [...(definition.provides?.(config) ?? []), ...(FILLED_ON_PORT[definition.type]?.[port] ?? [])];
}
