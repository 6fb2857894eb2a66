import { getNodeType } from '@flowdesk/model';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../api/trpc.ts';
import { useLocale } from '../../i18n/i18n.ts';

/** A step's name as the canvas shows it: its label, else its type's; the draft names steps the live version also has. */
export function useNodeLabels(flowId: string, enabled: boolean): (nodeId: string) => string {
  const trpc = useTRPC();
  const locale = useLocale();
  const flow = useQuery({ ...trpc.flows.get.queryOptions({ id: flowId }), enabled });
  const nodes = new Map((flow.data?.draft.nodes ?? []).map((node) => [node.id, node]));
  return (nodeId) => {
    const node = nodes.get(nodeId);
    return node?.label || (node ? getNodeType(node.type)?.label[locale] : undefined) || nodeId;
  };
}
