import { EXECUTION_STATUSES } from '@flowdesk/store';
import { z } from 'zod';
import { ROLES } from '../../auth/roles.ts';
import { executionHeader, listExecutions } from '../../executions/execution-list.ts';
import { AppError } from '../../http/app-error.ts';
import { presentStoredState, presentStoredStep } from '../../messages/describe-code.ts';
import { roleSeesContacts } from '../../privacy/contact-masking.ts';
import { VersionNumber } from '../inputs.ts';
import { actorOf, procedure, router } from '../trpc.ts';

/** Executions as history and trace: what ran, on which version, step by step. */

const Status = z.enum(EXECUTION_STATUSES);

const ListInput = z
  .strictObject({
    /**
     * A ticket number (or its start), or the customer's name, email, phone, customer id or channel account id.
     * Email and phone match in part only for roles that see contacts whole.
     */
    search: z.string().trim().max(200).optional(),
    flowId: z.string().min(1).max(200).optional(),
    version: VersionNumber.optional(),
    status: z.union([Status, z.array(Status).min(1).max(EXECUTION_STATUSES.length)]).optional(),
    /** Inclusive. */
    startedAfter: z.iso.datetime({ offset: true }).optional(),
    /** Exclusive. */
    startedBefore: z.iso.datetime({ offset: true }).optional(),
    limit: z.number().int().min(1).max(500).default(50),
    cursor: z.string().max(500).nullish(),
  })
  .default({ limit: 50 });

const ExecutionIdInput = z.strictObject({ id: z.string().min(1).max(200) });

export const executionsRouter = router({
  /**
   * Newest first; pass nextCursor back for the next page. Each item names its
   * flow, ticket and customer (masked like every answer) and says where it
   * stands in one translated line (`outcome`).
   */
  list: procedure
    .meta({ roles: ROLES.executionReaders })
    .input(ListInput)
    .query(({ ctx, input }) =>
      // A role that sees contacts masked finds one only by the whole email or phone, so
      // searching part of one cannot rebuild what the mask hides.
      listExecutions(ctx.services.store, {
        ...input,
        contactMatch: roleSeesContacts(actorOf(ctx).role) ? 'partial' : 'whole',
      }),
    ),

  /** The execution with its step log: node, input, output, port, timings and errors. */
  get: procedure
    .meta({ roles: ROLES.executionReaders })
    .input(ExecutionIdInput)
    .query(async ({ ctx, input }) => {
      const { store } = ctx.services;
      const execution = await store.executions.get(input.id);
      if (!execution) throw new AppError('not_found', 'execution_not_found', { params: { id: input.id } });
      const steps = await store.executions.listSteps(input.id);
      // Stored as codes and params; the answer carries the text, as it always has.
      return {
        ...execution,
        ...(await executionHeader(store, execution)),
        state: presentStoredState(execution.state),
        steps: steps.map(presentStoredStep),
        // The retention prune took the step log (docs/operations.md); the trace says so instead of showing none.
        stepsPruned: execution.stepsPrunedAt
          ? { at: execution.stepsPrunedAt, keptDays: ctx.services.config.executionRetentionDays }
          : null,
      };
    }),

  /** Retries a failed execution from its failed step, on the version it started with. */
  retry: procedure
    .meta({ roles: ROLES.executionOperators })
    .input(ExecutionIdInput)
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.services.runtime.retryExecution(input.id, actorOf(ctx).id);
      if (result.ok) return { executionId: result.executionId, status: result.status };
      if (result.reason === 'not_found') {
        throw new AppError('not_found', 'execution_not_found', { params: { id: input.id } });
      }
      const status = result.status ?? '?';
      throw new AppError('precondition_failed', 'retry_refused', {
        params: {
          detailZh: `只有失败的执行可以重试（当前状态：${status}）`,
          detailEn: `only failed executions can be retried (status: ${status})`,
        },
        extra: { status },
      });
    }),
});
