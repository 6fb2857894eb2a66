import type { LocalizedText } from '../i18n.ts';

export type Severity = 'error' | 'warning';

/**
 * One thing wrong with a flow, pointing at what the admin must change:
 * the node, the edge and the config field (`config.cases[1].value`).
 */
export interface Problem {
  readonly code: string;
  readonly severity: Severity;
  readonly nodeId?: string;
  readonly edgeId?: string;
  readonly field?: string;
  readonly message: LocalizedText;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}
