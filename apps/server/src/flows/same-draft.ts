import type { FlowGraph } from '@flowdesk/model';
import { canonicalJson } from '../rest/idempotency.ts';

/**
 * Whether a draft save would store what is stored already. Opening a flow, or
 * tidying one that is tidy, sends the same graph back; saving it would move
 * "last changed" and the revision for nothing. Key order does not count, so
 * the comparison is of canonical JSON.
 */
export function isSameDraft(stored: FlowGraph, saved: FlowGraph): boolean {
  return canonicalJson(stored) === canonicalJson(saved);
}
