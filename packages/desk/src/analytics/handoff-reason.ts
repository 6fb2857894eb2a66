import type { HandoffReason } from './kpi-records.ts';

/**
 * Why a flow handed a ticket to people, read from its execution's step log
 * (only node types and ports: no customer data). The steps before the first
 * hand-over step (create ticket, assign, escalate) decide:
 * - customer_asked: a Classify step chose a category that means "a person,
 *   please" (its id is `human`, `agent`, `person`, `转人工` or `人工`, or starts with
 *   `human_`, `ask_human`);
 * - low_confidence: a Classify step left by its low-confidence port;
 * - rule: otherwise, a condition, switch or the flow's own design sent it;
 * - unknown: there is no step log (a ticket made by a person or the API).
 */

const HANDOVER_TYPES = new Set(['action.create_ticket', 'action.assign', 'action.escalate']);
const HUMAN_CATEGORY = /^(human|agent|person|转人工|人工)$|^(human_|ask_human|request_human)/i;

export interface HandoffStep {
  nodeType: string;
  port: string | null;
}

export function handoffReasonFromSteps(steps: readonly HandoffStep[]): HandoffReason {
  if (steps.length === 0) return 'unknown';
  const handover = steps.findIndex((step) => HANDOVER_TYPES.has(step.nodeType));
  const before = handover < 0 ? steps : steps.slice(0, handover);
  const classified = before.filter((step) => step.nodeType === 'logic.classify');
  if (classified.some((step) => step.port !== null && HUMAN_CATEGORY.test(step.port)))
    return 'customer_asked';
  if (classified.some((step) => step.port === 'low_confidence')) return 'low_confidence';
  return 'rule';
}
