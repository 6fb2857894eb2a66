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
 *
 * It lives in the store because the retention prune (ExecutionRepository.pruneSteps)
 * keeps exactly the steps this reads: the first step (so a log is never empty), the
 * Classify steps and the hand-over steps, with node type, port and ids only. The
 * KPI dashboard, its rollups and both stores then answer the same reason after a prune.
 */

export const CLASSIFY_STEP_TYPE = 'logic.classify';
export const HANDOVER_STEP_TYPES: readonly string[] = [
  'action.create_ticket',
  'action.assign',
  'action.escalate',
];
/** Node types whose steps outlive the retention prune (payloads emptied), besides each log's first step. */
export const HANDOFF_REASON_STEP_TYPES: readonly string[] = [CLASSIFY_STEP_TYPE, ...HANDOVER_STEP_TYPES];

const HANDOVER = new Set(HANDOVER_STEP_TYPES);
const HUMAN_CATEGORY = /^(human|agent|person|转人工|人工)$|^(human_|ask_human|request_human)/i;

export type StepHandoffReason = 'customer_asked' | 'low_confidence' | 'rule' | 'unknown';

export interface HandoffStep {
  nodeType: string;
  port: string | null;
}

export function handoffReasonFromSteps(steps: readonly HandoffStep[]): StepHandoffReason {
  if (steps.length === 0) return 'unknown';
  const handover = steps.findIndex((step) => HANDOVER.has(step.nodeType));
  const before = handover < 0 ? steps : steps.slice(0, handover);
  const classified = before.filter((step) => step.nodeType === CLASSIFY_STEP_TYPE);
  if (classified.some((step) => step.port !== null && HUMAN_CATEGORY.test(step.port)))
    return 'customer_asked';
  if (classified.some((step) => step.port === 'low_confidence')) return 'low_confidence';
  return 'rule';
}
