import { z } from 'zod';
import type { StoredMessageLookup } from '../catalog/catalog.types.ts';
import { type FlowGraph, FlowGraphSchema } from '../flow-graph.schema.ts';
import { buildLintContext } from './lint-context.ts';
import { message } from './messages.ts';
import type { Problem } from './problem.ts';
import { lintChoiceValues } from './rules/choice-values.rule.ts';
import { lintComparedReferences } from './rules/compared-references.rule.ts';
import { lintCycles } from './rules/cycles.rule.ts';
import { lintEdges } from './rules/edges.rule.ts';
import { lintFieldsThatMayBeEmpty } from './rules/empty-fields.rule.ts';
import { lintFieldReferences } from './rules/field-references.rule.ts';
import { lintUnconnectedPorts } from './rules/ports.rule.ts';
import { lintStatusChanges } from './rules/status-changes.rule.ts';
import { lintSwitchCases } from './rules/switch-cases.rule.ts';
import { lintTriggers } from './rules/triggers.rule.ts';
import { lintUnreachable } from './rules/unreachable.rule.ts';
import { lintWorkspaceReferences } from './rules/workspace-references.rule.ts';
import type { WorkspaceReferences } from './workspace-references.ts';
import { describeIssue, flattenIssues, formatPath } from './zod-issues.ts';

export interface LintOptions {
  /**
   * The workspace's saved message templates by id, so a message that uses one
   * is checked like one with its own text. Without it such messages are not.
   */
  readonly messageTemplates?: StoredMessageLookup;
  /**
   * The workspace's teams, agents, SLA policies, message templates and
   * knowledge-base tags, so a field naming one that does not exist is an
   * error. Without it such references are not checked.
   */
  readonly workspace?: WorkspaceReferences;
}

/**
 * Everything wrong with a flow, errors first. Errors block publishing; warnings
 * do not. Never throws for any graph that passed FlowGraphSchema.
 */
export function lintFlow(graph: FlowGraph, options: LintOptions = {}): Problem[] {
  const { context, problems } = buildLintContext(graph);
  problems.push(
    ...lintTriggers(context),
    ...lintEdges(context),
    ...lintUnconnectedPorts(context),
    ...lintUnreachable(context),
    ...lintCycles(context),
    ...lintSwitchCases(context),
    ...lintFieldReferences(context),
    ...lintFieldsThatMayBeEmpty(context, options.messageTemplates ?? (() => undefined)),
    ...(options.workspace ? lintWorkspaceReferences(context, options.workspace) : []),
    ...lintComparedReferences(context, options.workspace),
    ...lintChoiceValues(context),
    ...lintStatusChanges(context),
  );
  return problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

const FlowDocumentSchema = FlowGraphSchema.extend({
  $schema: z.string().optional(),
  format: z.string().optional(),
  name: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
});

export type FlowDocumentRead =
  | { readonly ok: true; readonly graph: FlowGraph; readonly name?: string; readonly description?: string }
  | { readonly ok: false; readonly problems: Problem[] };

/**
 * Reads a parsed JSON value as a flow file or a bare graph. Anything that is not
 * shaped like a flow is refused with problems pointing at the faulty path.
 */
export function readFlowDocument(input: unknown): FlowDocumentRead {
  const result = FlowDocumentSchema.safeParse(input);
  if (result.success) {
    const { nodes, edges, settings, name, description } = result.data;
    return { ok: true, graph: { nodes, edges, settings }, name, description };
  }
  const problems = flattenIssues(result.error.issues).map((issue): Problem => {
    const detail = describeIssue(issue, input);
    const path = formatPath(issue.path);
    return {
      code: 'flow.not_a_flow',
      severity: 'error',
      ...(path ? { field: path } : {}),
      message: message('flow.not_a_flow', {
        detailZh: path ? `${path} ${detail['zh-CN']}` : detail['zh-CN'],
        detailEn: path ? `${path} ${detail.en}` : detail.en,
      }),
    };
  });
  return { ok: false, problems };
}
