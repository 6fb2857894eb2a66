import type { FlowGraph, Problem } from '@flowdesk/model';
import { useMemo } from 'react';
import { executionPath } from '../executions/execution-path.ts';
import type { TestRunResult } from './test-run/test-run-result.ts';
import { problemCounts } from './use-lint.ts';

/**
 * What the canvas draws over the flow: each node's problem count and, after a test
 * run, the run's path the way an execution's is drawn. The path stays until the next
 * run or "Clear".
 */
export function useCanvasDecorations(
  graph: FlowGraph,
  problems: readonly Problem[],
  testResult: TestRunResult | undefined,
) {
  return useMemo(
    () => ({
      problems: problemCounts(problems),
      ...(testResult
        ? executionPath(
            graph,
            testResult.steps.map((step) => ({
              nodeId: step.nodeId,
              port: step.port ?? null,
              error: step.error,
            })),
            null,
          )
        : {}),
    }),
    [problems, testResult, graph],
  );
}
