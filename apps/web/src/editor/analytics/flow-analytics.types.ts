import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../../api/trpc.ts';

type Procedures = TRPCOptionsProxy<AppRouter>['flowAnalytics'];
export type OverlayAnswer = inferOutput<Procedures['overlay']>;
export type CompareAnswer = inferOutput<Procedures['compare']>;
export type VersionOverlay = OverlayAnswer['overlay'];
export type OutcomeFigures = VersionOverlay['outcomes'];
export type VersionComparison = CompareAnswer['comparison'];
