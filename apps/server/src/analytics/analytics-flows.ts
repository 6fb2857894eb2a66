import type { LocalizedText } from '@flowdesk/model';
import type { Store } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../app-ports.ts';

/** A flow as the dashboard's flow filter names it: no graph, no draft, nothing an editor writes. */
export interface AnalyticsFlowChoice {
  id: string;
  name: string;
  localizedName?: LocalizedText;
}

/**
 * The flows a KPI filter may name, for every analytics reader: supervisors
 * judge the service by flow too, yet must not read or edit the flows themselves
 * (flows.list is for flow readers and carries each flow's state and versions).
 * Archived flows are left out, as in the flow list.
 */
export async function analyticsFlowChoices(store: Store): Promise<AnalyticsFlowChoice[]> {
  const flows = await store.flows.list({ workspaceId: DEFAULT_WORKSPACE_ID, includeArchived: false });
  return flows.map((flow) => ({
    id: flow.id,
    name: flow.name,
    ...(flow.localizedName ? { localizedName: flow.localizedName } : {}),
  }));
}
