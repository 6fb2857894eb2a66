import { ROLES } from '../../auth/roles.ts';
import {
  CompareInputSchema,
  flowCompare,
  flowOverlay,
  OverlayInputSchema,
} from '../../flow-analytics/flow-analytics-service.ts';
import { procedure, router } from '../trpc.ts';

/**
 * Flow analytics on the canvas (issue 14, item 3): what the executions of a
 * published version did, per edge and step, and two versions side by side.
 * Read from the rollups of SQLite migration 031; whoever may read the flow may
 * read them. Days are the workspace's, inclusive, at most 366 (left out: the
 * last 30 days); a reversed range, an unknown flow or version are translated errors.
 */
export const flowAnalyticsRouter = router({
  overlay: procedure
    .meta({ roles: ROLES.flowReaders })
    .input(OverlayInputSchema)
    .query(({ ctx, input }) => flowOverlay(ctx.services.store, input, ctx.services.clock.now())),

  compare: procedure
    .meta({ roles: ROLES.flowReaders })
    .input(CompareInputSchema)
    .query(({ ctx, input }) => flowCompare(ctx.services.store, input, ctx.services.clock.now())),
});
