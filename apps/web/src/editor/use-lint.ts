import { type FlowGraph, lintFlow, type Problem } from '@flowdesk/model';
import { useEffect, useState } from 'react';

/** How long typing may pause before the flow is checked again. */
export const LINT_DELAY_MS = 250;

function safeLint(graph: FlowGraph): Problem[] {
  try {
    return lintFlow(graph);
  } catch {
    // lintFlow promises not to throw for schema-valid graphs; a half-typed value must not break the editor.
    return [];
  }
}

/** The flow's problems, recomputed shortly after each change. */
export function useLint(graph: FlowGraph): Problem[] {
  const [problems, setProblems] = useState(() => safeLint(graph));
  useEffect(() => {
    const timer = setTimeout(() => setProblems(safeLint(graph)), LINT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [graph]);
  return problems;
}

export function problemCounts(
  problems: readonly Problem[],
): Map<string, { errors: number; warnings: number }> {
  const counts = new Map<string, { errors: number; warnings: number }>();
  for (const problem of problems) {
    if (!problem.nodeId) continue;
    const count = counts.get(problem.nodeId) ?? { errors: 0, warnings: 0 };
    if (problem.severity === 'error') count.errors++;
    else count.warnings++;
    counts.set(problem.nodeId, count);
  }
  return counts;
}
