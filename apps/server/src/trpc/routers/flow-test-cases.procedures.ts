import { FlowCompileError } from '@flowdesk/engine';
import { type FlowGraph, hasErrors } from '@flowdesk/model';
import type { JsonObject } from '@flowdesk/store';
import { z } from 'zod';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { ROLES } from '../../auth/roles.ts';
import { loadFlow, problemDetails, readFlowInput } from '../../flows/flow-documents.ts';
import { lintInWorkspace } from '../../flows/flow-lint.ts';
import {
  ExpectedRunSchema,
  pathOf,
  runSampleOn,
  runTestCases,
  TestCaseSampleSchema,
} from '../../flows/flow-test-cases.ts';
import { AppError } from '../../http/app-error.ts';
import { FlowIdInput } from '../inputs.ts';
import { actorOf, procedure } from '../trpc.ts';

/**
 * A flow's saved test cases, kept on the server and shared by everyone who
 * edits the flow: list (viewers too), save and delete (editors), and run them
 * all against the draft on screen. Publishing runs them too
 * (flow-publishing.procedures.ts). Cases hold customer data, so answers are
 * masked for the caller's role like any other.
 */

const CaseName = z.string().trim().min(1).max(100);

/** The graph on screen (unsaved edits included), else the stored draft; refused while it has lint errors. */
async function runnableGraph(
  store: Parameters<typeof loadFlow>[0],
  flowId: string,
  given: unknown,
): Promise<FlowGraph> {
  const graph = given === undefined ? (await loadFlow(store, flowId)).draft : readFlowInput(given).graph;
  const problems = await lintInWorkspace(store, graph);
  if (hasErrors(problems)) {
    throw new AppError('precondition_failed', 'test_run_blocked', {
      params: { count: problems.filter((problem) => problem.severity === 'error').length },
      details: problemDetails(problems, graph),
    });
  }
  return graph;
}

function compileRefusal(error: unknown, graph: FlowGraph): never {
  if (!(error instanceof FlowCompileError)) throw error;
  throw new AppError('precondition_failed', 'test_run_blocked', {
    params: { count: error.problems.length },
    details: problemDetails([...error.problems], graph),
  });
}

export const flowTestCaseProcedures = {
  testCases: procedure
    .meta({ roles: ROLES.flowReaders })
    .input(FlowIdInput)
    .query(async ({ ctx, input }) => {
      const flow = await loadFlow(ctx.services.store, input.id);
      const cases = await ctx.services.store.flowTestCases.list(flow.id);
      return cases.map((entry) => ({
        id: entry.id,
        name: entry.name,
        sample: entry.sample,
        expected: entry.expected,
        createdBy: entry.createdBy,
        updatedBy: entry.updatedBy,
        updatedAt: entry.updatedAt,
      }));
    }),

  /**
   * Saves the sample under a name (replacing the flow's case of that name).
   * Without `expected`, the sample is run against `graph` (or the stored draft)
   * now, and the path it takes becomes what the case expects.
   */
  saveTestCase: procedure
    .meta({ roles: ROLES.flowEditors })
    .input(
      FlowIdInput.extend({
        name: CaseName,
        sample: TestCaseSampleSchema,
        graph: z.unknown().optional(),
        expected: ExpectedRunSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { store, ids, clock } = ctx.services;
      const flow = await loadFlow(store, input.id);
      let expected = input.expected;
      if (!expected) {
        const graph = await runnableGraph(store, flow.id, input.graph);
        try {
          expected = pathOf(await runSampleOn(store, graph, input.sample, clock.now().toISOString()));
        } catch (error) {
          compileRefusal(error, graph);
        }
      }
      const saved = await store.flowTestCases.save({
        id: ids.next(),
        flowId: flow.id,
        workspaceId: DEFAULT_WORKSPACE_ID,
        name: input.name,
        sample: input.sample as JsonObject,
        expected: expected as unknown as JsonObject,
        savedBy: actorOf(ctx).id,
        now: clock.now().toISOString(),
      });
      return { id: saved.id, name: saved.name, sample: saved.sample, expected: saved.expected };
    }),

  deleteTestCase: procedure
    .meta({ roles: ROLES.flowEditors })
    .input(FlowIdInput.extend({ caseId: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const { store } = ctx.services;
      const found = await store.flowTestCases.get(input.caseId);
      if (!found || found.flowId !== input.id || !(await store.flowTestCases.delete(found.id))) {
        throw new AppError('not_found', 'test_case_not_found', { params: { id: input.caseId } });
      }
      return { deleted: true };
    }),

  /** "Run all": every saved case against the draft on screen, each with pass or fail and where it turned off. */
  runTestCases: procedure
    .meta({ roles: ROLES.flowEditors })
    .input(FlowIdInput.extend({ graph: z.unknown().optional() }))
    .mutation(async ({ ctx, input }) => {
      const { store, clock } = ctx.services;
      const flow = await loadFlow(store, input.id);
      const graph = await runnableGraph(store, flow.id, input.graph);
      const results = await runTestCases(store, flow.id, graph, clock.now().toISOString());
      return { results, passed: results.filter((result) => result.passed).length, total: results.length };
    }),
};
