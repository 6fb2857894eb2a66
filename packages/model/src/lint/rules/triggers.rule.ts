import type { LintContext } from '../lint-context.ts';
import { message } from '../messages.ts';
import type { Problem } from '../problem.ts';

/** A flow starts from exactly one trigger. */
export function lintTriggers(context: LintContext): Problem[] {
  const { triggerIds } = context;
  if (triggerIds.length === 0) {
    return [{ code: 'flow.no_trigger', severity: 'error', message: message('flow.no_trigger') }];
  }
  return triggerIds.slice(1).map((nodeId) => ({
    code: 'flow.multiple_triggers',
    severity: 'error' as const,
    nodeId,
    message: message('flow.multiple_triggers', { count: triggerIds.length }),
  }));
}
