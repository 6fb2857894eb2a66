import type { FlowGraph } from '@flowdesk/model';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPCClient } from '../../api/trpc.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { type SampleSourceProvider, sampleFromExecutionData } from './sample-sources.ts';
import { triggerTypeOf } from './test-sample.ts';

/**
 * The samples a test run can start from: the flow's last 20 executions,
 * then its template's samples; each is read into the form of the graph's trigger.
 */
export function useTestRunSamples(flowId: string, graph: FlowGraph): SampleSourceProvider {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useTRPCClient();
  return useCallback<SampleSourceProvider>(async () => {
    const triggerType = triggerTypeOf(graph);
    const [page, samples] = await Promise.all([
      client.executions.list.query({ flowId, limit: 20 }),
      // Only editors may read templates; a viewer still gets the past requests.
      client.templates.samplesForFlow.query({ flowId }).catch(() => []),
    ]);
    const templateSamples = samples.map((sample) => ({
      id: sample.id,
      group: 'template' as const,
      label: sample.title[locale],
      load: async () => sampleFromExecutionData(triggerType, { request: sample.request }),
      ...(sample.customer ? { customer: sample.customer } : {}),
    }));
    const past = page.items.map((execution) => ({
      id: execution.id,
      group: 'past' as const,
      label: `${new Date(execution.startedAt).toLocaleString(locale)} · v${execution.version} · ${t(`executionStatus.${execution.status}`)}`,
      load: async () =>
        sampleFromExecutionData(
          triggerType,
          (await client.executions.get.query({ id: execution.id })).state.data,
        ),
    }));
    return [...past, ...templateSamples];
  }, [client, flowId, graph, locale, t]);
}
