import type { inferOutput } from '@trpc/tanstack-react-query';
import type { useTRPC } from '../../api/trpc.ts';

/** What the threshold what-if answers, inferred from the router type (no server code crosses). */
type Api = ReturnType<typeof useTRPC>;

export type WhatIfAnswer = inferOutput<Api['thresholdWhatIf']['compute']>;
export type WhatIfPoint = WhatIfAnswer['points'][number];
