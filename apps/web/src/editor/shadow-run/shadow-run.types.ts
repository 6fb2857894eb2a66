import type { inferOutput } from '@trpc/tanstack-react-query';
import type { useTRPC } from '../../api/trpc.ts';

/** What the shadow-run procedures answer, inferred from the router type (no server code crosses). */
type Api = ReturnType<typeof useTRPC>;

export type ShadowRunView = inferOutput<Api['shadow']['progress']>;
export type ShadowReportAnswer = inferOutput<Api['shadow']['report']>;
export type ShadowReportData = Pick<ShadowReportAnswer, 'report' | 'traces' | 'teamNames' | 'coverage'>;
export type OutcomeTotals = ShadowReportAnswer['report']['live'];
export type ChangeGroup = ShadowReportAnswer['report']['groups'][number];
export type ShadowTrace = ShadowReportAnswer['traces'][number];
export type TraceSide = ShadowTrace['live'];
