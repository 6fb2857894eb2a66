import { type FlowGraph, getNodeType, type LocalizedText, text, WAIT_EVENTS } from '@flowdesk/model';
import type { ExecutionListItem, JsonObject } from '@flowdesk/store';
import { EXECUTION_OUTCOME_TEXT } from '../messages/execution-outcome.messages.ts';

/**
 * Where an execution stands, in one translated line for the executions list:
 * finished or stopped at which step, waiting for what, or failed at which step
 * with which incident. Steps are named as the editor names them: their own
 * label, else their type's.
 */
export interface ExecutionOutcome {
  /** The step it ended, waits or failed at; null when the execution never reached one. */
  nodeId: string | null;
  step: LocalizedText | null;
  text: LocalizedText;
}

const same = (value: string): LocalizedText => text(value, value);

/** A step's name as the canvas shows it; the id when the version no longer has the node. */
export function stepName(graph: FlowGraph | null, nodeId: string): LocalizedText {
  const node = graph?.nodes.find((candidate) => candidate.id === nodeId);
  if (node?.label?.trim()) return same(node.label.trim());
  const type = node ? getNodeType(node.type) : undefined;
  return type ? type.label : same(nodeId);
}

function waitFor(event: string | null): LocalizedText | null {
  if (!event) return null;
  return (WAIT_EVENTS.labels as Record<string, LocalizedText | undefined>)[event] ?? same(event);
}

export function executionOutcome(
  item: Pick<ExecutionListItem, 'status' | 'currentNodeId' | 'pending'>,
  incident: (JsonObject & { message?: LocalizedText }) | null,
  graph: FlowGraph | null,
): ExecutionOutcome {
  const nodeId = (typeof incident?.nodeId === 'string' && incident.nodeId) || item.currentNodeId;
  const step = nodeId ? stepName(graph, nodeId) : same('—');
  const outcome = (
    code: keyof typeof EXECUTION_OUTCOME_TEXT,
    extra: { detail?: LocalizedText; waitFor?: LocalizedText } = {},
  ) => ({
    nodeId: nodeId ?? null,
    step: nodeId ? step : null,
    text: EXECUTION_OUTCOME_TEXT[code]({ step, ...extra }),
  });
  switch (item.status) {
    case 'completed':
      return outcome('completed');
    case 'cancelled':
      return outcome('cancelled');
    case 'failed':
      return incident?.message
        ? outcome('failed', { detail: incident.message })
        : outcome('failedWithoutIncident');
    case 'waiting': {
      const event = waitFor(item.pending?.event ?? null);
      return event ? outcome('waitingEvent', { waitFor: event }) : outcome('waitingTimer');
    }
    case 'running':
      return outcome('running');
  }
}
