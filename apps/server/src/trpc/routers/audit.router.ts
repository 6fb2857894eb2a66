import { z } from 'zod';
import { ROLES } from '../../auth/roles.ts';
import { AppError } from '../../http/app-error.ts';
import { procedure, router } from '../trpc.ts';

/** Settings → Audit log: who did what, newest first. Admins only. */

const ListInput = z
  .strictObject({
    /** An exact action name, e.g. `flow.publish`. */
    action: z.string().trim().min(1).max(100).optional(),
    /** A user id, an email, or an API key id, exactly. */
    actor: z.string().trim().min(1).max(320).optional(),
    /** Inclusive. */
    from: z.iso.datetime({ offset: true }).optional(),
    /** Exclusive. */
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).nullish(),
    /** Sent by the web app's infinite query; pages only go back in time, so it is ignored. */
    direction: z.enum(['forward', 'backward']).optional(),
  })
  .default({ limit: 50 });

export const auditRouter = router({
  /** Newest first; pass nextCursor back for the next page. */
  list: procedure
    // Entries name staff (who did it: their email) and never hold a customer's contact (a reveal
    // records the ticket and customer id only); masked, admins could no longer tell who did what.
    .meta({ roles: ROLES.admins, contacts: 'none' })
    .input(ListInput)
    .query(async ({ ctx, input }) => {
      try {
        const { direction: _direction, ...query } = input;
        return await ctx.services.store.audit.list(query);
      } catch (error) {
        if (!(error instanceof RangeError || error instanceof SyntaxError)) throw error;
        throw new AppError('bad_request', 'invalid_request', {
          pointer: '/cursor',
          params: {
            detailZh: '翻页位置无效，请从第一页重新开始',
            detailEn: 'the page cursor is not valid; start again from the first page',
          },
        });
      }
    }),
});
