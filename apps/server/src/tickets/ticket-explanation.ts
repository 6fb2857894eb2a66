import {
  categoryLabelText,
  classifyCategoriesOf,
  type FlowVersion,
  getNodeType,
  type LocalizedText,
} from '@flowdesk/model';
import type { ExecutionStep, JsonValue, Ticket } from '@flowdesk/store';
import type { AppServices } from '../app-deps.ts';
import { AppError } from '../http/app-error.ts';
import { notFoundParams } from './ticket-actions.ts';

/**
 * Why a person has this ticket (issue 13, item 2): which flow and version
 * created it or handed it over, what the classifier said and how sure it was,
 * the step that decided a person should take it, and the execution to open as
 * a trace. Read from the execution's step log; no step input or output is
 * passed on whole, so no contact leaks through the explanation.
 */

export interface ExplainedStep {
  nodeId: string;
  nodeType: string;
  /** The step's label on the canvas, when it has one. */
  label: string | null;
  /** The output port the step took (`true`, `low_confidence`, a category…). */
  port: string | null;
  /** That port's name in both languages (a category's label, not its id); null when unknown. */
  portLabel: LocalizedText | null;
  at: string;
}

export interface FlowExplanation {
  executionId: string;
  flowId: string;
  flowName: string;
  flowLocalizedName: LocalizedText | null;
  version: number;
  executionStatus: string;
  classification: {
    category: string | null;
    /** The category's label in both languages, from the Classify step of the version that ran. */
    categoryName: LocalizedText | null;
    confidence: number | null;
    threshold: number | null;
    source: string | null;
  } | null;
  /** The step that made the ticket a person's work: created, assigned or escalated it. */
  handover: ExplainedStep | null;
  /** The last decision (condition, switch, classify, business hours) before the hand-over. */
  decidedBy: ExplainedStep | null;
  /** Every other execution that changed this ticket, newest last, for their traces. */
  otherExecutionIds: string[];
}

const HANDOVER_TYPES = new Set(['action.create_ticket', 'action.assign', 'action.escalate']);
const DECISION_TYPES = new Set(['logic.condition', 'logic.switch', 'logic.classify', 'logic.business_hours']);

/** A flow step's idempotency key is `executionId:nodeId:visit`; the ticket keeps the one that created it. */
function creatingExecution(ticket: Ticket): string | null {
  if (!ticket.createdByKey) return null;
  const [executionId] = ticket.createdByKey.split(':');
  return executionId || null;
}

function record(value: JsonValue | undefined): Record<string, JsonValue> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
}

function numberOrNull(value: JsonValue | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

function stringOrNull(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function classificationOf(
  steps: readonly ExecutionStep[],
  version: FlowVersion | null,
): FlowExplanation['classification'] {
  const classify = steps.findLast((step) => step.nodeType === 'logic.classify');
  const found = record(record(classify?.output)?.classification);
  if (!found) return null;
  const category = stringOrNull(found.category);
  const named = classifyCategoriesOf(version?.graph.nodes ?? []).find((entry) => entry.id === category);
  return {
    category,
    categoryName: category === null ? null : (named?.label ?? categoryLabelText({ id: category })),
    confidence: numberOrNull(found.confidence),
    threshold: numberOrNull(found.threshold),
    source: stringOrNull(found.source),
  };
}

/** The name of the port a step took, as its node type names it for the step's config (a category's label…). */
function portLabel(
  node: FlowVersion['graph']['nodes'][number] | undefined,
  port: string | null,
): LocalizedText | null {
  if (!node || port === null) return null;
  const definition = getNodeType(node.type);
  try {
    const ports = definition?.outputPorts(definition.configSchema.parse(node.config) as never) ?? [];
    return ports.find((candidate) => candidate.id === port)?.label ?? null;
  } catch {
    // A config the version stored but the catalog no longer reads: the port's id is all we can show.
    return null;
  }
}

function explained(step: ExecutionStep | undefined, version: FlowVersion | null): ExplainedStep | null {
  if (!step) return null;
  const node = version?.graph.nodes.find((candidate) => candidate.id === step.nodeId);
  return {
    nodeId: step.nodeId,
    nodeType: step.nodeType,
    label: node?.label ?? null,
    port: step.port,
    portLabel: portLabel(node, step.port),
    at: step.finishedAt,
  };
}

export async function ticketExplanation(services: AppServices, id: string): Promise<FlowExplanation | null> {
  const { store } = services;
  const ticket = await store.tickets.get(id);
  if (!ticket) throw new AppError('not_found', 'desk_not_found', notFoundParams(id));
  const history = await store.ticketHistory.list(id);
  const byFlows = [
    ...new Set(history.filter((entry) => entry.actor.kind === 'execution').map((entry) => entry.actor.id)),
  ];
  const executionId = creatingExecution(ticket) ?? byFlows[0] ?? null;
  if (!executionId) return null;
  const execution = await store.executions.get(executionId);
  if (!execution) return null;
  const [flow, version, steps] = await Promise.all([
    store.flows.get(execution.flowId),
    store.versions.get(execution.flowId, execution.version),
    store.executions.listSteps(executionId),
  ]);
  const handoverIndex = steps.findIndex((step) => HANDOVER_TYPES.has(step.nodeType));
  const before = handoverIndex < 0 ? steps : steps.slice(0, handoverIndex);
  return {
    executionId,
    flowId: execution.flowId,
    flowName: flow?.name ?? execution.flowId,
    flowLocalizedName: flow?.localizedName ?? null,
    version: execution.version,
    executionStatus: execution.status,
    classification: classificationOf(steps, version),
    handover: explained(steps[handoverIndex], version),
    decidedBy: explained(
      before.findLast((step) => DECISION_TYPES.has(step.nodeType)),
      version,
    ),
    otherExecutionIds: byFlows.filter((other) => other !== executionId),
  };
}
