import { type FlowGraph, lintFlow, type Problem, type WorkspaceReferences } from '@flowdesk/model';
import { useEffect, useState } from 'react';
import { useWorkspaceReferences } from './inspector/workspace-references-context.tsx';

/** How long typing may pause before the flow is checked again. */
export const LINT_DELAY_MS = 250;

function safeLint(graph: FlowGraph, workspace: WorkspaceReferences | undefined): Problem[] {
  try {
    return lintFlow(graph, workspace ? { workspace } : {});
  } catch {
    // lintFlow promises not to throw for schema-valid graphs; a half-typed value must not break the editor.
    return [];
  }
}

/**
 * The flow's problems, recomputed shortly after each change. Once the
 * workspace's teams, agents, templates… have loaded (workspace.references),
 * a field naming one that does not exist is a problem here too, as it is
 * when the server lints and publishes.
 */
export function useLint(graph: FlowGraph): Problem[] {
  const workspace = useWorkspaceReferences();
  const [problems, setProblems] = useState(() => safeLint(graph, workspace));
  useEffect(() => {
    const timer = setTimeout(() => setProblems(safeLint(graph, workspace)), LINT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [graph, workspace]);
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
