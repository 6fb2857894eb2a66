import { z } from 'zod';
import { ROLES } from '../../auth/roles.ts';
import {
  computeThresholdWhatIf,
  WHAT_IF_MAX_REQUESTS,
  type WhatIfSelection,
} from '../../classify-what-if/threshold-what-if.service.ts';
import { procedure, router } from '../trpc.ts';

/**
 * A Classify step's threshold what-if (issue 18, item 3): what each
 * confidence threshold would have done to the live version's past requests.
 * Who may edit flows may ask (the answer is for changing the step); it reads
 * only counts, no contacts.
 */
const ComputeInput = z
  .strictObject({
    flowId: z.string().min(1).max(200),
    nodeId: z.string().min(1).max(200),
    last: z.number().int().min(1).max(WHAT_IF_MAX_REQUESTS).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((input) => (input.from === undefined) === (input.to === undefined), {
    message: 'from and to go together',
    path: ['to'],
  });

function selectionOf(input: z.infer<typeof ComputeInput>): WhatIfSelection {
  if (input.from !== undefined && input.to !== undefined) {
    return {
      from: new Date(input.from).toISOString(),
      to: new Date(input.to).toISOString(),
      ...(input.last !== undefined ? { last: input.last } : {}),
    };
  }
  return { last: input.last ?? 500 };
}

export const thresholdWhatIfRouter = router({
  /** Every threshold 0..1 in hundredths: share and count handed to people, precision of the rest (or null), hand-offs per day. */
  compute: procedure
    .meta({ roles: ROLES.flowEditors })
    .input(ComputeInput)
    .query(({ ctx, input }) =>
      computeThresholdWhatIf(ctx.services.store, {
        flowId: input.flowId,
        nodeId: input.nodeId,
        selection: selectionOf(input),
      }),
    ),
});
