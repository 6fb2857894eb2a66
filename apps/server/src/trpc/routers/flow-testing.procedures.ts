import { DataPatchSchema, FlowCompileError } from '@flowdesk/engine';
import { hasErrors, lintFlow } from '@flowdesk/model';
import { z } from 'zod';
import { ROLES } from '../../auth/roles.ts';
import { loadFlow, problemDetails, readFlowInput } from '../../flows/flow-documents.ts';
import { AppError } from '../../http/app-error.ts';
import { dryRunFlow } from '../../runtime/dry-run/dry-run.ts';
import { FlowIdInput } from '../inputs.ts';
import { procedure } from '../trpc.ts';

/**
 * The editor's test run: the draft (or an unsaved graph) against a sample
 * request or event, with simulated activities and waits fast-forwarded.
 * Nothing is stored and nothing is sent.
 */
const TestRunInput = z.union([
  FlowIdInput.extend({ data: DataPatchSchema }),
  z.strictObject({ graph: z.unknown(), data: DataPatchSchema }),
]);

export const flowTestingProcedures = {
  testRun: procedure
    .meta({ roles: ROLES.flowReaders })
    .input(TestRunInput)
    .mutation(async ({ ctx, input }) => {
      const graph =
        'id' in input
          ? (await loadFlow(ctx.services.store, input.id)).draft
          : readFlowInput(input.graph).graph;
      const problems = lintFlow(graph);
      if (hasErrors(problems)) {
        const errors = problems.filter((problem) => problem.severity === 'error');
        throw new AppError('precondition_failed', 'test_run_blocked', {
          params: { count: errors.length },
          details: problemDetails(problems, graph),
        });
      }
      try {
        return dryRunFlow(graph, { data: input.data }, ctx.services.clock.now().toISOString());
      } catch (error) {
        if (!(error instanceof FlowCompileError)) throw error;
        throw new AppError('precondition_failed', 'test_run_blocked', {
          params: { count: error.problems.length },
          details: problemDetails([...error.problems], graph),
        });
      }
    }),
};
