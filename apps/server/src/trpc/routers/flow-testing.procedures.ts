import { FlowCompileError } from '@flowdesk/engine';
import { type FlowGraph, hasErrors } from '@flowdesk/model';
import { z } from 'zod';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { ROLES } from '../../auth/roles.ts';
import { loadFlow, problemDetails, readFlowInput } from '../../flows/flow-documents.ts';
import { lintInWorkspace } from '../../flows/flow-lint.ts';
import { runSampleOn, sampleCustomer, TestCaseSampleSchema } from '../../flows/flow-test-cases.ts';
import { liveFlowsInOrder } from '../../flows/live-flows.ts';
import { AppError } from '../../http/app-error.ts';
import { type PresentedDryRun, presentDryRun } from '../../runtime/dry-run/dry-run.ts';
import { dryRunLiveFlows } from '../../runtime/dry-run/dry-run-live.ts';
import { FlowIdInput } from '../inputs.ts';
import { procedure } from '../trpc.ts';

/**
 * The editor's test run: the draft (or an unsaved graph) against a sample
 * request or event, with simulated activities and waits fast-forwarded.
 * Nothing is stored and nothing is sent. `customer` is who the sample comes
 * from (an existing customer or a profile set by hand), used wherever the live
 * runtime reads the customer (dry-run-sample.ts).
 */
const TestRunInput = z.union([
  FlowIdInput.extend(TestCaseSampleSchema.shape),
  z.strictObject({ graph: z.unknown(), ...TestCaseSampleSchema.shape }),
]);

const TEMPLATE_FAILURES: ReadonlySet<string> = new Set(['engine.template_limit', 'engine.template_failed']);

/**
 * A template that cannot be rendered (broken, or over a Liquid limit) is the
 * flow's content, not our fault: the run stops at that step, and the caller
 * gets 422 with the step and the trace so far, never a 500.
 */
function refuseUnrenderable(outcome: PresentedDryRun, graph: FlowGraph): PresentedDryRun {
  const incident = outcome.incident;
  if (!incident || !TEMPLATE_FAILURES.has(incident.code)) return outcome;
  const node = graph.nodes.find((candidate) => candidate.id === incident.nodeId);
  const problem = {
    code: incident.code,
    severity: 'error' as const,
    nodeId: incident.nodeId,
    field: 'config',
    message: incident.message,
  };
  const details = problemDetails([problem], graph);
  throw new AppError('unprocessable', 'test_run_template_failed', {
    params: {
      node: node?.label ?? incident.nodeId,
      detailZh: incident.message['zh-CN'],
      detailEn: incident.message.en,
    },
    pointer: details[0]?.pointer,
    details,
    extra: { outcome },
  });
}

export const flowTestingProcedures = {
  // A test run can make the server evaluate any expression and template the caller writes: editors only.
  testRun: procedure
    .meta({ roles: ROLES.flowEditors })
    .input(TestRunInput)
    .mutation(async ({ ctx, input }) => {
      const graph =
        'id' in input
          ? (await loadFlow(ctx.services.store, input.id)).draft
          : readFlowInput(input.graph).graph;
      const problems = await lintInWorkspace(ctx.services.store, graph);
      if (hasErrors(problems)) {
        const errors = problems.filter((problem) => problem.severity === 'error');
        throw new AppError('precondition_failed', 'test_run_blocked', {
          params: { count: errors.length },
          details: problemDetails(problems, graph),
        });
      }
      try {
        const { data, customer, approvalOutcome } = input;
        const sample = {
          data,
          ...(customer ? { customer } : {}),
          ...(approvalOutcome ? { approvalOutcome } : {}),
        };
        const outcome = await runSampleOn(
          ctx.services.store,
          graph,
          sample,
          ctx.services.clock.now().toISOString(),
        );
        const presented = refuseUnrenderable(presentDryRun(outcome), graph);
        // Added only when the trigger turns the sample away, so answers otherwise keep their shape.
        return outcome.notStarted ? { ...presented, notStarted: outcome.notStarted } : presented;
      } catch (error) {
        if (!(error instanceof FlowCompileError)) throw error;
        throw new AppError('precondition_failed', 'test_run_blocked', {
          params: { count: error.problems.length },
          details: problemDetails([...error.problems], graph),
        });
      }
    }),

  /**
   * The sample against every live flow at once, in the order intake tries
   * them: which ones it would start (entry conditions, exclusive flows) and
   * what each would do. Offline like testRun: nothing stored or sent. The
   * customer is given as for testRun (picked or set by hand).
   */
  testRunLive: procedure
    .meta({ roles: ROLES.flowEditors })
    .input(TestCaseSampleSchema)
    .mutation(async ({ ctx, input }) => {
      const { live } = await liveFlowsInOrder(ctx.services.store, DEFAULT_WORKSPACE_ID);
      const customer = await sampleCustomer(ctx.services.store, input);
      const startedAt = ctx.services.clock.now().toISOString();
      const result = dryRunLiveFlows(live, input.data, startedAt, customer, input.approvalOutcome);
      if (!result.trigger) throw new AppError('unprocessable', 'test_run_live_no_trigger');
      return result;
    }),
};
