import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../api/trpc.ts';
import { lastDays } from '../../surveys/survey-range.ts';

/**
 * The overlay's range by default: the last 30 days, today included. The server reads the
 * days in the workspace's time zone; "today" is the browser's, as on the dashboard.
 */
export const DEFAULT_RANGE_DAYS = 30;

export function defaultRange(now: Date): { from: string; to: string } {
  return lastDays(now, DEFAULT_RANGE_DAYS);
}

export interface FlowAnalyticsChoice {
  version: number;
  compareWith: number | null;
  from: string;
  to: string;
}

/** What the analytics overlay shows and the reads behind it: the picked version's graph, its figures and the comparison. */
export function useFlowAnalytics(flowId: string, liveVersion: number) {
  const trpc = useTRPC();
  const [choice, setChoice] = useState<FlowAnalyticsChoice>(() => ({
    version: liveVersion,
    compareWith: liveVersion > 1 ? liveVersion - 1 : null,
    ...defaultRange(new Date()),
  }));
  const range = { flowId, from: choice.from, to: choice.to };
  const versions = useQuery(trpc.versions.list.queryOptions({ flowId }));
  const published = useQuery(trpc.versions.get.queryOptions({ flowId, version: choice.version }));
  const overlay = useQuery({
    ...trpc.flowAnalytics.overlay.queryOptions({ ...range, version: choice.version }),
    placeholderData: keepPreviousData,
  });
  const compare = useQuery({
    ...trpc.flowAnalytics.compare.queryOptions({
      ...range,
      a: choice.version,
      b: choice.compareWith ?? choice.version,
    }),
    enabled: choice.compareWith !== null,
    placeholderData: keepPreviousData,
  });
  return {
    choice,
    change: (patch: Partial<FlowAnalyticsChoice>) =>
      setChoice((current) => {
        const next = { ...current, ...patch };
        // A version is not compared with itself: picking the compared one drops the comparison.
        return next.compareWith === next.version ? { ...next, compareWith: null } : next;
      }),
    versions: versions.data?.map((entry) => entry.version) ?? [],
    graph: published.data?.graph,
    overlay,
    compare: choice.compareWith === null ? undefined : compare,
  };
}

export type FlowAnalyticsState = ReturnType<typeof useFlowAnalytics>;
