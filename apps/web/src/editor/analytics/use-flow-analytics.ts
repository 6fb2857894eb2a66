import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../api/trpc.ts';

export interface FlowAnalyticsChoice {
  version: number;
  compareWith: number | null;
  /**
   * Days picked by the person; null until then: the server reads its default, the last 30 days
   * ending today in the workspace's time zone (the browser's today may be a day off), and says which.
   */
  from: string | null;
  to: string | null;
}

/** What the analytics overlay shows and the reads behind it: the picked version's graph, its figures and the comparison. */
export function useFlowAnalytics(flowId: string, liveVersion: number) {
  const trpc = useTRPC();
  const [choice, setChoice] = useState<FlowAnalyticsChoice>(() => ({
    version: liveVersion,
    compareWith: liveVersion > 1 ? liveVersion - 1 : null,
    from: null,
    to: null,
  }));
  const range = {
    flowId,
    ...(choice.from ? { from: choice.from } : {}),
    ...(choice.to ? { to: choice.to } : {}),
  };
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
