import { handoffReasonFromSteps as fromSteps, type HandoffStep } from '@flowdesk/store';
import type { HandoffReason } from './kpi-records.ts';

export type { HandoffStep };

/**
 * Why a flow handed a ticket to people, read from its execution's step log (node
 * types and ports only). The rule lives in the store (shared/handoff-steps.ts) next to
 * the retention prune, which keeps exactly the steps it reads.
 */
export function handoffReasonFromSteps(steps: readonly HandoffStep[]): HandoffReason {
  return fromSteps(steps);
}
